using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Workflow.Calendar;

/// <summary>One numbered item of a notice (e.g. 二、春节：…): the days off and make-up working days it sets for a holiday.</summary>
/// <param name="Holiday">The holiday as the notice names it ("春节", "中秋节、国庆节").</param>
/// <param name="DaysOff">Every day off of the item, weekend days inside its ranges included.</param>
/// <param name="MakeUpWorkdays">The Saturdays and Sundays declared working days (调休上班).</param>
/// <param name="ExtendedTo">An amendment that extends the holiday "至M月D日" (2020): the new last day off.</param>
public sealed record NoticeSection(string Holiday, ImmutableArray<DateOnly> DaysOff, ImmutableArray<DateOnly> MakeUpWorkdays, DateOnly? ExtendedTo);

/// <summary>A State Council holiday notice read from its text.</summary>
/// <param name="Year">The year it arranges.</param>
/// <param name="IsAmendment">An amending notice (调整/延长…) applied on top of the year's arrangement.</param>
/// <param name="PublishedOn">The date the notice bears (its signature line), if found.</param>
/// <param name="Title">国务院办公厅关于…的通知, as reconstructed from the text.</param>
/// <param name="SourceUrl">A <c>source:</c> line above the text, if any.</param>
public sealed record ParsedNotice(int Year, bool IsAmendment, DateOnly? PublishedOn, string Title, string? SourceUrl, ImmutableArray<NoticeSection> Sections);

/// <summary>The text is not a holiday notice this parser can read; the message says where (Chinese for users, English for logs).</summary>
public sealed class HolidayNoticeFormatException(string message, string chineseMessage) : Exception(message)
{
    public string ChineseMessage { get; } = chineseMessage;
}

/// <summary>
/// Reads the text of 国务院办公厅关于YYYY年部分节假日安排的通知 (and its amending notices, e.g. 调整2019年劳动节放假安排,
/// 延长2020年春节假期) into days off and 调休 make-up working days. The wording it understands, from the notices of
/// 2016-2026 (docs/clock-rules.md):
/// <list type="bullet">
/// <item>numbered items 一、 二、 …, each "节日：…" (or, in an amendment, the holiday named in the introduction);</item>
/// <item>"M月D日至D日放假调休" / "YYYY年M月D日至YYYY年M月D日" ranges and single days "M月D日放假", "M月D日补休";</item>
/// <item>"与周末连休": the adjacent Saturday and Sunday of the same year are days off too;</item>
/// <item>"M月D日（星期六）、M月D日（星期日）上班": make-up working days (a weekday named with 上班, e.g. "2月3日起正常上班", is an
/// ordinary working day and ignored);</item>
/// <item>"延长…假期至M月D日": the holiday's days off run on to that day, and make-up days inside them lapse.</item>
/// </list>
/// Parenthesised remarks (weekday, lunar date) are ignored; full-width and ASCII punctuation are both accepted.
/// Anything dated it cannot classify is an error, never skipped silently.
/// </summary>
public static partial class HolidayNoticeParser
{
    private const string Numerals = "一二三四五六七八九十";

