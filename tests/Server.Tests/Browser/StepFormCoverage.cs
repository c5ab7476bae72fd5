using Server.Components.Cases;
using Workflow.Applications;

namespace Server.Tests.Browser;

/// <summary>Every lifecycle step has its form on the case page (文书 are issued from the notice pages), and no form names an unknown step.</summary>
public sealed class StepFormCoverage
{
    [Fact]
    public void every_step_but_notices_has_a_form_and_every_forms_input_is_a_property_of_its_command()
    {
        StepForms.All.Select(f => f.Step).Should().BeEquivalentTo(LifecycleSteps.All.Select(s => s.Name).Where(name => name != "notice"));
        foreach (var form in StepForms.All)
        {
            form.CommandType.Should().Be(LifecycleSteps.Find(form.Step)!.CommandType);
            foreach (var property in form.GetType().GetProperties().Where(p => p.CanWrite && p.Name != nameof(StepFormModel.Version)))
                form.CommandType.GetProperty(property.Name)
                    .Should().NotBeNull($"the input {property.Name} of {form.Step} is a property of {form.CommandType.Name}, so the posted name is the command's path and a refusal naming it lands there");
        }
    }
}
