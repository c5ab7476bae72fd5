using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workflow.Calendar;

/// <summary>One named date in a calendar file: a day off or a make-up working day (调休上班).</summary>
public sealed record CalendarDay(DateOnly Date, string Name);

/// <summary>Where a year's arrangement comes from: the State Council notice (文号) and the pages it was read from.</summary>
public sealed record CalendarSource(string Notice, ImmutableArray<string> Urls);

/// <summary>What a calendar file is (domain A2).</summary>
public enum CalendarFileKind
{
    /// <summary>放假安排: the State Council arrangement of a year. The latest one of a year replaces the earlier ones whole.</summary>
    Notice,
    /// <summary>本地休假日: an agency's own days off (or make-up days), added on top of the arrangement; the latest one of an agency and year replaces its earlier ones.</summary>
    Local,
    /// <summary>预计: computed from the statutory holidays because no notice of the year is known; never stored, never shipped as data.</summary>
    Provisional,
}

/// <summary>
/// One calendar file: the official arrangement of one year (放假安排), or an office's local additions to a year.
/// The JSON format is the same for both (see docs/clock-rules.md):
/// <code>
/// { "year": 2019, "version": "2019.2",
///   "source": { "notice": "国办发明电〔2018〕15号…", "urls": [ "http://…" ] },
///   "notes": [ "…" ],
///   "daysOff": [ { "date": "2019-05-01", "name": "劳动节" } ],
///   "makeUpWorkdays": [ { "date": "2019-05-05", "name": "劳动节调休上班" } ] }
/// </code>
/// <para>
/// <c>daysOff</c> lists every weekday off and may also list the weekend days of a holiday range (they carry the
/// holiday's name into reports). <c>makeUpWorkdays</c> lists the weekend days declared working days; each must be a
/// Saturday or Sunday.
/// </para>
/// <para>
/// Dates next to the year boundary: a notice may name days of the adjacent year (the 2019 notice makes
/// 2018-12-29 a working day and 2018-12-30/31 days off). A file may therefore carry entries from December of the
/// previous year to January of the next year. Such an entry is merged like any other and holds whatever the state of
/// the adjacent year; a year no notice file declares is provisional (<see cref="ProvisionalYear"/>, ADR 0018).
/// </para>
/// </summary>
public sealed record CalendarFile(
    int Year,
    string Version,
    CalendarSource Source,
    ImmutableArray<string> Notes,
    ImmutableArray<CalendarDay> DaysOff,
    ImmutableArray<CalendarDay> MakeUpWorkdays,
    string Origin)
{
    /// <summary>What the file is: <c>"kind": "notice"</c> (default) or <c>"local"</c> in JSON.</summary>
    public CalendarFileKind Kind { get; init; } = CalendarFileKind.Notice;

    /// <summary>For a local file: the code of the agency whose days off these are (they hold for its departments); null = every agency of this installation.</summary>
    public string? AgencyCode { get; init; }

    /// <summary>Whether the file was computed, not read from a notice (see <see cref="ProvisionalYear"/>).</summary>
    public bool IsProvisional => Kind == CalendarFileKind.Provisional;

    /// <summary>Whether the JSON named a kind explicitly (a folder file without one keeps its old meaning, see <see cref="WorkdayCalendar.OfficialWithFolder"/>).</summary>
    public bool KindDeclared { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private const string EmbeddedPrefix = "Workflow.Calendar.Data.";

    /// <summary>Parses and validates one file. <paramref name="origin"/> names it in error messages (a path or resource).</summary>
    /// <exception cref="CalendarDataException">The JSON is malformed or breaks a rule of the format.</exception>
    public static CalendarFile Parse(string json, string origin)
    {
        FileDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<FileDto>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new CalendarDataException(origin, $"not a valid calendar file: {ex.Message}", ex);
        }

        if (dto is null) throw new CalendarDataException(origin, "the file is empty.");
        if (dto.Year is null or < 1900 or > 2999) throw new CalendarDataException(origin, "\"year\" is missing or out of range.");
        if (string.IsNullOrWhiteSpace(dto.Version)) throw new CalendarDataException(origin, "\"version\" is missing.");

        int year = dto.Year.Value;
        var kind = dto.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "notice" => CalendarFileKind.Notice,
            "local" => CalendarFileKind.Local,
            _ => throw new CalendarDataException(origin, $"\"kind\" must be \"notice\" or \"local\", not \"{dto.Kind}\"."),
        };
        // A missing list is not an empty one: read as "no days off", a national file would make 元旦, 春节 and 国庆 working days.
        if (dto.DaysOff is null)
            throw new CalendarDataException(origin, "\"daysOff\" is missing (a file with no day off says \"daysOff\": []).",
                chineseMessage: "日历文件缺少“daysOff”（放假日期）；没有放假日期时应写 \"daysOff\": []");
        var daysOff = ReadDays(dto.DaysOff, "daysOff", year, origin);
        var makeUp = ReadDays(dto.MakeUpWorkdays, "makeUpWorkdays", year, origin);

        foreach (var day in makeUp)
        {
            if (day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                throw new CalendarDataException(origin, $"make-up working day {Iso(day.Date)} is not a Saturday or Sunday.");
        }

        var clash = daysOff.Select(d => d.Date).Intersect(makeUp.Select(d => d.Date)).Order().FirstOrDefault();
        if (clash != default)
            throw new CalendarDataException(origin, $"{Iso(clash)} is listed both as a day off and as a make-up working day.");

        return new CalendarFile(
            year,
            dto.Version.Trim(),
            new CalendarSource(dto.Source?.Notice ?? "", [.. dto.Source?.Urls ?? []]),
            [.. dto.Notes ?? []],
            daysOff,
            makeUp,
            origin)
        {
            Kind = kind,
            KindDeclared = dto.Kind is not null,
            AgencyCode = string.IsNullOrWhiteSpace(dto.Agency) ? null : dto.Agency.Trim(),
        };
    }

    /// <summary>This file in today's JSON format (the format <see cref="Parse"/> reads).</summary>
    public string ToJson()
    {
        var dto = new FileDto
        {
            Year = Year,
            Version = Version,
            Kind = Kind == CalendarFileKind.Local ? "local" : null,
            Agency = AgencyCode,
            Source = new SourceDto { Notice = Source.Notice, Urls = [.. Source.Urls] },
            Notes = Notes.IsDefaultOrEmpty ? null : [.. Notes],
            DaysOff = [.. DaysOff.Select(d => new DayDto { Date = d.Date, Name = d.Name })],
            MakeUpWorkdays = [.. MakeUpWorkdays.Select(d => new DayDto { Date = d.Date, Name = d.Name })],
        };
        return JsonSerializer.Serialize(dto, WriteOptions);
    }

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads every <c>*.json</c> file of a folder (ordinal file-name order): an office's extra years and local days off.</summary>
    /// <exception cref="CalendarDataException">A file is invalid.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ImmutableArray<CalendarFile> LoadFolder(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Calendar folder not found: {directory}");

        return [.. Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(path => Parse(File.ReadAllText(path), path))];
    }

    /// <summary>The files shipped inside this assembly (<c>Calendar/Data/&lt;year&gt;.json</c>), in year order.</summary>
    public static ImmutableArray<CalendarFile> LoadShipped()
    {
        var assembly = typeof(CalendarFile).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => Parse(ReadResource(assembly, n), n))
            .OrderBy(f => f.Year)];
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new CalendarDataException(name, "embedded resource missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ImmutableArray<CalendarDay> ReadDays(List<DayDto>? entries, string field, int year, string origin)
    {
        if (entries is null) return [];
        var seen = new HashSet<DateOnly>();
        var days = ImmutableArray.CreateBuilder<CalendarDay>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Date is not { } date)
                throw new CalendarDataException(origin, $"an entry of \"{field}\" has no \"date\".");
            if (!WithinReach(year, date))
                throw new CalendarDataException(origin,
                    $"{Iso(date)} in \"{field}\" is outside year {year} and its adjacent December/January.");
            if (!seen.Add(date))
                throw new CalendarDataException(origin, $"{Iso(date)} is listed twice in \"{field}\".");
            days.Add(new CalendarDay(date, entry.Name?.Trim() ?? ""));
        }
        return days.ToImmutable();
    }

    /// <summary>
    /// Whether a year's file may name <paramref name="date"/>: its own days, and adjacent-year days from December of the
    /// previous year to January of the next (the 2019 notice names 2018-12-29 to 31).
    /// </summary>
    public static bool WithinReach(int year, DateOnly date) => date >= new DateOnly(year - 1, 12, 1) && date <= new DateOnly(year + 1, 1, 31);

    internal static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class FileDto
    {
        public int? Year { get; set; }
        public string? Version { get; set; }
        public string? Kind { get; set; }
        public string? Agency { get; set; }
        public SourceDto? Source { get; set; }
        public List<string>? Notes { get; set; }
        public List<DayDto>? DaysOff { get; set; }
        public List<DayDto>? MakeUpWorkdays { get; set; }
    }

    private sealed class SourceDto
    {
        public string? Notice { get; set; }
        public List<string>? Urls { get; set; }
    }

    private sealed class DayDto
    {
        [JsonPropertyName("date")] public DateOnly? Date { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
    }
}