    /// <summary>Parses one notice.</summary>
    /// <exception cref="HolidayNoticeFormatException">The text is not a notice this parser can read.</exception>
    public static ParsedNotice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Normalize(text).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        string? source = lines.Select(l => SourceLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value.Trim();
        var body = lines.Where(l => !SourceLine().IsMatch(l) && !PublishedLine().IsMatch(l)).ToList();
        string all = string.Join("\n", body);

        var intro = Intro().Match(all);
        if (!intro.Success)
            throw Error("no sentence \"现将YYYY年…放假…安排通知如下\" was found; this is not a State Council holiday notice.",
                "未找到“现将YYYY年……安排通知如下”，这不是国务院办公厅节假日安排通知的正文");
        int year = int.Parse(intro.Groups["year"].Value, CultureInfo.InvariantCulture);
        // The calendar answers for the years the statutory holidays are computed for; a notice of another year cannot be kept.
        if (!StatutoryHolidays.Supports(year))
            throw Error($"the notice is for {year}; the working-day calendar covers 1902-2100 only.", $"通知年度{year}超出工作日历支持的范围（1902-2100）");
        bool amendment = intro.Groups["verb"].Success;
        string introHoliday = intro.Groups["what"].Value;
        string title = amendment
            ? $"国务院办公厅关于{intro.Groups["verb"].Value}{year}年{introHoliday}{(intro.Groups["verb"].Value == "延长" ? "假期" : "放假安排")}的通知"
            : $"国务院办公厅关于{year}年部分节假日安排的通知";

        DateOnly? published = null;
        var signature = body.Select(l => SignatureDate().Match(l)).LastOrDefault(m => m.Success);
        if (signature is not null) published = DateFrom(signature.Groups[1].Value, signature.Groups[2].Value, signature.Groups[3].Value, signature.Value);
        else if (lines.Select(l => PublishedLine().Match(l)).FirstOrDefault(m => m.Success) is { } p)
            published = DateOnly.ParseExact(p.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        var sections = new List<NoticeSection>();
        foreach (var line in body)
        {
            if (line.Length < 2 || !Numerals.Contains(line[0]) ) continue;
            int mark = line.IndexOf('、');
            if (mark < 1 || line[..mark].Any(c => !Numerals.Contains(c))) continue;
            var item = line[(mark + 1)..];
            string holiday = introHoliday;
            var head = ItemHead().Match(item);
            if (head.Success)
            {
                holiday = head.Groups[1].Value;
                item = head.Groups[2].Value;
            }
            var section = ReadItem(holiday, item, year);
            if (section is not null) sections.Add(section);
        }
        if (sections.Count == 0)
            throw Error("the notice names no day off or make-up working day.", "通知中未找到放假或调休上班日期");
        if (!amendment && sections.Any(s => s.ExtendedTo is not null))
            throw Error("\"延长…至\" appears in a notice that is not an amendment.", "“延长……至”只应出现在调整通知中");
        return new ParsedNotice(year, amendment, published, title, source, [.. sections]);
    }

    /// <summary>
    /// The calendar file of a year from its notices in order (the original, then each amendment on top). The version is
    /// "YYYY.n" for n notices, as the shipped files number them.
    /// </summary>
    /// <exception cref="HolidayNoticeFormatException">The notices disagree on the year, or an amendment comes first.</exception>
    public static CalendarFile ToCalendarFile(IReadOnlyList<ParsedNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0) throw new ArgumentException("At least one notice.", nameof(notices));
        if (notices[0].IsAmendment)
            throw Error("an amending notice needs the year's original notice first.", "调整通知须在该年度原通知之后导入");
        CalendarFile? file = null;
        foreach (var notice in notices) file = Apply(file, notice);
        return file!;
    }

    /// <summary>
    /// Applies one notice to the year's arrangement in force (<paramref name="current"/>, null if none): an original notice
    /// replaces it whole; an amendment replaces the items of the holidays it names and keeps the rest.
    /// </summary>
    public static CalendarFile Apply(CalendarFile? current, ParsedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.IsAmendment && current is null)
            throw Error("an amending notice needs the year's original notice first.", "调整通知须在该年度原通知之后导入");
        if (current is not null && current.Year != notice.Year && notice.IsAmendment)
            throw Error($"the amendment is for {notice.Year}, the arrangement in force is for {current.Year}.",
                $"调整通知针对{notice.Year}年，与当前{current.Year}年安排不符");

        var off = new SortedDictionary<DateOnly, string>();
        var makeUp = new SortedDictionary<DateOnly, string>();
        if (notice.IsAmendment && current is not null && !current.IsProvisional)
        {
            foreach (var d in current.DaysOff) off[d.Date] = d.Name;
            foreach (var d in current.MakeUpWorkdays) makeUp[d.Date] = d.Name;
        }
        foreach (var section in notice.Sections)
        {
            string makeUpName = section.Holiday + "调休上班";
            if (section.ExtendedTo is { } end)
            {
                var holidayDays = off.Where(d => d.Value == section.Holiday).Select(d => d.Key).ToList();
                if (holidayDays.Count == 0)
                    throw Error($"the amendment extends {section.Holiday}, which the arrangement in force does not have.",
                        $"调整通知延长{section.Holiday}假期，但现行安排中没有该节日");
                for (var day = holidayDays.Max().AddDays(1); day <= end; day = day.AddDays(1))
                {
                    off[day] = section.Holiday;
                    makeUp.Remove(day); // a make-up day inside the longer holiday lapses (2020-02-01)
                }
            }
            else if (notice.IsAmendment)
            {
                foreach (var key in off.Where(d => d.Value == section.Holiday).Select(d => d.Key).ToList()) off.Remove(key);
                foreach (var key in makeUp.Where(d => d.Value == makeUpName).Select(d => d.Key).ToList()) makeUp.Remove(key);
            }
            foreach (var day in section.DaysOff) off[day] = section.Holiday;
            foreach (var day in section.MakeUpWorkdays) makeUp[day] = makeUpName;
        }

