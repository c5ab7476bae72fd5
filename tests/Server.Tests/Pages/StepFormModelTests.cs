using System.Text.Json.Nodes;
using Projections.Cases;
using Server.Accounts;
using Server.Components.Cases;
using Workflow.Applications;
using Workflow.Calendar;
using Workflow.Vocabulary;

namespace Server.Tests.Pages;

/// <summary>
/// The case page's step forms: each form model's one conversion to its command agrees with the API's strict JSON reader
/// (<see cref="ApplicationSteps.Read"/>) for every step — the two doors accept the same command — and what the form alone
/// can tell is refused in Chinese on the input it is about. Pure: no database, no HTTP.
/// </summary>
public sealed class StepFormModelTests
{
    private static readonly Guid Id = Guid.Parse("3f2a7c1e-0000-4000-8000-000000000014");
    private const string Actor = "zhao.min";
    private const int Version = 7;

    /// <summary>A case with two items, an unreplied consultation, an undecided and a decided reconsideration, an undecided lawsuit.</summary>
    private static readonly CaseContext Context = new(
        new ApplicationFile
        {
            Id = Id, ReceivedOn = new DateOnly(2024, 12, 2), Channel = Channel.Letter, ApplicantType = ApplicantType.NaturalPerson,
            Applicant = new Applicant("张三", null, "13800000000", null, null),
            Items = [new RequestedItem(1, "征收补偿方案"), new RequestedItem(2, "评估报告")],
            Topics = ["教育"],
            Consultations = [new ConsultationFile(1, ConsultationParty.ThirdParty, "某公司", new DateOnly(2024, 12, 5), null, null, null)],
            Reviews =
            [
                new ReviewFile(ReviewKind.Reconsideration, 1, new DateOnly(2024, 12, 10), "区人民政府", null, null, null, null),
                new ReviewFile(ReviewKind.Reconsideration, 2, new DateOnly(2024, 12, 11), "区人民政府", null, null, new DateOnly(2024, 12, 18), ReviewDecision.Upheld),
                new ReviewFile(ReviewKind.Lawsuit, 3, new DateOnly(2024, 12, 19), "区人民法院", null, 2, null, null),
            ],
        },
        null, new DateOnly(2024, 12, 20), StaffMember.Of(Actor, "qxg", StaffRole.Approver), new DisclosureApplication(),
        new DecisionContext(new DateOnly(2024, 12, 20), WorkdayCalendar.Official), ["教育", "社会保障"]);

    /// <summary>Every step's form, filled as a user would, and the same command as the API's JSON.</summary>
    public static TheoryData<string> Steps => [.. Filled().Select(c => c.Form.Step)];

