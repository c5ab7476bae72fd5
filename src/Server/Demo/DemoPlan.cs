using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;

namespace Server.Demo;

public sealed record DemoAgency(string Code, string Name, string? ParentCode, string RegistrationPrefix, string ReplyPrefix, int ApplicationsPerYear,
    IReadOnlyList<string> ItemTemplates);

public sealed record DemoStaff(string UserName, string DisplayName, string AgencyCode, IReadOnlyList<StaffRole> Roles);

/// <summary>One step of a demo case: its business date and the command, given the application id and the version to send.</summary>
public sealed record DemoStep(DateOnly On, Func<Guid, int, IApplicationCommand> Command);

/// <summary>One demo application: its registration (with a stable external request id, so loading twice registers once) and its steps.</summary>
public sealed record DemoCase(RegisterApplication Registration, IReadOnlyList<DemoStep> Steps);

/// <summary>
/// A realistic, deterministic demo data set (seeded <see cref="Random"/>, no external data): a county government with two
/// departments and a neighbouring county, their staff, and three years of applications plus the current year up to
/// today, covering every result row, 补正 (received and lapsed), extensions, consultations, fees (paid and lapsed),
/// withdrawals, Art. 35, reconsiderations and lawsuits, with some cases overdue and some due soon today.
/// Steps dated after today are left out, so recent applications are still open, as in a real office.
/// </summary>
public static class DemoPlan
{
    public const int Seed = 20_190_515;

    public static readonly IReadOnlyList<DemoAgency> Agencies =
    [
        new("mx", "某县人民政府", null, "某县府公开", "某县府公开复", 20,
        [
            "{year}年度{town}财政预算执行情况和决算报告", "关于{project}的批复文件", "{village}村集体土地征收补偿安置方案",
            "{town}{year}年度低保资金发放明细（不含个人信息）", "县政府常务会议关于{project}的会议纪要", "{project}政府采购合同",
        ]),
        new("mx-zrzy", "某县自然资源局", "mx", "某县自然资源公开", "某县自然资源公开复", 12,
        [
            "{village}村土地征收公告及补偿标准", "{project}建设项目用地预审意见", "{project}地块国有建设用地使用权出让合同",
            "{town}国土空间总体规划（{year}—2035年）", "{village}村宅基地审批台账", "{project}违法占地行政处罚决定书",
        ]),
        new("mx-zjj", "某县住房和城乡建设局", "mx", "某县住建公开", "某县住建公开复", 10,
        [
            "{community}棚户区改造项目房屋征收决定及补偿方案", "{project}建筑工程施工许可证", "{community}住宅专项维修资金使用情况",
            "{community}小区规划验收及竣工验收备案材料", "{year}年度保障性住房分配结果公示材料",
        ]),
        new("lx", "邻县人民政府", null, "邻县府公开", "邻县府公开复", 8,
        [
            "{year}年度{town}乡村振兴衔接资金使用情况", "关于{project}的可行性研究报告批复", "{village}村集体经济组织财务公开资料",
        ]),
    ];

    public static IReadOnlyList<DemoStaff> Staff { get; } =
    [
        new("mx.admin", "县政府办系统管理员", "mx", [StaffRole.Administrator]),
        new("mx.dengji", "王芳（登记）", "mx", [StaffRole.Registrar]),
        new("mx.chengban", "李强（承办）", "mx", [StaffRole.CaseHandler]),
        new("mx.shenhe", "张敏（公开办负责人）", "mx", [StaffRole.Approver]),
        new("mx.guwen", "陈律师（法律顾问）", "mx", [StaffRole.LegalCounsel]),
        new("mx-zrzy.chengban", "刘洋（自然资源局）", "mx-zrzy", [StaffRole.Registrar, StaffRole.CaseHandler]),
        new("mx-zrzy.shenhe", "赵静（自然资源局负责人）", "mx-zrzy", [StaffRole.Approver]),
        new("mx-zjj.chengban", "孙磊（住建局）", "mx-zjj", [StaffRole.Registrar, StaffRole.CaseHandler]),
        new("mx-zjj.shenhe", "周丽（住建局负责人）", "mx-zjj", [StaffRole.Approver]),
        new("lx.chengban", "吴刚（邻县）", "lx", [StaffRole.Registrar, StaffRole.CaseHandler]),
        new("lx.shenhe", "郑红（邻县负责人）", "lx", [StaffRole.Approver]),
    ];

