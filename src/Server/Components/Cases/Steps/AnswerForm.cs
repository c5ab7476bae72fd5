using System.Globalization;
using Workflow.Applications;
using Workflow.Vocabulary;
using F = Workflow.Vocabulary.ChineseTerms.Field;

namespace Server.Components.Cases;

/// <summary>
/// 答复 → <see cref="AnswerApplication"/>. Besides its plain inputs, one result and reason per requested item, posted as
/// the command's paths <c>items[i].result</c> and <c>items[i].reason</c> (i is the item's position in the application), so
/// a refusal naming <c>items[1].reason</c> lands on that input as it is.
/// </summary>
public sealed class AnswerForm : StepForm<AnswerApplication>
{
    public string? AnsweredOn { get; set; }
    public string? ReplyDocumentNumber { get; set; }
    public string? ServiceMethod { get; set; }
    public string? ServedOn { get; set; }
    public string? ChosenRow { get; set; }

    /// <summary>The items' results by position: a dictionary, so an item left out of the post loses no other item.</summary>
    public Dictionary<int, AnswerItemForm> Items { get; set; } = [];

    public override bool Closes => true;

    public override string Guidance => "逐项选择办理结果；除予以公开外，均应说明理由。统计行由各项结果自动确定。";

    public static string ItemResultName(int index) => $"items[{index}].result";

    public static string ItemReasonName(int index) => $"items[{index}].reason";

    public AnswerItemForm ItemAt(int index) => Items.GetValueOrDefault(index) ?? new AnswerItemForm();

    public override void Prefill(CaseContext context) => AnsweredOn = Today(context);

    public override void FillMissingParts() => Items ??= [];

    public override IReadOnlyList<StepInput> Inputs(CaseContext context) =>
    [
        DateInput(nameof(AnsweredOn), F.AnsweredOn, AnsweredOn),
        TextInput(nameof(ReplyDocumentNumber), F.ReplyDocumentNumber, ReplyDocumentNumber),
        ChoiceInput<ServiceMethod>(nameof(ServiceMethod), F.ServiceMethod, ServiceMethod, required: false),
        DateInput(nameof(ServedOn), F.ServedOn, ServedOn, required: false,
            hint: "当面送达为签收日，邮寄为交邮之日；尚未送达可不填，送达后另行登记。年报按送达之日所在年度统计"),
        ChoiceInput<ResultRow>(nameof(ChosenRow), F.ChosenRow, ChosenRow, required: false, hint: "分属不同情形的，默认计入表列在先的一项")
            with { Empty = "按表列顺序自动确定" },
    ];

    protected override AnswerApplication Command(StepFormReader read, CommandHeader header, CaseContext context)
    {
        var answeredOn = read.Date(nameof(AnsweredOn));
        List<ItemAnswer> items = [];
        for (var index = 0; index < context.File.Items.Count; index++)
        {
            var item = context.File.Items[index];
            var posted = ItemAt(index);
            var result = StepFormReader.Trimmed(posted.Result);
            if (result is null || !Enum.GetNames<ItemResult>().Contains(result, StringComparer.Ordinal))
            {
                read.Fail(ItemResultName(index), $"请为第{item.Number}项选择{F.ItemResult}。");
                continue;
            }
            items.Add(new ItemAnswer(item.Number, Enum.Parse<ItemResult>(result), StepFormReader.Trimmed(posted.Reason)));
        }
        return new AnswerApplication(header.ApplicationId, header.Version, answeredOn, items, read.ChoiceOrNull<ResultRow>(nameof(ChosenRow)),
            read.Text(nameof(ReplyDocumentNumber)), read.ChoiceOrNull<ServiceMethod>(nameof(ServiceMethod)), read.DateOrNull(nameof(ServedOn)), header.Actor);
    }

    public override string? FieldOf(Refusal refusal, CaseContext context) =>
        refusal.Field is { } field && Enumerable.Range(0, context.File.Items.Count).Any(i => field == ItemResultName(i) || field == ItemReasonName(i))
            ? field
            : base.FieldOf(refusal, context);

    public override IEnumerable<(string Label, string Text)> Entered(CaseContext context)
    {
        for (var index = 0; index < context.File.Items.Count; index++)
        {
            var posted = ItemAt(index);
            var result = StepFormReader.Trimmed(posted.Result);
            var text = string.Join("　", new[] { result is not null && Enum.TryParse<ItemResult>(result, out var parsed) && Enum.IsDefined(parsed) ? ChineseTerms.Of(parsed) : result,
                StepFormReader.Trimmed(posted.Reason) }.OfType<string>());
            if (text.Length > 0) yield return ($"第{context.File.Items[index].Number}项", text);
        }
        foreach (var entered in base.Entered(context)) yield return entered;
    }
}

/// <summary>One requested item's part of the answer (<see cref="ItemAnswer"/>; the item's number is its position).</summary>
public sealed class AnswerItemForm
{
    public string? Result { get; set; }
    public string? Reason { get; set; }
}