    private static IEnumerable<(StepFormModel Form, string Json)> Filled() =>
    [
        (new SupplementRequestForm { RequestedOn = "2024-12-04", Deadline = "2024-12-19", WhatToSupplement = " 请明确房屋地址。 " },
            """{"requestedOn":"2024-12-04","deadline":"2024-12-19","whatToSupplement":"请明确房屋地址。"}"""),
        (new SupplementForm { ReceivedOn = "2024-12-09", Summary = "  " }, """{"receivedOn":"2024-12-09","summary":null}"""),
        (new SupplementLapseForm { LapsedOn = "2024-12-20" }, """{"lapsedOn":"2024-12-20"}"""),
        (new ExtensionForm { ExtendedOn = "2024-12-16", WorkingDays = "20", ApprovedBy = "王主任", Reason = "需要调查" },
            """{"extendedOn":"2024-12-16","workingDays":20,"approvedBy":"王主任","reason":"需要调查"}"""),
        (new Article35DueDateForm { SetOn = "2024-12-10", DueOn = "2025-01-20", Reason = "数量明显超过合理范围" },
            """{"setOn":"2024-12-10","dueOn":"2025-01-20","reason":"数量明显超过合理范围"}"""),
        (new ConsultationForm { Party = "OtherAgency", Consultee = "市自然资源局", SentOn = "2024-12-06" },
            """{"party":"otherAgency","consultee":"市自然资源局","sentOn":"2024-12-06"}"""),
        (new ConsultationReplyForm { ConsultationNumber = "1", RepliedOn = "2024-12-12", ConsentsToDisclosure = "false", Summary = "不同意公开" },
            """{"consultationNumber":1,"repliedOn":"2024-12-12","consentsToDisclosure":false,"summary":"不同意公开"}"""),
        (new FeeNoticeForm { NoticedOn = "2024-12-06", Method = "PerPage", Quantity = "120", ConfirmedAmount = "12.50" },
            """{"noticedOn":"2024-12-06","method":"perPage","quantity":120,"confirmedAmount":12.50}"""),
        (new FeePaymentForm { PaidOn = "2024-12-09", Amount = "12.5" }, """{"paidOn":"2024-12-09","amount":12.5}"""),
        (new FeeLapseForm { LapsedOn = "2024-12-20" }, """{"lapsedOn":"2024-12-20"}"""),
        (new AnswerForm
            {
                AnsweredOn = "2024-12-16", ReplyDocumentNumber = "七星府公开答〔2024〕第27号", ServiceMethod = "InPerson", ServedOn = "2024-12-20", ChosenRow = "",
                Items = new() { [0] = new AnswerItemForm { Result = "Disclosed" }, [1] = new AnswerItemForm { Result = "WithheldThirdPartyRights", Reason = " 涉及第三方 " } },
            },
            """
            {"answeredOn":"2024-12-16","items":[{"itemNumber":1,"result":"disclosed","reason":null},{"itemNumber":2,"result":"withheldThirdPartyRights","reason":"涉及第三方"}],
             "chosenRow":null,"replyDocumentNumber":"七星府公开答〔2024〕第27号","serviceMethod":"inPerson","servedOn":"2024-12-20"}
            """),
        (new AnswerServiceForm { Method = "Post", ServedOn = "2024-12-18" }, """{"method":"post","servedOn":"2024-12-18"}"""),
        (new WithdrawalForm { WithdrawnOn = "2024-12-13", Reason = "申请人书面撤回" }, """{"withdrawnOn":"2024-12-13","reason":"申请人书面撤回"}"""),
        (new ReconsiderationForm { FiledOn = "2024-12-10", ReviewBody = "区人民政府", DocketNumber = "" },
            """{"filedOn":"2024-12-10","reviewBody":"区人民政府","docketNumber":null}"""),
        (new ReconsiderationDecisionForm { CaseNumber = "1", DecidedOn = "2024-12-19", Decision = "Revoked", Summary = "撤销原答复" },
            """{"caseNumber":1,"decidedOn":"2024-12-19","decision":"revoked","summary":"撤销原答复"}"""),
        (new LawsuitForm { FiledOn = "2024-12-19", Court = "区人民法院", DocketNumber = "（2024）黔0502行初1号", AfterReconsideration = "2" },
            """{"filedOn":"2024-12-19","court":"区人民法院","docketNumber":"（2024）黔0502行初1号","afterReconsideration":2}"""),
        (new LawsuitDecisionForm { CaseNumber = "3", DecidedOn = "2024-12-20", Decision = "ConfirmedUnlawful" },
            """{"caseNumber":3,"decidedOn":"2024-12-20","decision":"confirmedUnlawful","summary":null}"""),
        (new CorrectionForm { CorrectedOn = "2024-12-20", Fact = "Channel", Reason = "录入错误", NewValue = new CorrectionValuesForm { Channel = "Email", ApplicantName = "张三" } },
            """{"correctedOn":"2024-12-20","fact":"channel","newValue":"Email","reason":"录入错误"}"""),
        (new TopicsForm { AssignedOn = "2024-12-20", Topics = new() { [1] = "社会保障" } }, """{"assignedOn":"2024-12-20","topics":["社会保障"]}"""),
        (new NoteForm { NotedOn = "2024-12-20", Text = "已电话联系申请人" }, """{"notedOn":"2024-12-20","text":"已电话联系申请人"}"""),
    ];