    private static string RegistrarOf(string agency) => agency == "mx" ? "mx.dengji" : $"{agency}.chengban";
    private static string HandlerOf(string agency) => $"{agency}.chengban";
    private static string ApproverOf(string agency) => $"{agency}.shenhe";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂", "兰", "文", "华", "建", "国", "志", "红", "德", "玉", "成", "海", "云", "春", "林", "飞", "鹏", "燕"];
    private static readonly string[] Towns = ["城关镇", "东山镇", "西河乡", "南坪镇", "北岭乡", "清水镇", "石桥镇", "白云乡"];
    private static readonly string[] Villages = ["红星", "新民", "团结", "和平", "柏杨", "桃园", "龙井", "石门", "大坝", "青杠"];
    private static readonly string[] Projects = ["县城南环路改扩建工程", "工业园区标准化厂房", "城北污水处理厂", "县人民医院新院区", "滨河公园", "第二中学扩建", "农贸市场升级改造", "高铁站前广场"];
    private static readonly string[] Communities = ["金桂苑", "阳光花园", "滨江小区", "锦绣家园", "老街片区", "东城一号"];
    private static readonly string[] Words = ["鑫达", "华通", "宏远", "黔城", "安顺", "博越", "正和", "新世纪", "恒信", "丰泽"];

    /// <summary>The demo cases for <paramref name="today"/>: deterministic for a given day.</summary>
    public static IReadOnlyList<DemoCase> Cases(DateOnly today, WorkdayCalendar calendar)
    {
        var builder = new CaseBuilder(calendar, today);
        var cases = new List<DemoCase>();
        var firstYear = today.Year - 3;
        foreach (var (agency, agencyIndex) in Agencies.Select((a, i) => (a, i)))
        {
            for (var year = firstYear; year <= today.Year; year++)
            {
                var count = year == today.Year ? Math.Max(1, agency.ApplicationsPerYear * today.DayOfYear / 366) : agency.ApplicationsPerYear;
                for (var sequence = 1; sequence <= count; sequence++)
                {
                    var externalId = $"demo:{agency.Code}:{year}:{sequence}";
                    var jitter = CaseBuilder.RandomFor(externalId).Next(-5, 6);
                    var dayOfYear = (int)((sequence - 0.5) * 365 / count) + jitter;
                    var receivedOn = calendar.NextWorkingDayAfter(new DateOnly(year, 1, 1).AddDays(Math.Clamp(dayOfYear, 1, 360)));
                    if (receivedOn > today) continue; // a year with no notice is provisional (预计), never skipped
                    // The first item's result cycles through every result, offset per agency and year, so all rows are used.
                    cases.Add(builder.Build(agency, externalId, receivedOn, sequence + agencyIndex * 5 + year * 3));
                }
            }
            // Open cases at today, so the worklist has something to do: two overdue, two due within days.
            if (agency.ParentCode is null)
            {
                foreach (var (workingDaysAgo, index) in new[] { (27, 1), (24, 2), (17, 3), (16, 4) })
                {
                    var receivedOn = builder.WorkingDaysBefore(today, workingDaysAgo);
                    cases.Add(builder.Build(agency, $"demo:{agency.Code}:open:{index}", receivedOn, -1));
                }
            }
        }
        return cases;
    }

