using Workflow.Applications;

namespace Workflow.Tests.Applications;

public sealed class RegistrationTests : DecisionSpec
{
    private static readonly Applicant Zhang = new("张三", "520000199001011234", "13800000000", "毕节市七星关区某路1号", null);

    private static RegisterApplication Registration(
        DateOnly? receivedOn = null, Applicant? applicant = null, IReadOnlyList<string>? items = null,
        Channel channel = Channel.Letter, ApplicantType type = ApplicantType.NaturalPerson, RequestedForm form = RequestedForm.Paper,
        string agency = "qxg", string? externalId = null, string actor = Clerk) =>
        new(agency, receivedOn ?? ReceivedOn, channel, type, applicant ?? Zhang, items ?? ["征地补偿方案"], form, externalId, actor);

    private static Outcome Registering(RegisterApplication command) =>
        new(() => RegisteringRules.Register(command, Id, RegistrationNumber, 7, Context()));

    [Fact]
    public void a_valid_registration_becomes_the_first_event_of_the_stream()
    {
        Registering(Registration(items: ["征地补偿方案", "听证笔录"], externalId: "portal-42")).Then(new ApplicationReceived(
            Id, "qxg", RegistrationNumber, 7, "portal-42", ReceivedOn, Channel.Letter, ApplicantType.NaturalPerson, Zhang,
            [new RequestedItem(1, "征地补偿方案"), new RequestedItem(2, "听证笔录")], RequestedForm.Paper, Clerk));
    }

    [Fact]
    public void text_fields_are_trimmed_and_blank_optional_fields_become_null()
    {
        var received = Registering(Registration(
            agency: "  qxg ",
            applicant: new Applicant("  李四 ", "  ", " 13900000000 ", "", null),
            items: ["  征地补偿方案  "],
            externalId: "   ")).Event<ApplicationReceived>();

        received.AgencyCode.Should().Be("qxg");
        received.Applicant.Should().Be(new Applicant("李四", null, "13900000000", null, null));
        received.Items.Should().ContainSingle().Which.Description.Should().Be("征地补偿方案");
        received.ExternalRequestId.Should().BeNull();
    }

    [Fact]
    public void blank_items_are_dropped_and_the_rest_numbered_from_one()
    {
        var received = Registering(Registration(items: ["", "征地补偿方案", "   ", "听证笔录"])).Event<ApplicationReceived>();

        received.Items.Should().Equal(new RequestedItem(1, "征地补偿方案"), new RequestedItem(2, "听证笔录"));
    }

