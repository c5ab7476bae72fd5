using System.Globalization;
using Workflow.Calendar;

namespace Server.Tests.Calendar;

/// <summary>
/// Made-up national arrangements for tests that still give every statutory holiday off (a national calendar without
/// them is refused, docs/adr/0038): the statutory days of a year as JSON entries, and notice lines for the holidays a
/// made-up notice does not name.
/// </summary>
public static class StatutoryTestCalendars
{
    private const string Numerals = "三四五六七八九";

    /// <summary>A made-up 2027 notice (not the real one): 元旦 1月1日至5日 with a make-up Saturday 1月9日, 春节 2月5日至12日 with 2月20日; the other statutory holidays added.</summary>
    public static readonly string MadeUpNotice2027 = Complete("""
        各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
        经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。
        一、元旦：1月1日（周五）至5日（周二）放假调休，共5天。1月9日（周六）上班。
        二、春节：2月5日（农历除夕、周五）至2月12日放假调休，共8天。2月20日（周六）上班。
        国务院办公厅
        2026年12月16日
        """, 2027);

    /// <summary>The statutory holidays of <paramref name="year"/> as <c>daysOff</c> entries, leaving out the dates listed in <paramref name="except"/>.</summary>
    public static string DaysOffJson(int year, params string[] except) => string.Join(", ", StatutoryHolidays.Of(year)
        .Where(h => !except.Contains(Iso(h.Date)))
        .Select(h => $$"""{ "date": "{{Iso(h.Date)}}", "name": "{{h.Name}}" }"""));

    /// <summary>
    /// <paramref name="notice"/> with an item for each statutory holiday of its year it does not name (its days off only),
    /// inserted before the signature 国务院办公厅.
    /// </summary>
    public static string Complete(string notice, int year)
    {
        var lines = new List<string>();
        foreach (var holiday in StatutoryHolidays.Of(year).GroupBy(h => h.Name).Where(g => !notice.Contains(g.Key[..2] + "：", StringComparison.Ordinal)))
        {
            var first = holiday.Min(h => h.Date);
            var last = holiday.Max(h => h.Date);
            var days = first == last ? $"{first.Month}月{first.Day}日放假，共1天。" : $"{first.Month}月{first.Day}日至{last.Month}月{last.Day}日放假，共{holiday.Count()}天。";
            lines.Add($"{Numerals[lines.Count]}、{holiday.Key}：{days}");
        }
        var signature = notice.IndexOf("国务院办公厅\n", StringComparison.Ordinal) is var at and >= 0 ? at : notice.LastIndexOf("国务院办公厅", StringComparison.Ordinal);
        return notice[..signature] + string.Join("\n", lines) + "\n" + notice[signature..];
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
