using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>
/// 征求意见 (Art. 32, 34; A6) and the state rules of 收费 (A7). Fee amounts are not asserted here: the calendar and fee
/// schedule in this branch are a temporary shim, so only rules that hold under any schedule are tested.
/// </summary>
public sealed class ConsultationAndFeeTests : DecisionSpec
{
    private static ConsultationSent Sent(int number, DateOnly on, ConsultationParty party = ConsultationParty.ThirdParty) =>
        new(Id, number, party, "某建设公司", on, Clerk);

    [Fact]
    public void the_first_consultation_is_number_one()
    {
        Given().When(new SendConsultation(Id, 1, ConsultationParty.ThirdParty, " 某建设公司 ", D(3, 10), Clerk))
            .Then(new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 10), Clerk));
    }

    [Fact]
    public void consultations_are_numbered_on_even_after_earlier_ones_were_answered()
    {
        Given(Sent(1, D(3, 10)), Sent(2, D(3, 11), ConsultationParty.OtherAgency),
                new ConsultationReplied(Id, 1, D(3, 14), true, null, Clerk), new ConsultationReplied(Id, 2, D(3, 17), null, null, Clerk))
            .When(new SendConsultation(Id, 5, ConsultationParty.OtherAgency, "市自然资源局", D(3, 18), Clerk))
            .Event<ConsultationSent>().ConsultationNumber.Should().Be(3);
    }

    [Fact]
    public void a_consultation_of_an_unknown_party_kind_is_refused()
    {
        Given().When(new SendConsultation(Id, 1, (ConsultationParty)99, "某建设公司", D(3, 10), Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void the_consultee_is_required()
    {
        Given().When(new SendConsultation(Id, 1, ConsultationParty.ThirdParty, "", D(3, 10), Clerk))
            .ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_reply_to_an_open_consultation_is_recorded()
    {
        Given(Sent(1, D(3, 10)))
            .When(new RecordConsultationReply(Id, 2, 1, D(3, 20), false, " 不同意公开 ", Clerk))
            .Then(new ConsultationReplied(Id, 1, D(3, 20), false, "不同意公开", Clerk));
    }

    [Fact]
    public void a_reply_to_a_consultation_never_sent_is_refused()
    {
        Given(Sent(1, D(3, 10)))
            .When(new RecordConsultationReply(Id, 2, 2, D(3, 20), true, null, Clerk))
            .ThenRefused("consultation.not-open", RefusalKind.Rule);
    }

    [Fact]
    public void a_second_reply_to_the_same_consultation_is_refused()
    {
        Given(Sent(1, D(3, 10)), new ConsultationReplied(Id, 1, D(3, 14), true, null, Clerk))
            .When(new RecordConsultationReply(Id, 3, 1, D(3, 20), true, null, Clerk))
            .ThenRefused("consultation.not-open", RefusalKind.Rule);
    }

    [Fact]
    public void a_second_fee_notice_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10)))
            .When(new NoticeFee(Id, 2, D(3, 12), FeeMethod.PerPage, 120, null, Clerk))
            .ThenRefused("fee.already-noticed", RefusalKind.Rule);
    }

    [Fact]
    public void a_second_fee_notice_after_payment_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10)), new FeePaid(Id, D(3, 12), 1100m, Clerk))
            .When(new NoticeFee(Id, 3, D(3, 14), FeeMethod.PerApplication, 15, null, Clerk))
            .ThenRefused("fee.already-noticed", RefusalKind.Rule);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void a_fee_quantity_outside_the_allowed_range_is_refused(int quantity)
    {
        Given().When(new NoticeFee(Id, 1, D(3, 10), FeeMethod.PerPage, quantity, null, Clerk))
            .ThenRefused("fee.quantity", RefusalKind.Invalid);
    }

    [Fact]
    public void an_unknown_fee_method_is_refused()
    {
        Given().When(new NoticeFee(Id, 1, D(3, 10), (FeeMethod)99, 1, null, Clerk))
            .ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_fee_notice_for_the_first_application_of_the_month_is_refused_as_free()
    {
        // FEE2020 Art. 4: the first 10 applications of a calendar month are free, so this holds under the real schedule too.
        Given().When(new NoticeFee(Id, 1, D(3, 10), FeeMethod.PerApplication, 1, null, Clerk))
            .ThenRefused("fee.free", RefusalKind.Rule);
    }

    [Fact]
    public void a_payment_without_a_fee_notice_is_refused()
    {
        Given().When(new RecordFeePaid(Id, 1, D(3, 12), 100m, Clerk)).ThenRefused("fee.none-outstanding", RefusalKind.Rule);
    }

    [Fact]
    public void a_second_payment_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10)), new FeePaid(Id, D(3, 12), 1100m, Clerk))
            .When(new RecordFeePaid(Id, 3, D(3, 13), 1100m, Clerk))
            .ThenRefused("fee.none-outstanding", RefusalKind.Rule);
    }

    [Fact]
    public void a_payment_of_zero_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10))).When(new RecordFeePaid(Id, 2, D(3, 12), 0m, Clerk)).ThenRefused("fee.amount", RefusalKind.Invalid);
    }

    [Fact]
    public void a_payment_is_recorded()
    {
        Given(FeeNoticedOn(D(3, 10))).When(new RecordFeePaid(Id, 2, D(3, 12), 1100m, Clerk))
            .Then(new FeePaid(Id, D(3, 12), 1100m, Clerk));
    }

    [Fact]
    public void a_fee_lapse_well_inside_20_working_days_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10)))
            .When(new RecordFeeLapsed(Id, 2, D(3, 24), Clerk))
            .ThenRefused("fee.deadline-not-passed", RefusalKind.Rule);
    }

    [Fact]
    public void a_fee_lapse_long_after_20_working_days_is_recorded()
    {
        // Sixty calendar days contain more than 20 working days under any official arrangement.
        Given(FeeNoticedOn(D(3, 10)))
            .When(new RecordFeeLapsed(Id, 2, D(5, 9), Clerk))
            .Then(new FeeLapsed(Id, D(5, 9), Clerk));
    }

    [Fact]
    public void a_fee_lapse_without_a_fee_notice_is_refused()
    {
        Given().When(new RecordFeeLapsed(Id, 1, D(5, 9), Clerk)).ThenRefused("fee.none-outstanding", RefusalKind.Rule);
    }

    [Fact]
    public void a_fee_lapse_after_payment_is_refused()
    {
        Given(FeeNoticedOn(D(3, 10)), new FeePaid(Id, D(3, 12), 1100m, Clerk))
            .When(new RecordFeeLapsed(Id, 3, D(5, 9), Clerk))
            .ThenRefused("fee.none-outstanding", RefusalKind.Rule);
    }
}
