using System.Collections.Immutable;
using System.Globalization;

namespace Workflow.Calendar;

/// <summary>One statutory holiday day (法定节假日) of a year, by 全国年节及纪念日放假办法.</summary>
public sealed record StatutoryHoliday(DateOnly Date, string Name);

/// <summary>
/// The statutory holidays of 全国年节及纪念日放假办法 (domain A2, B §4.1): the days every notice must give off, whatever
/// its 调休. Two rules: 2008-2024 (11 days: 春节 正月初一至初三, 劳动节 5月1日) and the 2024 revision in force from
/// 2025-01-01 (13 days: 春节 adds 农历除夕, 劳动节 adds 5月2日). Lunar dates come from
/// <see cref="ChineseLunisolarCalendar"/>; 清明 from the solar term (<see cref="SolarTerms.QingmingOf"/>).
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>The day the 2024 revision (春节 4 days, 劳动节 2 days) came into force.</summary>
    public static readonly DateOnly Revision2024InForce = new(2025, 1, 1);

    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The years the lunar calendar of .NET supports (1901-2100).</summary>
    public static bool Supports(int year) => year is >= 1902 and <= 2100;

    /// <summary>The statutory holidays of <paramref name="year"/> under the rule in force that year, in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1902-2100.</exception>
    public static ImmutableArray<StatutoryHoliday> Of(int year)
    {
        if (!Supports(year)) throw new ArgumentOutOfRangeException(nameof(year), year, "Statutory holidays are computed for 1902-2100 only.");
        bool revised = new DateOnly(year, 1, 1) >= Revision2024InForce;
        var newYear = LunarDate(year, 1, 1); // 正月初一
        var days = new List<StatutoryHoliday> { new(new DateOnly(year, 1, 1), "元旦") };
        if (revised) days.Add(new(newYear.AddDays(-1), "春节")); // 农历除夕: the last day of the lunar year, whatever its month
        for (int i = 0; i < 3; i++) days.Add(new(newYear.AddDays(i), "春节"));
        days.Add(new(SolarTerms.QingmingOf(year), "清明节"));
        days.Add(new(new DateOnly(year, 5, 1), "劳动节"));
        if (revised) days.Add(new(new DateOnly(year, 5, 2), "劳动节"));
        days.Add(new(LunarDate(year, 5, 5), "端午节"));
        days.Add(new(LunarDate(year, 8, 15), "中秋节"));
        for (int d = 1; d <= 3; d++) days.Add(new(new DateOnly(year, 10, d), "国庆节"));
        return [.. days.OrderBy(d => d.Date)];
    }

    /// <summary>The first year of the rules <see cref="Of"/> knows (全国年节及纪念日放假办法 as amended in 2007, in force from 2008).</summary>
    public const int RulesKnownFrom = 2008;

    /// <summary>
    /// The statutory holidays a national arrangement of a year leaves working days (empty when none, or when the year is
    /// before <see cref="RulesKnownFrom"/>): each must be a day off of the file, or a weekend day the file does not make a
    /// make-up working day (a file need not list the weekend days of a holiday).
    /// </summary>
    public static IReadOnlyList<StatutoryHoliday> MissingFrom(CalendarFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Year < RulesKnownFrom || !Supports(file.Year)) return [];
        var off = file.DaysOff.Select(d => d.Date).ToHashSet();
        var worked = file.MakeUpWorkdays.Select(d => d.Date).ToHashSet();
        return [.. Of(file.Year).Where(h => !off.Contains(h.Date)
            && (worked.Contains(h.Date) || h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)))];
    }

    /// <summary>
    /// The Gregorian date of a lunar month/day of the lunar year that starts in Gregorian <paramref name="year"/>.
    /// <paramref name="month"/> is the ordinary (non-leap) month number; .NET numbers months 1-13 in a leap year, the leap
    /// month taking the number after the month it repeats, so later months shift by one.
    /// </summary>
    public static DateOnly LunarDate(int year, int month, int day)
    {
        int leap = Lunar.GetLeapMonth(year); // 0, or the index (2-13) of the leap month
        int index = leap != 0 && leap <= month ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}

/// <summary>Solar terms (节气) from the sun's apparent ecliptic longitude, dated in China Standard Time.</summary>
public static class SolarTerms
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);
    private const double J2000 = 2451545.0;

    /// <summary>清明: the day (China Standard Time) on which the sun's apparent longitude reaches 15°.</summary>
    public static DateOnly QingmingOf(int year) => DateOf(year, 15.0, new DateTime(year, 3, 30, 0, 0, 0, DateTimeKind.Utc));

    /// <summary>The instant (UTC) the sun's apparent longitude reaches <paramref name="longitude"/> degrees, searched from <paramref name="near"/>.</summary>
    public static DateTime InstantOf(double longitude, DateTime near)
    {
        double jd = JulianDay(near);
        for (int i = 0; i < 50; i++)
        {
            double difference = ((longitude - ApparentLongitude(jd)) % 360 + 540) % 360 - 180;
            jd += difference / 0.98564736; // mean daily motion of the sun
            if (Math.Abs(difference) < 1e-7) break;
        }
        // jd is in Terrestrial Time; UTC is about 69 seconds earlier in this century (ΔT).
        return new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(jd - J2000).AddSeconds(-69);
    }

    private static DateOnly DateOf(int year, double longitude, DateTime near) =>
        DateOnly.FromDateTime(InstantOf(longitude, near) + ChinaStandardTime);

    private static double JulianDay(DateTime utc) => J2000 + (utc - new DateTime(2000, 1, 1, 12, 0, 0, DateTimeKind.Utc)).TotalDays;

    /// <summary>Apparent geocentric longitude of the sun in degrees (Meeus, Astronomical Algorithms ch. 25, accuracy ~0.01°, i.e. ~15 minutes).</summary>
    private static double ApparentLongitude(double jd)
    {
        double t = (jd - J2000) / 36525;
        double meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
        double meanAnomaly = Radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
        double centre = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.Sin(meanAnomaly)
            + (0.019993 - 0.000101 * t) * Math.Sin(2 * meanAnomaly)
            + 0.000289 * Math.Sin(3 * meanAnomaly);
        double omega = Radians(125.04 - 1934.136 * t);
        double apparent = meanLongitude + centre - 0.00569 - 0.00478 * Math.Sin(omega);
        return (apparent % 360 + 360) % 360;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