    /// <summary>
    /// A 登记台账 of <paramref name="count"/> cases in the demo's lifecycle mix (补正, extensions, consultations, fees,
    /// answers of every kind, withdrawals, Art. 35, reviews), received on working days spread evenly over the
    /// <paramref name="years"/> years up to today, at the demo's agencies in proportion to their yearly volumes. The
    /// same arguments give the same cases (the import benchmark and its rerun read the same file). Lazily built, so a
    /// 100,000-case file is written without holding it in memory.
    /// </summary>
    public static IEnumerable<DemoCase> Ledger(int count, DateOnly today, WorkdayCalendar calendar, int years = 4)
    {
        var builder = new CaseBuilder(calendar, today);
        var first = new DateOnly(today.Year - years + 1, 1, 1);
        var days = today.DayNumber - first.DayNumber;
        var weights = Agencies.Select(a => a.ApplicationsPerYear).ToArray();
        var cumulative = weights.Select((_, i) => weights.Take(i + 1).Sum()).ToArray();
        for (var index = 0; index < count; index++)
        {
            var slot = index % cumulative[^1];
            var agency = Agencies[Array.FindIndex(cumulative, c => slot < c)];
            var receivedOn = calendar.NextWorkingDayAfter(first.AddDays((int)((long)index * days / count)));
            if (receivedOn > today) receivedOn = today;
            yield return builder.Build(agency, $"ledger:{index + 1}", receivedOn, index);
        }
    }

    private sealed class CaseBuilder(WorkdayCalendar calendar, DateOnly today)
    {
        private readonly Dictionary<string, int> replyNumbers = [];
        private Random random = new(Seed);

        /// <summary>Each case draws from its own seeded generator, so a case's story does not depend on the cases before it.</summary>
        public static Random RandomFor(string externalId)
        {
            var hash = 2_166_136_261u;
            foreach (var c in externalId) hash = (hash ^ c) * 16_777_619u;
            return new Random(Seed ^ (int)hash);
        }

        public DateOnly WorkingDaysBefore(DateOnly date, int workingDays)
        {
            var day = date;
            for (var counted = 0; counted < workingDays;)
            {
                day = day.AddDays(-1);
                if (calendar.IsWorkingDay(day)) counted++;
            }
            return day;
        }

        private DateOnly W(DateOnly from, int workingDays) => calendar.AddWorkingDays(from, workingDays);

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        public DemoCase Build(DemoAgency agency, string externalId, DateOnly receivedOn, int outcomeCycle)
        {
            random = RandomFor(externalId + ":story");
            var (type, applicant) = Applicant();
            var itemCount = random.Next(100) switch { < 65 => 1, < 90 => 2, _ => 3 };
            var items = Enumerable.Range(0, itemCount).Select(_ => Item(agency, receivedOn.Year)).Distinct().ToList();
            var channel = random.Next(100) switch { < 40 => Channel.Online, < 70 => Channel.Letter, < 88 => Channel.InPerson, < 95 => Channel.Email, _ => Channel.Fax };
            var form = random.Next(100) switch { < 45 => RequestedForm.Paper, < 75 => RequestedForm.Electronic, < 92 => RequestedForm.Email, _ => RequestedForm.Inspection };
            var registration = new RegisterApplication(agency.Code, receivedOn, channel, type, applicant, items, form, externalId, RegistrarOf(agency.Code));

            var script = new Script(agency, receivedOn, items.Count, this);
            if (outcomeCycle >= 0) Plan(script, outcomeCycle);
            else if (random.Next(2) == 0) script.Notice(receivedOn, NoticeKind.ReceiptAcknowledgement);
            return new DemoCase(registration, [.. script.Steps.TakeWhile(s => s.On <= today)]);
        }

