using Workflow.Applications;

namespace Workflow.Tests.Applications;

/// <summary>Corrections (A15) and notes.</summary>
public sealed class CorrectionAndNoteTests : DecisionSpec
{
    private static CorrectFact Correct(CorrectableFact fact, string newValue, DateOnly? on = null, string reason = "登记错误") =>
        new(Id, 1, on ?? D(4, 1), fact, newValue, reason, Clerk);

    [Fact]
    public void a_receipt_date_correction_captures_the_old_value()
    {
        Given().When(Correct(CorrectableFact.ReceivedOn, " 2025-02-28 ", reason: " 信件签收日期登记错误 "))
            .Then(new FactCorrected(Id, D(4, 1), CorrectableFact.ReceivedOn, "2025-03-03", "2025-02-28", "信件签收日期登记错误", Clerk));
    }

    [Theory]
    [InlineData(CorrectableFact.Channel, "Online", "Letter")]
    [InlineData(CorrectableFact.ApplicantType, "CommercialEnterprise", "NaturalPerson")]
    [InlineData(CorrectableFact.ApplicantName, "张三丰", "张三")]
    [InlineData(CorrectableFact.ApplicantIdNumber, "520000199001019999", "520000199001011234")]
    [InlineData(CorrectableFact.ApplicantContact, "13900000000", "13800000000")]
    public void a_correction_captures_the_old_value(CorrectableFact fact, string newValue, string oldValue)
    {
        var corrected = Given().When(Correct(fact, newValue)).Event<FactCorrected>();
        corrected.OldValue.Should().Be(oldValue);
        corrected.NewValue.Should().Be(newValue);
    }

    [Theory]
    [InlineData(CorrectableFact.ReceivedOn, "2025-03-03")]
    [InlineData(CorrectableFact.Channel, "Letter")]
    [InlineData(CorrectableFact.ApplicantType, "NaturalPerson")]
    [InlineData(CorrectableFact.ApplicantName, " 张三 ")]
    [InlineData(CorrectableFact.ApplicantContact, "13800000000")]
    public void a_correction_to_the_same_value_is_refused(CorrectableFact fact, string value)
    {
        Given().When(Correct(fact, value)).ThenRefused("correction.unchanged", RefusalKind.Invalid);
    }

    [Theory]
    [InlineData("2025/02/28")]
    [InlineData("2025-02-30")]
    [InlineData("28.02.2025")]
    public void a_receipt_date_correction_in_another_format_is_refused(string value)
    {
        Given().When(Correct(CorrectableFact.ReceivedOn, value)).ThenRefused("correction.date-format", RefusalKind.Invalid);
    }

    [Fact]
    public void a_receipt_date_corrected_into_the_future_is_refused()
    {
        Given().When(Correct(CorrectableFact.ReceivedOn, "2025-07-01")).ThenRefused("date.in-future", RefusalKind.Rule);
    }

    [Fact]
    public void a_receipt_date_corrected_to_before_2008_05_01_is_refused()
    {
        Given().When(Correct(CorrectableFact.ReceivedOn, "2008-04-30")).ThenRefused("date.too-early", RefusalKind.Invalid);
    }

    [Fact]
    public void a_receipt_date_corrected_to_after_the_closing_date_is_refused()
    {
        Given(AnsweredOn(D(3, 20))).When(Correct(CorrectableFact.ReceivedOn, "2025-03-21"))
            .ThenRefused("correction.receipt-after-steps", RefusalKind.Rule);
    }