    private static (StepFormModel Form, string Json) Case(string step) => Filled().Single(c => c.Form.Step == step);

    [Fact]
    public void every_step_but_notices_has_a_form_model_and_every_form_model_a_case_here()
    {
        StepForms.All.Select(f => f.Step).Should().BeEquivalentTo(LifecycleSteps.All.Select(s => s.Name).Where(name => name != "notice"),
            "a step with a case-page form has a form model in Components/Cases/Steps (文书 are issued from the notice pages)");
        Filled().Select(c => c.Form.Step).Should().BeEquivalentTo(StepForms.All.Select(f => f.Step), "every form is cross-checked below");
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void a_filled_form_becomes_exactly_the_command_the_apis_strict_reader_reads_from_the_same_json(string step)
    {
        var (form, json) = Case(step);
        form.Version = Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var errors = new Dictionary<string, string>();

        var fromForm = form.ToCommand(Id, Actor, Context, (path, message) => errors[path] = message);

        var body = JsonNode.Parse(json)!.AsObject();
        body["version"] = Version;
        var (fromJson, refusal) = ApplicationSteps.Read(step, body, Id, Actor);
        refusal.Should().BeNull();
        errors.Should().BeEmpty();
        fromForm.Should().NotBeNull().And.BeOfType(fromJson!.GetType());
        fromForm.Should().BeEquivalentTo(fromJson, options => options.RespectingRuntimeTypes().WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void an_empty_form_is_refused_on_exactly_its_required_inputs_and_becomes_no_command(string step)
    {
        var form = StepForms.Find(step)!;
        form.Version = "3";
        var errors = new Dictionary<string, string>();

        form.ToCommand(Id, Actor, Context, (path, message) => errors[path] = message).Should().BeNull();

        var required = form.Inputs(Context).Where(input => input.Required).Select(input => input.Name).ToList();
        if (form is AnswerForm) required.AddRange([AnswerForm.ItemResultName(0), AnswerForm.ItemResultName(1)]);
        errors.Keys.Should().BeEquivalentTo(required, "an input shown as required (*) is the one the conversion requires");
        foreach (var input in form.Inputs(Context).Where(input => input.Required))
            errors[input.Name].Should().Be(input.Kind == StepFieldKind.Choice ? $"请选择“{input.Label}”。" : $"请填写“{input.Label}”。");
    }

    [Fact]
    public void a_date_that_is_no_date_a_word_for_a_number_and_an_unknown_choice_are_refused_on_their_inputs_in_chinese()
    {
        var extension = new ExtensionForm { Version = "1", ExtendedOn = "2024-02-30", WorkingDays = "二十", ApprovedBy = "王主任", Reason = "需要调查" };
        var consultation = new ConsultationForm { Version = "1", Party = "Neighbour", Consultee = "某公司", SentOn = "2024-12-06" };
        var fee = new FeePaymentForm { Version = "1", PaidOn = "2024-12-09", Amount = "-3" };
        var reply = new ConsultationReplyForm { Version = "1", ConsultationNumber = "9", RepliedOn = "2024-12-12" };
        var errors = new Dictionary<string, string>();
        void Error(string path, string message) => errors[path] = message;

        extension.ToCommand(Id, Actor, Context, Error).Should().BeNull();
        consultation.ToCommand(Id, Actor, Context, Error).Should().BeNull();
        fee.ToCommand(Id, Actor, Context, Error).Should().BeNull();
        reply.ToCommand(Id, Actor, Context, Error).Should().BeNull("consultation 9 is not one the case awaits");

        errors.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["extendedOn"] = "“延期决定日期”应为有效日期，格式如 2024-01-31。",
            ["workingDays"] = "“延长工作日数”应为整数。",
            ["party"] = "“征求对象”的选项无效，请重新选择。",
            ["amount"] = "“缴费金额（元）”应为金额，如 10 或 12.50。",
            ["consultationNumber"] = "“征求意见”的选项无效，请重新选择。",
        });
    }

    [Fact]
    public void a_form_without_the_case_version_is_refused_as_a_whole()
    {
        var (form, _) = Case("note");
        var errors = new Dictionary<string, string>();

        form.ToCommand(Id, Actor, Context, (path, message) => errors[path] = message).Should().BeNull();

        errors.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, string>("", "表单缺少案卷版本，请刷新页面后重试。"));
    }

