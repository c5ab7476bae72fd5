using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>补正 (Art. 30, domain A5).</summary>
public sealed class SupplementTests : DecisionSpec
{
    private static RequestSupplement Request(DateOnly on, DateOnly deadline, string what = "请补充所需信息的文号") =>
        new(Id, 1, on, deadline, what, Clerk);

    [Fact]
    public void a_supplement_request_records_the_notice_date_and_deadline()
    {
        Given().When(Request(D(3, 5), D(3, 20), "  请补充所需信息的文号 ")).Then(
            new SupplementRequested(Id, D(3, 5), D(3, 20), "请补充所需信息的文号", Clerk));
    }

    [Fact]
    public void a_supplement_deadline_the_calendar_cannot_count_to_is_refused()
    {
        Given().When(Request(D(3, 5), new DateOnly(2101, 1, 4))).ThenRefused("date.not-countable", RefusalKind.Invalid)
            .Field.Should().Be("deadline");
    }

    [Fact]
    public void a_second_supplement_request_while_one_is_open_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(Request(D(3, 6), D(3, 21)))
            .ThenRefused("supplement.already-open", RefusalKind.Rule);
    }

    [Fact]
    public void a_second_supplement_request_after_a_supplement_was_received_is_allowed()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)), SupplementReceivedOn(D(3, 12)))
            .When(Request(D(3, 14), D(3, 28)))
            .Event<SupplementRequested>().Deadline.Should().Be(D(3, 28));
    }

    [Fact]
    public void a_second_supplement_request_without_a_supplement_is_refused()
    {
        // Only reachable when the first request is no longer open without a supplement, e.g. folded from a corrected history.
        var state = Fold(Received(), SupplementRequestedOn(D(3, 5), D(3, 20))) with { Status = ApplicationStatus.InProgress };
        new Scenario(state, []).When(Request(D(3, 24), D(4, 7))).ThenRefused("supplement.second-without-supplement", RefusalKind.Rule);
    }

    [Fact]
    public void a_supplement_deadline_on_the_notice_date_is_refused()
    {
        Given().When(Request(D(3, 5), D(3, 5))).ThenRefused("supplement.deadline-not-after-request", RefusalKind.Invalid);
    }

    [Fact]
    public void a_supplement_deadline_before_the_notice_date_is_refused()
    {
        Given().When(Request(D(3, 5), D(3, 4))).ThenRefused("supplement.deadline-not-after-request", RefusalKind.Invalid);
    }

    [Fact]
    public void what_to_supplement_is_required()
    {
        Given().When(Request(D(3, 5), D(3, 20), " ")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_received_supplement_is_recorded()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(new RecordSupplement(Id, 2, D(3, 12), " 补充了文号 ", Clerk))
            .Then(new SupplementReceived(Id, D(3, 12), "补充了文号", Clerk));
    }

    [Fact]
    public void a_supplement_without_an_open_request_is_refused()
    {
        Given().When(new RecordSupplement(Id, 1, D(3, 12), null, Clerk)).ThenRefused("supplement.none-open", RefusalKind.Rule);
    }

    [Fact]
    public void a_second_supplement_for_the_same_request_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)), SupplementReceivedOn(D(3, 12)))
            .When(new RecordSupplement(Id, 3, D(3, 13), null, Clerk))
            .ThenRefused("supplement.none-open", RefusalKind.Rule);
    }

    [Fact]
    public void a_lapse_on_the_deadline_itself_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(new RecordSupplementLapsed(Id, 2, D(3, 20), Clerk))
            .ThenRefused("supplement.deadline-not-passed", RefusalKind.Rule);
    }

    [Fact]
    public void a_lapse_before_the_deadline_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(new RecordSupplementLapsed(Id, 2, D(3, 10), Clerk))
            .ThenRefused("supplement.deadline-not-passed", RefusalKind.Rule);
    }

    [Fact]
    public void a_lapse_after_the_deadline_is_recorded()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)))
            .When(new RecordSupplementLapsed(Id, 2, D(3, 21), Clerk))
            .Then(new SupplementLapsed(Id, D(3, 21), Clerk));
    }

    [Fact]
    public void a_lapse_without_an_open_request_is_refused()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)), SupplementReceivedOn(D(3, 12)))
            .When(new RecordSupplementLapsed(Id, 3, D(3, 25), Clerk))
            .ThenRefused("supplement.none-open", RefusalKind.Rule);
    }
}