        // A date the notice names outside its year's reach (a typo such as 2026年 in the 2027 notice) is the notice's error
        // here, at the preview, not the recorded file's when it is read back (CalendarFile.Parse checks the same reach).
        foreach (var day in off.Keys.Concat(makeUp.Keys).Where(day => !CalendarFile.WithinReach(notice.Year, day)))
            throw Error($"{CalendarFile.Iso(day)} is outside {notice.Year} and its adjacent December/January.",
                $"通知所列日期 {CalendarFile.Iso(day)} 不在{notice.Year}年（及相邻的12月、1月）之内，请核对通知原文");

        // The first notice of a year is version 1; each later one (an amendment, or a re-issued text) takes the next number.
        int number = current is { IsProvisional: false } c && c.Year == notice.Year ? NextNumber(c.Version) : 1;
        string published = notice.PublishedOn is { } p ? p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "日期未见";
        var source = notice.IsAmendment && current is not null
            ? new CalendarSource($"{current.Source.Notice}；{notice.Title}（{published}）",
                [.. current.Source.Urls, .. notice.SourceUrl is null ? [] : new[] { notice.SourceUrl }])
            : new CalendarSource($"{notice.Title}（{published}）", notice.SourceUrl is null ? [] : [notice.SourceUrl]);
        return new CalendarFile(
            notice.Year,
            $"{notice.Year}.{number}",
            source,
            [],
            [.. off.Select(d => new CalendarDay(d.Key, d.Value))],
            [.. makeUp.Select(d => new CalendarDay(d.Key, d.Value))],
            notice.Title);
    }

    private static int NextNumber(string version)
    {
        var dot = version.LastIndexOf('.');
        return dot >= 0 && int.TryParse(version[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n + 1 : 2;
    }

    private static NoticeSection? ReadItem(string holiday, string item, int year)
    {
        CheckWeekdays(holiday, item, year);
        var daysOff = new SortedSet<DateOnly>();
        var makeUp = new SortedSet<DateOnly>();
        DateOnly? extendedTo = null;
        bool anyDate = false;
        foreach (var sentence in Parenthesised().Replace(item, "").Split(['。', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var sentenceOff = new SortedSet<DateOnly>();
            foreach (var clause in sentence.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var dates = ReadDates(clause, year, out var ranges);
                if (dates.Count == 0 && ranges.Count == 0) continue;
                anyDate = true;
                if (clause.Contains("上班", StringComparison.Ordinal))
                {
                    foreach (var d in dates.Concat(ranges.SelectMany(Expand)))
                        if (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) makeUp.Add(d);
                }
                else if (clause.Contains("延长", StringComparison.Ordinal) && ranges.Count == 0 && dates.Count == 1)
                {
                    extendedTo = dates[0];
                }
                else if (clause.Contains("放假", StringComparison.Ordinal) || clause.Contains("补休", StringComparison.Ordinal))
                {
                    foreach (var d in dates.Concat(ranges.SelectMany(Expand))) sentenceOff.Add(d);
                }
                else
                {
                    throw Error($"cannot tell whether the dates of \"{clause}\" ({holiday}) are days off or working days.",
                        $"无法识别“{clause}”（{holiday}）中的日期是放假还是上班");
                }
            }
            if (sentence.Contains("与周末连休", StringComparison.Ordinal))
            {
                foreach (var d in sentenceOff.ToList())
                {
                    for (var x = d.AddDays(-1); x.Year == year && x.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday; x = x.AddDays(-1)) sentenceOff.Add(x);
                    for (var x = d.AddDays(1); x.Year == year && x.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday; x = x.AddDays(1)) sentenceOff.Add(x);
                }
            }
            daysOff.UnionWith(sentenceOff);
        }
        if (!anyDate) return null;
        var clash = daysOff.Intersect(makeUp).ToList();
        if (clash.Count > 0)
            throw Error($"{clash[0]:yyyy-MM-dd} is both a day off and a working day in the item of {holiday}.",
                $"{clash[0]:yyyy-MM-dd}在{holiday}一项中既是放假又是上班");
        return new NoticeSection(holiday, [.. daysOff], [.. makeUp], extendedTo);
    }

    /// <summary>
    /// The weekday a notice prints after a date (“1月1日（周四）”) must be that date's: a notice whose year was typed wrong,
    /// or a copy of another year's text, contradicts its own weekdays, and its make-up days would otherwise be dropped
    /// silently as not falling on a weekend.
    /// </summary>
    private static void CheckWeekdays(string holiday, string item, int year)
    {
        int? month = null;
        var currentYear = year;
        // Every date sets the year and month the next ones without them are in, as ReadDates reads them.
        foreach (Match m in DatePattern().Matches(item))
        {
            if (m.Groups["y"].Success) currentYear = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["m"].Success) month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            var after = item.AsSpan(m.Index + m.Length).TrimStart();
            if (month is null || !after.StartsWith("(", StringComparison.Ordinal)) continue;
            var close = after.IndexOf(')');
            if (close < 0 || Weekday().Match(after[1..close].ToString()) is not { Success: true } weekday) continue;
            var date = DateFrom(currentYear.ToString(CultureInfo.InvariantCulture), month.Value.ToString(CultureInfo.InvariantCulture), m.Groups["d"].Value, m.Value);
            var printed = "日一二三四五六".IndexOf(weekday.Groups[1].Value == "天" ? "日" : weekday.Groups[1].Value, StringComparison.Ordinal);
            if (printed != (int)date.DayOfWeek)
                throw Error($"{date:yyyy-MM-dd} ({holiday}) is printed as weekday {printed} but is a {date.DayOfWeek}.",
                    $"通知中{holiday}一项的“{m.Value}”与日期不符：{date:yyyy-MM-dd}是星期{"日一二三四五六"[(int)date.DayOfWeek]}，请核对通知的年份和原文");
        }
    }

    private static IEnumerable<DateOnly> Expand((DateOnly From, DateOnly To) range)
    {
        for (var d = range.From; d <= range.To; d = d.AddDays(1)) yield return d;
    }

    /// <summary>The single dates and the ranges (…至…) of a clause. A date without a year is in the notice's year; without a month, in the month of the date before it.</summary>
    private static List<DateOnly> ReadDates(string clause, int year, out List<(DateOnly From, DateOnly To)> ranges)
    {
        ranges = [];
        var singles = new List<DateOnly>();
        var matches = DatePattern().Matches(clause);
        int? month = null;
        int currentYear = year;
        DateOnly? pendingFrom = null;
        foreach (Match m in matches)
        {
            if (m.Groups["y"].Success) currentYear = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["m"].Success) month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is null)
                throw Error($"the date \"{m.Value}\" in \"{clause}\" has no month.", $"“{clause}”中的日期“{m.Value}”缺少月份");
            var date = DateFrom(currentYear.ToString(CultureInfo.InvariantCulture), month.Value.ToString(CultureInfo.InvariantCulture), m.Groups["d"].Value, m.Value);
            bool startsRange = clause.AsSpan(m.Index + m.Length).TrimStart().StartsWith("至", StringComparison.Ordinal);
            bool endsRange = pendingFrom is not null;
            if (endsRange)
            {
                if (date < pendingFrom!.Value)
                    throw Error($"the range ending \"{m.Value}\" in \"{clause}\" runs backwards.", $"“{clause}”中的日期区间起止颠倒");
                ranges.Add((pendingFrom.Value, date));
                pendingFrom = null;
            }
            else if (startsRange && IsRangeStart(clause, m))
            {
                pendingFrom = date;
            }
            else
            {
                singles.Add(date);
            }
        }
        if (pendingFrom is { } dangling) singles.Add(dangling);
        return singles;
    }

    private static bool IsRangeStart(string clause, Match m) =>
        DatePattern().IsMatch(clause[(m.Index + m.Length)..].TrimStart().TrimStart('至'));

    private static DateOnly DateFrom(string y, string m, string d, string context)
    {
        try
        {
            return new DateOnly(int.Parse(y, CultureInfo.InvariantCulture), int.Parse(m, CultureInfo.InvariantCulture), int.Parse(d, CultureInfo.InvariantCulture));
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Error($"\"{context}\" is not a valid date.", $"“{context}”不是有效日期");
        }
    }

    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            builder.Append(c switch
            {
                '，' => ',', '：' => ':', '（' => '(', '）' => ')', '；' => ';', '\u3000' => ' ',
                >= '０' and <= '９' => (char)('0' + (c - '０')),
                _ => c,
            });
        }
        return builder.ToString();
    }

    private static HolidayNoticeFormatException Error(string english, string chinese) =>
        new($"Holiday notice: {english}", chinese);

    [GeneratedRegex(@"^source:\s*(\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex SourceLine();

    [GeneratedRegex(@"^published:\s*(\d{4}-\d{2}-\d{2})", RegexOptions.IgnoreCase)]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"现将(?:(?<verb>调整|延长))?\s*(?<year>\d{4})\s*年(?<what>[^\s,。放假]*?)(?:放假|假期|的具体)")]
    private static partial Regex Intro();

    [GeneratedRegex(@"^(\d{4})年(\d{1,2})月(\d{1,2})日$")]
    private static partial Regex SignatureDate();

    [GeneratedRegex(@"^([^:\d]{1,20}):(.*)$")]
    private static partial Regex ItemHead();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?:周|星期)([一二三四五六日天])")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(?:(?<y>\d{4})\s*年\s*)?(?:(?<m>\d{1,2})\s*月\s*)?(?<d>\d{1,2})\s*日")]
    private static partial Regex DatePattern();
}
