using System.Globalization;
using Workflow.Applications;

namespace Workflow.Tests.Clock;

/// <summary>Builds an application's event history in stream order, one step per call, for the clock tests.</summary>
internal sealed class Story
{
    private readonly Guid id = Guid.NewGuid();
    private readonly List<IApplicationEvent> events = [];
    private const string Clerk = "clerk";

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Story ReceivedOn(string date)
    {
        var story = new Story();
        story.events.Add(new ApplicationReceived(story.id, "AG01", "2021-001", 1, null, D(date), Channel.InPerson,
            ApplicantType.NaturalPerson, new Applicant("张三", null, null, null, null), [new RequestedItem(1, "某文件")],
            RequestedForm.Paper, Clerk));
        return story;
    }

    public IReadOnlyList<IApplicationEvent> Events => events;

    private Story Add(IApplicationEvent e) { events.Add(e); return this; }

    public Story SupplementRequested(string on, string deadline) => Add(new global::Workflow.Applications.SupplementRequested(id, D(on), D(deadline), "身份证明", Clerk));
    public Story SupplementReceived(string on) => Add(new global::Workflow.Applications.SupplementReceived(id, D(on), null, Clerk));
    public Story SupplementLapsed(string on) => Add(new global::Workflow.Applications.SupplementLapsed(id, D(on), Clerk));
    public Story Extended(string on, int days = 20) => Add(new ReplyExtended(id, D(on), days, "主任", "情况复杂", Clerk));
    public Story ConsultationSent(int number, string on) => Add(new global::Workflow.Applications.ConsultationSent(id, number, ConsultationParty.ThirdParty, "某公司", D(on), Clerk));
    public Story ConsultationReplied(int number, string on) => Add(new global::Workflow.Applications.ConsultationReplied(id, number, D(on), true, null, Clerk));
    public Story FeeNoticed(string on) => Add(new global::Workflow.Applications.FeeNoticed(id, D(on), FeeMethod.PerPage, 101, 720m, 720m, Clerk));
    public Story FeePaid(string on) => Add(new global::Workflow.Applications.FeePaid(id, D(on), 720m, Clerk));
    public Story FeeLapsed(string on) => Add(new global::Workflow.Applications.FeeLapsed(id, D(on), Clerk));
    public Story Article35(string on, string due) => Add(new DueDateSetUnderArticle35(id, D(on), D(due), "申请数量明显超过合理范围", Clerk));
    public Story Withdrawn(string on) => Add(new ApplicationWithdrawn(id, D(on), "申请人撤回", Clerk));
    public Story ReceiptCorrected(string on, string from, string to) => Add(new FactCorrected(id, D(on), CorrectableFact.ReceivedOn, from, to, "登记错误", Clerk));

    public Story Answered(string on, string? servedOn = null) => Add(new ApplicationAnswered(id, D(on),
        [new ItemAnswer(1, ItemResult.Disclosed, null)], ResultRow.Disclosed, false, "公复〔2021〕1号",
        servedOn is null ? null : ServiceMethod.Post, servedOn is null ? null : D(servedOn), Clerk));

    public Story Served(string on) => Add(new AnswerServed(id, ServiceMethod.Post, D(on), Clerk));
}
