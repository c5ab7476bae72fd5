using Server.Components.Cases;
using Workflow.Applications;

namespace Server.Tests.Browser;

/// <summary>Every lifecycle step has its form on the case page (文书 are issued from the notice pages), and no form names an unknown step.</summary>
public sealed class StepFormCoverage
{
    [Fact]
    public void every_step_but_notices_has_a_form_and_every_form_a_step()
    {
        StepForms.All.Select(f => f.Step).Should().BeEquivalentTo(LifecycleSteps.All.Select(s => s.Name).Where(name => name != "notice"));
        foreach (var form in StepForms.All)
            foreach (var field in form.Fields)
                form.CommandType.GetProperty(field.Name, System.Reflection.BindingFlags.IgnoreCase | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                    .Should().NotBeNull($"the input {field.Name} of {form.Step} is a property of {form.CommandType.Name}, so a refusal naming it lands there");
    }

    [Fact]
    public void the_extension_hint_states_the_clocks_limits_in_words()
    {
        StepForms.ExtensionLimitHint.Should().Be("最长20个工作日（2019年5月15日前收到的申请最长15个工作日）");
        StepForms.Find("extension")!.Fields.Single(f => f.Name == "workingDays").Hint.Should().Be(StepForms.ExtensionLimitHint);
    }
}
