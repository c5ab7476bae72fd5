using Workflow.Applications;

namespace AnnualTablesBench;

/// <summary>
/// Deterministic, realistic application histories (after the ideas of the property tests' HistoryGenerator, without
/// the command layer): received between 2019-01-01 and 2024-12-20 in one of 55 agencies; a receipt notice; maybe a
/// supplement request (answered or lapsed), an extension, a fee (paid or lapsed); then answered with a row derived from
/// the item results, withdrawn, or left open; a few reconsiderations and lawsuits (decided or pending) and a few
/// corrections. A step that would fall after "today" is not taken, so the last weeks leave applications open.
/// </summary>
public sealed class LifecycleGenerator(int seed)
{
    public static readonly DateOnly Earliest = new(2019, 1, 1);
    public static readonly DateOnly Today = new(2024, 12, 20);

    /// <summary>
    /// 55 agencies: a government (10 % of the applications) and 54 departments (the rest, evenly); the government and
    /// its first 49 departments form the 50-agency subtree benchmarked, <c>gov-d01</c> is the single agency.
    /// </summary>
    public static readonly string[] Agencies = ["gov", .. Enumerable.Range(1, 54).Select(i => $"gov-d{i:D2}")];
    private static readonly int[] AgencyWeights = [10 * 54, .. Enumerable.Repeat(90, 54)];
    private static readonly int TotalWeight = AgencyWeights.Sum();

    private const string Clerk = "clerk.bench";
    private readonly Random random = new(seed);
    private readonly Dictionary<(string, int), int> sequences = [];

    private int Next(int n) => random.Next(n);
    private bool Chance(int percent) => random.Next(100) < percent;
    private T Of<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private string Agency()
    {
        var roll = Next(TotalWeight);
        for (var i = 0; i < Agencies.Length; i++)
        {
            if (roll < AgencyWeights[i]) return Agencies[i];
            roll -= AgencyWeights[i];
        }
        return Agencies[0];
    }

    public IReadOnlyList<IApplicationEvent> History(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var id = new Guid(bytes); // deterministic: the same seed gives the same data set
        var agency = Agency();
        var received = Earliest.AddDays(Next(Today.DayNumber - Earliest.DayNumber + 1));
        var sequence = sequences[(agency, received.Year)] = sequences.GetValueOrDefault((agency, received.Year)) + 1;
        var itemCount = 1 + Next(3);
        var events = new List<IApplicationEvent>
        {
            new ApplicationReceived(id, agency, $"{agency}-{received.Year}-{sequence:D5}", sequence, null, received,
                Of(Enum.GetValues<Channel>()), Of(Enum.GetValues<ApplicantType>()),
                new Applicant($"申请人{index}", null, "13800000000", "某市某区某路1号", null),
                [.. Enumerable.Range(1, itemCount).Select(i => new RequestedItem(i, $"信息{index}-{i}"))],
                Of(Enum.GetValues<RequestedForm>()), Clerk),
        };
        if (Chance(60)) events.Add(new NoticeIssued(id, NoticeKind.ReceiptAcknowledgement, $"回执{index}", received, ServiceMethod.Post, Clerk));

        var date = received;
        var stopped = false;
        var closed = false;
        var supplemented = false;
        bool At(DateOnly next)
        {
            if (stopped || next > Today) return !(stopped = true);
            date = next;
            return true;
        }

        if (Chance(20) && At(date.AddDays(1 + Next(5))))
        {
            var deadline = date.AddDays(15);
            events.Add(new SupplementRequested(id, date, deadline, "请明确所需信息", Clerk));
            if (Chance(30))
            {
                if (At(deadline.AddDays(1 + Next(10)))) { events.Add(new SupplementLapsed(id, date, Clerk)); closed = true; }
            }
            else if (At(date.AddDays(1 + Next(14)))) { events.Add(new SupplementReceived(id, date, "已补正", Clerk)); supplemented = true; }
        }
        if (!closed && Chance(25) && At(date.AddDays(1 + Next(20))))
            events.Add(new ReplyExtended(id, date, 1 + Next(15), "办公室主任", "需要协调", Clerk));
        if (!closed && Chance(10) && At(date.AddDays(1 + Next(10))))
        {
            var pages = 31 + Next(120);
            var amount = (pages - 30) * 0.1m;
            events.Add(new FeeNoticed(id, date, FeeMethod.PerPage, pages, amount, amount, Clerk));
            if (Chance(30))
            {
                if (At(date.AddDays(45 + Next(15)))) { events.Add(new FeeLapsed(id, date, Clerk)); closed = true; }
            }
            else if (At(date.AddDays(1 + Next(15)))) events.Add(new FeePaid(id, date, amount, Clerk));
        }
        if (!closed)
        {
            var ending = Next(100);
            if (ending < 80 && At(date.AddDays(1 + Next(40))))
            {
                var allowed = Enum.GetValues<ItemResult>().Where(r => supplemented || r != ItemResult.StillUnclearAfterSupplement).ToArray();
                var results = Enumerable.Range(0, itemCount).Select(_ => Of(allowed)).ToList();
                events.Add(new ApplicationAnswered(id, date,
                    [.. results.Select((r, i) => new ItemAnswer(i + 1, r, OutcomeRules.RowOf(r) == ResultRow.Disclosed ? null : "理由"))],
                    OutcomeRules.DeriveRow(results), false, $"答复{index}", ServiceMethod.Post, date, Clerk));
                closed = true;
            }
            else if (ending < 90 && At(date.AddDays(1 + Next(30))))
            {
                events.Add(new ApplicationWithdrawn(id, date, "申请人撤回", Clerk));
                closed = true;
            }
        }
        if (closed && Chance(4) && At(date.AddDays(1 + Next(60))))
        {
            events.Add(new ReconsiderationFiled(id, 1, date, "市人民政府", null, Clerk));
            if (Chance(70) && At(date.AddDays(30 + Next(120))))
            {
                events.Add(new ReconsiderationDecided(id, 1, date, Of(Enum.GetValues<ReviewDecision>().Where(d => d != ReviewDecision.SuitDismissed).ToArray()), null, Clerk));
                if (Chance(30) && At(date.AddDays(1 + Next(15))))
                {
                    events.Add(new LawsuitFiled(id, 1, date, "区人民法院", null, 1, Clerk));
                    if (Chance(60) && At(date.AddDays(60 + Next(200))))
                        events.Add(new LawsuitDecided(id, 1, date, Of(Enum.GetValues<ReviewDecision>()), null, Clerk));
                }
            }
        }
        else if (closed && Chance(1) && At(date.AddDays(1 + Next(60))))
        {
            events.Add(new LawsuitFiled(id, 1, date, "区人民法院", null, null, Clerk));
        }
        if (Chance(2) && received.AddDays(Next(30)) is var correctedOn && correctedOn <= Today)
        {
            var original = ((ApplicationReceived)events[0]).ApplicantType;
            var corrected = Of(Enum.GetValues<ApplicantType>());
            events.Add(new FactCorrected(id, correctedOn, CorrectableFact.ApplicantType, original.ToString(), corrected.ToString(), "登记有误", Clerk));
        }
        return events;
    }
}
