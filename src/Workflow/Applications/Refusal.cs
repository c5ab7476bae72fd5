namespace Workflow.Applications;

/// <summary>
/// Why a command was refused: a stable code for programs, a Chinese message for staff and an English one for logs.
/// A refused command appends nothing. <see cref="Field"/> names the input the refusal is about, as the command's JSON
/// property path in camelCase ("applicant.phone", "receivedOn", "items[0].reason"), so a form shows it beside that
/// input and an API client can point at it; null when the refusal is about the application's state, not one field.
/// </summary>
public sealed record Refusal(string Code, string Chinese, string English, RefusalKind Kind = RefusalKind.Rule, string? Field = null);

public enum RefusalKind
{
    /// <summary>The law or the application's state does not allow it (HTTP 400/422).</summary>
    Rule,
    /// <summary>The payload is malformed or incomplete (HTTP 400).</summary>
    Invalid,
    /// <summary>Someone else changed the application since the user looked (HTTP 409).</summary>
    Conflict,
    /// <summary>No such application, or not visible to this user (HTTP 404).</summary>
    NotFound,
    /// <summary>Nothing is wrong with the request, but it could not be done now (the database is unreachable or too
    /// busy): send the same request again later (HTTP 503 with Retry-After). Nothing was stored.</summary>
    Unavailable,
}

/// <summary>Thrown by decisions and handlers; the transaction is rolled back, so nothing is appended.</summary>
public sealed class CommandRefusedException(Refusal refusal) : Exception(refusal.English)
{
    public Refusal Refusal { get; } = refusal;
}

/// <summary>The catalogue of refusals, so codes and wording stay consistent across the UI, API and command line.</summary>
public static class Refusals
{
    public static Refusal Closed(string registrationNumber) => new("application.closed",
        $"申请 {registrationNumber} 已办结，不能再进行此操作。",
        $"Application {registrationNumber} is closed; the step is not allowed.");

    public static Refusal DateBeforeReceipt(DateOnly date, DateOnly receivedOn, string? field = null) => new("date.before-receipt",
        $"业务日期 {date:yyyy-MM-dd} 早于收到申请日期 {receivedOn:yyyy-MM-dd}。",
        $"Business date {date:yyyy-MM-dd} is before the receipt date {receivedOn:yyyy-MM-dd}.", Field: field);

    public static Refusal DateInFuture(DateOnly date, DateOnly today, string? field = null) => new("date.in-future",
        $"业务日期 {date:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}），不能登记尚未发生的事项。",
        $"Business date {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", Field: field);

    public static Refusal DateBefore(string what, string whatEnglish, DateOnly date, DateOnly earliest, string? field = null) => new("date.before-prior-step",
        $"业务日期 {date:yyyy-MM-dd} 早于{what}（{earliest:yyyy-MM-dd}）。",
        $"Business date {date:yyyy-MM-dd} is before {whatEnglish} ({earliest:yyyy-MM-dd}).", Field: field);

    public static Refusal Required(string fieldChinese, string fieldEnglish, string? field = null) => new("field.required",
        $"请填写“{fieldChinese}”。", $"'{fieldEnglish}' is required.", RefusalKind.Invalid, field);

    public static Refusal TooLong(string fieldChinese, string fieldEnglish, int max, string? field = null) => new("field.too-long",
        $"“{fieldChinese}”不能超过 {max} 个字符。", $"'{fieldEnglish}' exceeds {max} characters.", RefusalKind.Invalid, field);

    public static Refusal Invalid(string code, string chinese, string english, string? field = null) => new(code, chinese, english, RefusalKind.Invalid, field);

    public static Refusal Rule(string code, string chinese, string english, string? field = null) => new(code, chinese, english, Field: field);

    public static Refusal StaleVersion(int expected, int actual) => new("version.stale",
        $"该案卷已被他人更新（您看到的是第 {expected} 版，当前为第 {actual} 版），请查看最新情况后再操作。",
        $"The application changed since it was read (expected version {expected}, current {actual}).", RefusalKind.Conflict);

    /// <summary>Two writers committed at the same moment and this one lost (the current version is not known here).</summary>
    public static Refusal Raced(int expected) => new("version.stale",
        $"该案卷已被他人同时更新（您看到的是第 {expected} 版），请查看最新情况后再操作。",
        $"The application changed while the command ran (expected version {expected}).", RefusalKind.Conflict);

    public static Refusal UnknownAgency(string agencyCode) => new("agency.unknown",
        $"未找到机关“{agencyCode}”，请由管理员先登记该机关。", $"Unknown agency '{agencyCode}'.", RefusalKind.Invalid);

    /// <summary>An external request id already registered with different content (HTTP 409): names what differs.</summary>
    public static Refusal ExternalRequestReused(string externalRequestId, string registrationNumber, IReadOnlyList<string> differences) =>
        new("external-request.mismatch",
            $"外部请求编号“{externalRequestId}”已用于登记 {registrationNumber}，但本次内容不同（{string.Join("、", differences)}）。同一请求请发送相同内容，新的申请请使用新的编号。",
            $"External request id '{externalRequestId}' already registered {registrationNumber} with different content: {string.Join(", ", differences)} differ.",
            RefusalKind.Conflict);

    /// <summary>The registration book stayed contended through every retry: nothing was stored, the same request may be sent again.</summary>
    public static Refusal Busy() => new("service.busy",
        "系统繁忙，本次操作未保存，请稍后重试。", "The request could not be completed because of contention; nothing was stored. Retry later.",
        RefusalKind.Unavailable);

    public static Refusal NotFound() => new("application.not-found",
        "未找到该申请。", "Application not found.", RefusalKind.NotFound);
}