        /// <summary>Chooses the case's story. The first item's result cycles through every result so every table row is used.</summary>
        private void Plan(Script s, int cycle)
        {
            var results = Enum.GetValues<ItemResult>();
            var primary = results[cycle % results.Length];
            var story = primary == ItemResult.StillUnclearAfterSupplement ? 1 : random.Next(100);
            var r = s.ReceivedOn;
            if (random.Next(3) == 0) s.Notice(r, NoticeKind.ReceiptAcknowledgement);
            switch (story)
            {
                case < 8: // 补正, received, answered (or still unclear)
                {
                    var requested = W(r, random.Next(2, 7));
                    s.Supplement(requested, W(requested, 10));
                    var supplemented = W(requested, random.Next(3, 9));
                    s.Add(supplemented, (id, v) => new RecordSupplement(id, v, supplemented, "申请人补充提供了文件名称和形成年份", s.Handler));
                    s.Answer(W(supplemented, random.Next(6, 16)), primary);
                    break;
                }
                case < 12: // 补正 lapsed
                {
                    var requested = W(r, random.Next(2, 7));
                    var deadline = W(requested, 10);
                    s.Supplement(requested, deadline);
                    var lapsed = W(deadline, 1);
                    s.Add(lapsed, (id, v) => new RecordSupplementLapsed(id, v, lapsed, s.Approver));
                    break;
                }
                case < 20: // extension
                {
                    var extended = W(r, random.Next(15, 19));
                    var reason = Pick(["所需信息涉及多个内设机构，需调取历年档案", "申请内容较多，需逐件进行保密审查", "需与相关单位核实信息"]);
                    s.Add(extended, (id, v) => new ExtendReply(id, v, extended, 20, "政府信息公开办公室主任", reason, s.Approver));
                    s.Notice(extended, NoticeKind.ExtensionNotice);
                    s.Answer(W(r, random.Next(24, 38)), primary);
                    break;
                }
                case < 30: // consultation of a third party or another agency
                {
                    var sent = W(r, random.Next(3, 8));
                    var thirdParty = random.Next(3) > 0;
                    var consultee = thirdParty ? $"某县{Pick(Words)}房地产开发有限公司" : Pick(["某县发展和改革局", "某县财政局", "某县生态环境局"]);
                    s.Add(sent, (id, v) => new SendConsultation(id, v, thirdParty ? ConsultationParty.ThirdParty : ConsultationParty.OtherAgency, consultee, sent, s.Handler));
                    if (thirdParty) s.Notice(sent, NoticeKind.ThirdPartyConsultation);
                    var replied = W(sent, random.Next(5, 15));
                    var consents = random.Next(2) == 0;
                    s.Add(replied, (id, v) => new RecordConsultationReply(id, v, 1, replied, consents, consents ? "同意公开" : "涉及商业秘密，不同意公开", s.Handler));
                    s.Answer(W(replied, random.Next(3, 10)), consents ? primary : ItemResult.WithheldThirdPartyRights);
                    break;
                }
                case < 38 when r.Year >= 2021: // fee (FEE2020 applies from 2021)
                {
                    var noticed = W(r, random.Next(4, 10));
                    var perPage = random.Next(2) == 0;
                    var quantity = perPage ? random.Next(45, 260) : random.Next(11, 36);
                    s.Add(noticed, (id, v) => new NoticeFee(id, v, noticed, perPage ? FeeMethod.PerPage : FeeMethod.PerApplication, quantity, null, s.Handler));
                    s.Notice(noticed, NoticeKind.FeeNotice);
                    if (random.Next(3) == 0)
                    {
                        var lapsed = W(noticed, 21);
                        s.Add(lapsed, (id, v) => new RecordFeeLapsed(id, v, lapsed, s.Approver));
                        break;
                    }
                    var paid = W(noticed, random.Next(2, 12));
                    var amount = Workflow.Clock.FeeSchedule.Propose(perPage ? FeeMethod.PerPage : FeeMethod.PerApplication, quantity);
                    s.Add(paid, (id, v) => new RecordFeePaid(id, v, paid, amount, s.Handler));
                    s.Answer(W(paid, random.Next(3, 10)), ItemResult.Disclosed);
                    break;
                }
                case < 43: // withdrawn
                {
                    var withdrawn = W(r, random.Next(2, 12));
                    s.Add(withdrawn, (id, v) => new WithdrawApplication(id, v, withdrawn, "申请人书面申请撤回", s.Handler));
                    break;
                }
                case < 46: // Art. 35: a reasoned later due date
                {
                    var set = W(r, random.Next(5, 10));
                    var due = W(r, 60);
                    s.Add(set, (id, v) => new SetArticle35DueDate(id, v, set, due, "申请人本月提交同类申请三十余件，需集中检索", s.Approver));
                    s.Answer(W(r, random.Next(40, 58)), primary);
                    break;
                }
                default:
                    s.Answer(W(r, random.Next(3, 19)), primary);
                    break;
            }
            if (s.AnsweredOn is { } answeredOn && s.Withholds && random.Next(100) < 45) Review(s, answeredOn);
        }