/// <summary>A calendar file is malformed or breaks a rule of the format. Raised when a calendar is built, never later.</summary>
public sealed class CalendarDataException : Exception
{
    public CalendarDataException(string origin, string problem, Exception? inner = null, string? chineseMessage = null)
        : base($"Calendar file {origin}: {problem}", inner)
    {
        Origin = origin;
        ChineseMessage = chineseMessage ?? "日历文件格式有误";
    }

    /// <summary>The message for staff, in Chinese (the English <see cref="Exception.Message"/> carries the parser's detail).</summary>
    public string ChineseMessage { get; }

    /// <summary>The file path or resource name.</summary>
    public string Origin { get; }
}

/// <summary>
/// A date falls in a year no loaded calendar file covers. Working days are never guessed (domain A2): the office must
/// import that year's arrangement first.
/// </summary>
public sealed class CalendarYearNotLoadedException : Exception
{
    public CalendarYearNotLoadedException(DateOnly date, IReadOnlyCollection<int> loadedYears)
        : base(EnglishMessage(date, loadedYears))
    {
        Date = date;
        Year = date.Year;
        LoadedYears = [.. loadedYears.Order()];
        ChineseMessage = $"工作日历未包含{date.Year}年，请先导入该年度的放假安排";
    }

    /// <summary>The date that was asked about.</summary>
    public DateOnly Date { get; }

    /// <summary>The year that is missing.</summary>
    public int Year { get; }

    /// <summary>The years the calendar does cover.</summary>
    public ImmutableArray<int> LoadedYears { get; }

    /// <summary>The message for staff, in Chinese (user-visible text).</summary>
    public string ChineseMessage { get; }

    private static string EnglishMessage(DateOnly date, IReadOnlyCollection<int> loadedYears) =>
        $"The working-day calendar does not cover {date.Year} (asked for {CalendarFile.Iso(date)}); " +
        $"loaded years: {(loadedYears.Count == 0 ? "none" : string.Join(", ", loadedYears.Order()))}. " +
        $"Import the {date.Year} holiday arrangement first.";
}