    [Fact]
    public void a_receipt_date_corrected_to_after_a_recorded_step_of_an_open_application_is_refused()
    {
        Given(new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 10), Clerk))
            .When(Correct(CorrectableFact.ReceivedOn, "2025-03-11"))
            .ThenRefused("correction.receipt-after-steps", RefusalKind.Rule);
    }

    [Fact]
    public void a_receipt_date_corrected_up_to_the_first_step_is_accepted()
    {
        Given(new ConsultationSent(Id, 1, ConsultationParty.ThirdParty, "某建设公司", D(3, 10), Clerk))
            .When(Correct(CorrectableFact.ReceivedOn, "2025-03-10"))
            .Event<FactCorrected>().NewValue.Should().Be("2025-03-10");
    }

    [Theory]
    [InlineData(CorrectableFact.Channel, "Pigeon")]
    [InlineData(CorrectableFact.Channel, "2")]
    [InlineData(CorrectableFact.Channel, "online")]
    [InlineData(CorrectableFact.Channel, "Letter, Fax")]
    [InlineData(CorrectableFact.ApplicantType, "99")]
    public void a_correction_to_an_unknown_enum_value_is_refused(CorrectableFact fact, string value)
    {
        Given().When(Correct(fact, value)).ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_correction_of_an_unknown_fact_is_refused()
    {
        Given().When(Correct((CorrectableFact)99, "x")).ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_correction_without_a_reason_is_refused()
    {
        Given().When(Correct(CorrectableFact.Channel, "Online", reason: " ")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_correction_without_a_new_value_is_refused()
    {
        Given().When(Correct(CorrectableFact.ApplicantName, "")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_correction_dated_after_today_is_refused()
    {
        Given().When(Correct(CorrectableFact.Channel, "Online", on: Today.AddDays(1))).ThenRefused("date.in-future", RefusalKind.Rule);
    }

    [Fact]
    public void a_result_row_correction_on_an_open_application_is_refused()
    {
        Given().When(Correct(CorrectableFact.ResultRow, "Disclosed")).ThenRefused("correction.row-open", RefusalKind.Rule);
    }

    [Fact]
    public void a_result_row_correction_on_a_closed_application_captures_the_stored_row()
    {
        var corrected = Given(AnsweredOn(D(3, 20))).When(Correct(CorrectableFact.ResultRow, "PartlyDisclosed")).Event<FactCorrected>();
        corrected.OldValue.Should().Be("Disclosed");
        corrected.NewValue.Should().Be("PartlyDisclosed");
    }

    [Fact]
    public void a_result_row_correction_of_a_lapsed_application_captures_the_closure_row()
    {
        Given(SupplementRequestedOn(D(3, 5), D(3, 20)), new SupplementLapsed(Id, D(3, 21), Clerk))
            .When(Correct(CorrectableFact.ResultRow, "OtherOther")).Event<FactCorrected>()
            .OldValue.Should().Be(nameof(ResultRow.OtherSupplementLapsed));
    }

    [Fact]
    public void a_second_correction_compares_with_the_corrected_value()
    {
        var first = new FactCorrected(Id, D(4, 1), CorrectableFact.Channel, "Letter", "Online", "登记错误", Clerk);
        Given(first).When(Correct(CorrectableFact.Channel, "Online", D(4, 2))).ThenRefused("correction.unchanged", RefusalKind.Invalid);
        Given(first).When(Correct(CorrectableFact.Channel, "Fax", D(4, 2))).Event<FactCorrected>().OldValue.Should().Be("Online");
    }

    [Fact]
    public void after_a_receipt_date_correction_the_new_date_bounds_business_dates()
    {
        var corrected = new FactCorrected(Id, D(4, 1), CorrectableFact.ReceivedOn, "2025-03-03", "2025-03-10", "登记错误", Clerk);
        Given(corrected).When(new AddNote(Id, 2, D(3, 7), "电话联系申请人", Clerk)).ThenRefused("date.before-receipt", RefusalKind.Rule);
    }

    [Fact]
    public void a_note_is_recorded()
    {
        Given().When(new AddNote(Id, 1, D(3, 7), " 电话联系申请人 ", Clerk)).Then(new NoteAdded(Id, D(3, 7), "电话联系申请人", Clerk));
    }

    [Fact]
    public void an_empty_note_is_refused()
    {
        Given().When(new AddNote(Id, 1, D(3, 7), "  ", Clerk)).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void a_too_long_note_is_refused()
    {
        Given().When(new AddNote(Id, 1, D(3, 7), new string('注', StepChecks.MaxTextLength + 1), Clerk))
            .ThenRefused("field.too-long", RefusalKind.Invalid);
    }
}