        /// <summary>A reconsideration (sometimes followed by a suit) or a direct suit against a non-disclosure.</summary>
        private void Review(Script s, DateOnly answeredOn)
        {
            var decisions = Enum.GetValues<ReviewDecision>().Where(d => d != ReviewDecision.SuitDismissed).ToArray();
            if (random.Next(3) > 0)
            {
                var filed = answeredOn.AddDays(random.Next(10, 55));
                var body = "某市人民政府";
                s.Add(filed, (id, v) => new FileReconsideration(id, v, filed, body, $"某府复〔{filed.Year}〕{random.Next(10, 300)}号", s.Handler));
                var decided = filed.AddDays(random.Next(30, 80));
                var decision = Pick(decisions);
                s.Add(decided, (id, v) => new DecideReconsideration(id, v, 1, decided, decision, null, s.Handler));
                if (random.Next(3) == 0)
                {
                    var sued = decided.AddDays(random.Next(3, 14));
                    s.Add(sued, (id, v) => new FileLawsuit(id, v, sued, "某市中级人民法院", $"（{sued.Year}）黔05行初{random.Next(10, 400)}号", 1, s.Handler));
                    var judged = sued.AddDays(random.Next(45, 150));
                    var judgment = Pick(Enum.GetValues<ReviewDecision>().Where(d => d is ReviewDecision.Rejected or ReviewDecision.Revoked
                        or ReviewDecision.OrderedToPerform or ReviewDecision.Withdrawn or ReviewDecision.SuitDismissed).ToArray());
                    s.Add(judged, (id, v) => new DecideLawsuit(id, v, 1, judged, judgment, null, s.Handler));
                }
            }
            else
            {
                var sued = answeredOn.AddDays(random.Next(20, 150));
                s.Add(sued, (id, v) => new FileLawsuit(id, v, sued, "某县人民法院", $"（{sued.Year}）黔0502行初{random.Next(10, 400)}号", null, s.Handler));
                var judged = sued.AddDays(random.Next(45, 180));
                var judgment = Pick(Enum.GetValues<ReviewDecision>().Where(d => d is ReviewDecision.Rejected or ReviewDecision.ConfirmedUnlawful
                    or ReviewDecision.Withdrawn or ReviewDecision.SuitDismissed).ToArray());
                s.Add(judged, (id, v) => new DecideLawsuit(id, v, 1, judged, judgment, null, s.Handler));
            }
        }

        public string ReplyNumber(DemoAgency agency, int year)
        {
            var key = $"{agency.Code}:{year}";
            replyNumbers[key] = replyNumbers.GetValueOrDefault(key) + 1;
            return $"{agency.ReplyPrefix}〔{year}〕{replyNumbers[key]}号";
        }

        public List<ItemAnswer> ItemAnswers(int items, ItemResult primary)
        {
            var answers = new List<ItemAnswer> { new(1, primary, ReasonFor(primary)) };
            for (var number = 2; number <= items; number++)
            {
                var result = random.Next(3) switch { 0 => ItemResult.Disclosed, 1 => ItemResult.NotHeldDoesNotExist, _ => primary };
                if (result == ItemResult.StillUnclearAfterSupplement) result = ItemResult.Disclosed;
                answers.Add(new ItemAnswer(number, result, ReasonFor(result)));
            }
            return answers;
        }

        private string? ReasonFor(ItemResult result) => result switch
        {
            ItemResult.Disclosed or ItemResult.AlreadyProactivelyDisclosed => null,
            ItemResult.PartlyDisclosedSeparated => "其中涉及个人身份信息和银行账号的部分已作删除处理",
            ItemResult.WithheldThirdPartyRights => "该信息涉及第三方商业秘密，第三方不同意公开",
            ItemResult.WithheldProcessInformation => "该信息为内部讨论稿，尚未形成正式决定",
            ItemResult.WithheldInternalAffairs => "该信息属于机关内部人事管理信息",
            ItemResult.NotHeldDoesNotExist => "经在档案室及相关科室检索，未找到该信息",
            ItemResult.NotHeldOtherAgency => "该信息由某县发展和改革局负责公开，联系电话：0857-0000000",
            _ => "具体理由详见答复书",
        };