    [Fact]
    public void an_answer_item_without_a_result_and_a_correction_value_of_the_wrong_kind_land_on_their_own_inputs()
    {
        var answer = new AnswerForm
        {
            Version = "1", AnsweredOn = "2024-12-16", ReplyDocumentNumber = "第1号",
            Items = new() { [0] = new AnswerItemForm { Result = "Disclosed" }, [1] = new AnswerItemForm { Result = "Maybe" } },
        };
        var correction = new CorrectionForm { Version = "1", CorrectedOn = "2024-12-20", Fact = "ReceivedOn", Reason = "核对", NewValue = new() { ReceivedOn = "12/02/2024" } };
        var errors = new Dictionary<string, string>();
        void Error(string path, string message) => errors[path] = message;

        answer.ToCommand(Id, Actor, Context, Error).Should().BeNull();
        correction.ToCommand(Id, Actor, Context, Error).Should().BeNull();

        errors.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["items[1].result"] = "请为第2项选择办理结果。",
            ["newValue.receivedOn"] = "“更正后的收到申请日期”应为有效日期，格式如 2024-01-31。",
        });
    }

    [Fact]
    public void a_refusal_lands_on_the_input_it_names_an_items_input_or_the_chosen_facts_value_and_otherwise_above_the_form()
    {
        var refusal = (string? field) => new Refusal("x", "不行", "no", RefusalKind.Invalid, field);
        var correction = new CorrectionForm { Fact = "Channel" };

        new ExtensionForm().FieldOf(refusal("workingDays"), Context).Should().Be("workingDays");
        new ExtensionForm().FieldOf(refusal("items"), Context).Should().BeNull();
        new AnswerForm().FieldOf(refusal("items[1].reason"), Context).Should().Be("items[1].reason");
        new AnswerForm().FieldOf(refusal("items[2].reason"), Context).Should().BeNull("the case has two items");
        correction.FieldOf(refusal("newValue"), Context).Should().Be("newValue.channel");
        new NoteForm().FieldOf(refusal(null), Context).Should().BeNull();
    }

    [Fact]
    public void what_was_typed_is_listed_by_label_with_a_choice_in_its_chinese_term_for_the_box_kept_when_a_step_no_longer_applies()
    {
        var consultation = new ConsultationForm { Party = "ThirdParty", Consultee = " 某公司 ", SentOn = "" };
        var answer = new AnswerForm { ReplyDocumentNumber = "第1号", Items = new() { [1] = new AnswerItemForm { Result = "WithheldThirdPartyRights", Reason = "涉及第三方" } } };

        consultation.Entered(Context).Should().Equal(
            (ChineseTerms.Field.ConsultationParty, ChineseTerms.Of(ConsultationParty.ThirdParty)), (ChineseTerms.Field.Consultee, " 某公司 "));
        answer.Entered(Context).Should().Equal(
            ("第2项", $"{ChineseTerms.Of(ItemResult.WithheldThirdPartyRights)}　涉及第三方"), (ChineseTerms.Field.ReplyDocumentNumber, "第1号"));
    }

    [Fact]
    public void the_extension_hint_states_the_clocks_limits_in_words()
    {
        ExtensionForm.LimitHint.Should().Be("最长20个工作日（2019年5月15日前收到的申请最长15个工作日）");
        new ExtensionForm().Inputs(Context).Single(i => i.Name == "workingDays").Hint.Should().Be(ExtensionForm.LimitHint);
    }
}