    [Fact]
    public void only_blank_items_are_refused()
    {
        Registering(Registration(items: ["", "  "])).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void no_items_are_refused()
    {
        Registering(Registration(items: [])).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void more_than_the_maximum_number_of_items_is_refused()
    {
        var items = Enumerable.Range(1, StepChecks.MaxItems + 1).Select(i => $"第{i}项").ToList();
        Registering(Registration(items: items)).ThenRefused("items.too-many", RefusalKind.Invalid);
    }

    [Fact]
    public void an_item_longer_than_the_maximum_is_refused()
    {
        Registering(Registration(items: [new string('文', StepChecks.MaxTextLength + 1)]))
            .ThenRefused("field.too-long", RefusalKind.Invalid);
    }

    [Fact]
    public void an_item_of_exactly_the_maximum_length_is_accepted()
    {
        Registering(Registration(items: [new string('文', StepChecks.MaxTextLength)])).Event<ApplicationReceived>()
            .Items.Single().Description.Should().HaveLength(StepChecks.MaxTextLength);
    }

    [Fact]
    public void the_agency_code_is_required()
    {
        Registering(Registration(agency: " ")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void the_actor_is_required()
    {
        Registering(Registration(actor: "")).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void the_applicant_name_is_required()
    {
        Registering(Registration(applicant: Zhang with { Name = "  " })).ThenRefused("field.required", RefusalKind.Invalid);
    }

    [Fact]
    public void an_applicant_name_longer_than_the_maximum_is_refused()
    {
        Registering(Registration(applicant: Zhang with { Name = new string('张', StepChecks.MaxNameLength + 1) }))
            .ThenRefused("field.too-long", RefusalKind.Invalid);
    }

    [Fact]
    public void a_too_long_phone_number_is_refused()
    {
        Registering(Registration(applicant: Zhang with { Phone = new string('1', 65) })).ThenRefused("field.too-long", RefusalKind.Invalid);
    }

    [Fact]
    public void at_least_one_contact_detail_is_required()
    {
        Registering(Registration(applicant: new Applicant("张三", "520000199001011234", " ", null, "")))
            .ThenRefused("applicant.no-contact", RefusalKind.Invalid);
    }

    [Theory]
    [InlineData("13800000000", null, null)]
    [InlineData(null, "毕节市七星关区某路1号", null)]
    [InlineData(null, null, "zhangsan@example.cn")]
    public void any_one_contact_detail_is_enough(string? phone, string? address, string? email)
    {
        Registering(Registration(applicant: new Applicant("张三", null, phone, address, email))).Event<ApplicationReceived>();
    }

    [Fact]
    public void an_unknown_channel_is_refused()
    {
        Registering(Registration(channel: (Channel)99)).ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void an_unknown_applicant_type_is_refused()
    {
        Registering(Registration(type: (ApplicantType)99)).ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void an_unknown_requested_form_is_refused()
    {
        Registering(Registration(form: (RequestedForm)99)).ThenRefused("field.unknown-value", RefusalKind.Invalid);
    }

    [Fact]
    public void a_receipt_date_after_today_is_refused()
    {
        Registering(Registration(receivedOn: Today.AddDays(1))).ThenRefused("date.in-future", RefusalKind.Rule);
    }

    [Fact]
    public void a_receipt_date_of_today_is_accepted()
    {
        Registering(Registration(receivedOn: Today)).Event<ApplicationReceived>().ReceivedOn.Should().Be(Today);
    }

    [Fact]
    public void a_receipt_date_before_the_2008_regulation_is_refused()
    {
        Registering(Registration(receivedOn: new DateOnly(2008, 4, 30))).ThenRefused("date.too-early", RefusalKind.Invalid);
    }

    [Fact]
    public void a_receipt_date_on_the_day_the_2008_regulation_took_effect_is_accepted()
    {
        Registering(Registration(receivedOn: new DateOnly(2008, 5, 1))).Event<ApplicationReceived>()
            .ReceivedOn.Should().Be(new DateOnly(2008, 5, 1));
    }

    // ---- 收到申请之日 per channel (Art. 31) and the arrival date beside it ------------------------------------------

    [Fact]
    public void a_letter_confirmed_after_it_arrived_keeps_the_arrival_date_beside_the_receipt_date()
    {
        var received = Registering(Registration(receivedOn: D(3, 5)) with { ArrivedOn = D(3, 3) }).Event<ApplicationReceived>();
        received.ReceivedOn.Should().Be(D(3, 5), "the clock starts from the confirmation, as Art. 31 says for unsigned letters");
        received.ArrivedOn.Should().Be(D(3, 3));
    }

    [Fact]
    public void an_arrival_date_equal_to_the_receipt_date_or_left_out_records_nothing_beside_it()
    {
        Registering(Registration(receivedOn: D(3, 5)) with { ArrivedOn = D(3, 5) }).Event<ApplicationReceived>().ArrivedOn.Should().BeNull();
        Registering(Registration(receivedOn: D(3, 5))).Event<ApplicationReceived>().ArrivedOn.Should().BeNull();
    }

    [Fact]
    public void an_arrival_after_the_receipt_date_is_refused_with_the_reason()
    {
        var refusal = Registering(Registration(receivedOn: D(3, 5), channel: Channel.Online) with { ArrivedOn = D(3, 6) })
            .ThenRefused("registration.arrived-after-receipt", RefusalKind.Rule);
        refusal.Chinese.Should().Contain("第三十一条").And.Contain("2025-03-06");
    }

    [Fact]
    public void an_in_person_submission_has_no_separate_arrival_date()
    {
        Registering(Registration(receivedOn: D(3, 5), channel: Channel.InPerson) with { ArrivedOn = D(3, 4) })
            .ThenRefused("registration.in-person-arrival", RefusalKind.Rule);
    }

    [Fact]
    public void an_arrival_date_in_the_future_is_refused()
    {
        Registering(Registration() with { ArrivedOn = Today.AddDays(1) }).ThenRefused("registration.arrived-in-future", RefusalKind.Invalid);
    }

    [Theory]
    [InlineData(Channel.InPerson, "提交之日")]
    [InlineData(Channel.Letter, "签收之日")]
    [InlineData(Channel.Letter, "确认之日")]
    [InlineData(Channel.Online, "双方确认之日")]
    [InlineData(Channel.Fax, "双方确认之日")]
    [InlineData(Channel.Email, "双方确认之日")]
    public void every_channel_explains_which_date_is_the_receipt_date(Channel channel, string expected)
    {
        ReceiptDate.RuleChinese(channel).Should().Contain(expected);
    }
}