        private (ApplicantType, Applicant) Applicant()
        {
            var roll = random.Next(100);
            var town = Pick(Towns);
            var address = $"某县{town}{Pick(Villages)}村{random.Next(1, 12)}组{random.Next(1, 90)}号";
            var phone = $"1{Pick(["38", "39", "58", "86", "87"])}0000{random.Next(1000, 9999)}";
            return roll switch
            {
                < 68 => (ApplicantType.NaturalPerson, new Applicant(PersonName(), null, phone, address, null)),
                < 82 => (ApplicantType.CommercialEnterprise, new Applicant($"某县{Pick(Words)}{Pick(["建筑工程", "商贸", "房地产开发", "农业科技"])}有限公司", null, phone, $"某县{town}工业园区", null)),
                < 90 => (ApplicantType.LegalServiceInstitution, new Applicant($"贵州{Pick(Words)}律师事务所", null, phone, "某市中心区法治路8号", null)),
                < 94 => (ApplicantType.ResearchInstitution, new Applicant($"某省{Pick(["农业科学", "社会科学", "城乡规划"])}研究院", null, phone, "某市高新区科研路1号", null)),
                < 97 => (ApplicantType.SocialWelfareOrganization, new Applicant($"某县{Pick(["环保公益", "助残", "乡村教育"])}服务中心", null, phone, address, null)),
                _ => (ApplicantType.OtherOrganization, new Applicant($"某县{town}{Pick(Villages)}村民委员会", null, phone, address, null)),
            };
        }

        private string PersonName() => Pick(Surnames) + Pick(GivenChars) + (random.Next(3) > 0 ? Pick(GivenChars) : "");

        private string Item(DemoAgency agency, int year) => Pick(agency.ItemTemplates)
            .Replace("{year}", (year - random.Next(0, 3)).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{town}", Pick(Towns)).Replace("{village}", Pick(Villages)).Replace("{project}", Pick(Projects))
            .Replace("{community}", Pick(Communities));
    }

    /// <summary>The steps of one case as they are planned, in date order.</summary>
    private sealed class Script(DemoAgency agency, DateOnly receivedOn, int items, CaseBuilder builder)
    {
        public List<DemoStep> Steps { get; } = [];
        public DateOnly ReceivedOn => receivedOn;
        public string Handler => HandlerOf(agency.Code);
        public string Approver => ApproverOf(agency.Code);
        public DateOnly? AnsweredOn { get; private set; }
        public bool Withholds { get; private set; }

        public void Add(DateOnly on, Func<Guid, int, IApplicationCommand> command) => Steps.Add(new DemoStep(on, command));

        public void Notice(DateOnly on, NoticeKind kind) =>
            Add(on, (id, v) => new IssueNotice(id, v, kind, on, kind == NoticeKind.ThirdPartyConsultation ? ServiceMethod.Post : ServiceMethod.InPerson, Handler));

        public void Supplement(DateOnly requested, DateOnly deadline)
        {
            Add(requested, (id, v) => new RequestSupplement(id, v, requested, deadline, "请明确所需政府信息的名称、文号或者其他特征描述，并提供身份证明复印件", Handler));
            Notice(requested, NoticeKind.SupplementNotice);
        }

        public void Answer(DateOnly answeredOn, ItemResult primary)
        {
            var answers = builder.ItemAnswers(items, primary);
            var number = builder.ReplyNumber(agency, answeredOn.Year);
            var served = answeredOn;
            Add(answeredOn, (id, v) => new AnswerApplication(id, v, answeredOn, answers, null, number, ServiceMethod.Post, served, Approver));
            Notice(answeredOn, NoticeKind.AnswerLetter);
            AnsweredOn = answeredOn;
            Withholds = answers.Any(a => !OutcomeRules.IsDisclosing(a.Result) || a.Result == ItemResult.PartlyDisclosedSeparated);
        }
    }
}
