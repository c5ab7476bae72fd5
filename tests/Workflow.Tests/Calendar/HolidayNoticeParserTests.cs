using Workflow.Calendar;

namespace Workflow.Tests.Calendar;

public sealed class HolidayNoticeParserTests
{
    private static string NoticesFolder => Path.Combine(AppContext.BaseDirectory, "Notices");

    public static TheoryData<int> ShippedYears() => [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026];

    /// <summary>The notices of a year in order: the original, then the amendment (2019, 2020).</summary>
    private static List<ParsedNotice> NoticesOf(int year)
    {
        var notices = new List<ParsedNotice> { HolidayNoticeParser.Parse(File.ReadAllText(Path.Combine(NoticesFolder, $"{year}.txt"))) };
        var amendment = Path.Combine(NoticesFolder, $"{year}-amendment.txt");
        if (File.Exists(amendment)) notices.Add(HolidayNoticeParser.Parse(File.ReadAllText(amendment)));
        return notices;
    }

    private static string Describe(IEnumerable<CalendarDay> days) =>
        string.Join("\n", days.OrderBy(d => d.Date).Select(d => $"{d.Date:yyyy-MM-dd} {d.Name}"));

    private static IEnumerable<string> Lines(IEnumerable<CalendarDay> days, string kind) =>
        days.Select(d => $"{kind} {d.Date:yyyy-MM-dd} {d.Name}");

    [Theory]
    [MemberData(nameof(ShippedYears))]
    public void The_notices_of_a_year_read_in_order_give_exactly_the_shipped_file(int year)
    {
        var shipped = CalendarFile.LoadShipped().Single(f => f.Year == year);

        var parsed = HolidayNoticeParser.ToCalendarFile(NoticesOf(year));

        parsed.Year.Should().Be(year);
        parsed.Version.Should().Be(shipped.Version);
        var parsedDays = Lines(parsed.DaysOff, "off").Concat(Lines(parsed.MakeUpWorkdays, "work")).ToList();
        var shippedDays = Lines(shipped.DaysOff, "off").Concat(Lines(shipped.MakeUpWorkdays, "work")).ToList();
        shippedDays.Except(parsedDays).Should().BeEmpty("the shipped file has nothing the notice lacks");
        parsedDays.Except(shippedDays).Should().BeEmpty("the notice has nothing the shipped file lacks");
    }

    [Fact]
    public void The_2019_amendment_changes_only_labour_day()
    {
        var notices = NoticesOf(2019);
        var original = HolidayNoticeParser.ToCalendarFile(notices.Take(1).ToList());
        var amended = HolidayNoticeParser.Apply(original, notices[1]);

        notices[1].IsAmendment.Should().BeTrue();
        notices[1].PublishedOn.Should().Be(new DateOnly(2019, 3, 22));
        original.DaysOff.Where(d => d.Name == "劳动节").Select(d => d.Date).Should().Equal(new DateOnly(2019, 5, 1));
        amended.DaysOff.Where(d => d.Name == "劳动节").Select(d => d.Date.Day).Should().Equal(1, 2, 3, 4);
        amended.DaysOff.Where(d => d.Name != "劳动节").Should().Equal(original.DaysOff.Where(d => d.Name != "劳动节"));
        amended.Version.Should().Be("2019.2");
    }

    [Fact]
    public void The_2020_extension_runs_the_spring_festival_to_2_february_and_the_make_up_saturday_lapses()
    {
        var notices = NoticesOf(2020);
        var original = HolidayNoticeParser.ToCalendarFile(notices.Take(1).ToList());
        original.MakeUpWorkdays.Select(d => d.Date).Should().Contain(new DateOnly(2020, 2, 1));

        var extended = HolidayNoticeParser.Apply(original, notices[1]);

        extended.MakeUpWorkdays.Select(d => d.Date).Should().NotContain(new DateOnly(2020, 2, 1));
        extended.MakeUpWorkdays.Select(d => d.Date).Should().NotContain(new DateOnly(2020, 2, 3), "a Monday named with 正常上班 is an ordinary working day");
        extended.DaysOff.Where(d => d.Name == "春节").Max(d => d.Date).Should().Be(new DateOnly(2020, 2, 2));
    }

    [Fact]
    public void Full_width_punctuation_as_printed_is_read_like_the_ascii_copy()
    {
        var ascii = File.ReadAllText(Path.Combine(NoticesFolder, "2026.txt"));
        var printed = ascii.Replace(',', '，').Replace(':', '：').Replace('(', '（').Replace(')', '）');

        var a = HolidayNoticeParser.ToCalendarFile([HolidayNoticeParser.Parse(ascii)]);
        var b = HolidayNoticeParser.ToCalendarFile([HolidayNoticeParser.Parse(printed)]);

        Describe(b.DaysOff).Should().Be(Describe(a.DaysOff));
        Describe(b.MakeUpWorkdays).Should().Be(Describe(a.MakeUpWorkdays));
    }

    [Fact]
    public void A_different_text_is_refused_with_a_chinese_reason()
    {
        var act = () => HolidayNoticeParser.Parse("关于做好2027年春节期间值班工作的通知\n各单位要做好值班。");

        act.Should().Throw<HolidayNoticeFormatException>().Which.ChineseMessage.Should().Contain("不是国务院办公厅节假日安排通知");
    }

    [Fact]
    public void A_dated_clause_that_is_neither_a_day_off_nor_work_is_an_error_not_skipped()
    {
        var text = """
            经国务院批准,现将2027年元旦、春节放假调休日期的具体安排通知如下。
            一、元旦:1月1日至3日,共3天。
            """;

        var act = () => HolidayNoticeParser.Parse(text);

        act.Should().Throw<HolidayNoticeFormatException>().Which.ChineseMessage.Should().Contain("无法识别");
    }

    [Fact]
    public void A_date_outside_the_notices_year_is_refused_when_read_not_when_the_file_is_read_back()
    {
        // A typo of the year in one item: the file would be refused when read back after recording (a 500 once).
        var text = File.ReadAllText(Path.Combine(NoticesFolder, "2026.txt"))
            .Replace("五、端午节:6月19日(周五)至21日(周日)放假,共3天。", "五、端午节:2025年6月19日放假,共1天。", StringComparison.Ordinal);
        text.Should().Contain("2025年6月19日");

        var act = () => HolidayNoticeParser.ToCalendarFile([HolidayNoticeParser.Parse(text)]);

        act.Should().Throw<HolidayNoticeFormatException>().Which.ChineseMessage.Should().Contain("2025-06-19").And.Contain("不在2026年");
    }

    [Fact]
    public void A_notice_whose_printed_weekdays_contradict_its_dates_is_refused()
    {
        // The 2026 text with its year typed as 2027: 1月1日(周四) is a Friday in 2027.
        var relabelled = File.ReadAllText(Path.Combine(NoticesFolder, "2026.txt")).Replace("现将2026年", "现将2027年", StringComparison.Ordinal);

        var act = () => HolidayNoticeParser.Parse(relabelled);

        act.Should().Throw<HolidayNoticeFormatException>().Which.ChineseMessage.Should().Contain("与日期不符").And.Contain("2027-01-01是星期五");
    }

    [Fact]
    public void An_amendment_alone_is_refused()
    {
        var amendment = HolidayNoticeParser.Parse(File.ReadAllText(Path.Combine(NoticesFolder, "2019-amendment.txt")));

        var act = () => HolidayNoticeParser.ToCalendarFile([amendment]);

        act.Should().Throw<HolidayNoticeFormatException>();
    }
}
