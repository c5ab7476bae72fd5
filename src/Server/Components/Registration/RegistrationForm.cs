using System.Globalization;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Vocabulary;

namespace Server.Components.Registration;

/// <summary>
/// 登记: the form bound to <see cref="RegisterApplication"/>. It has the command's shape and its JSON names (agencyCode,
/// applicant.phone, items[0], …: the posted names are the command's property paths), but holds what the user typed as
/// text, so a wrong date or choice is kept and refused in Chinese instead of lost. <see cref="ToCommand"/> is the one
/// conversion to the command record; a refusal's <c>Field</c> (the same path) puts its message next to its input.
/// </summary>
public sealed class RegistrationForm
{
    public const int DefaultItemRows = 3;
    public const int MaxItemRows = StepChecks.MaxItems;

    public string? AgencyCode { get; set; }
    public string? ReceivedOn { get; set; }
    public string? ArrivedOn { get; set; }
    public string? Channel { get; set; }
    public string? ApplicantType { get; set; }
    public ApplicantForm Applicant { get; set; } = new();
    /// <summary>The item rows by index (items[0], items[1], …): a dictionary, so a row left out of the post loses no other row.</summary>
    public Dictionary<int, string?> Items { get; set; } = [];
    public string? RequestedForm { get; set; }
    public string? ExternalRequestId { get; set; }
    public List<TopicChoice> Topics { get; set; } = [];

    /// <summary>Set by the 增加一项 button: show one more item row instead of registering.</summary>
    public string? AddItem { get; set; }

    /// <summary>Form binding leaves a part the post did not name null (no applicant field, no topic ticked): make it empty.</summary>
    public void FillMissingParts()
    {
        Applicant ??= new ApplicantForm();
        Items ??= [];
        Topics ??= [];
    }

    /// <summary>The non-empty item texts, in order.</summary>
    public IReadOnlyList<string> ItemTexts =>
        [.. Items.Where(row => row.Key is >= 0 and < MaxItemRows).OrderBy(row => row.Key).Select(row => Trimmed(row.Value)).OfType<string>()];

    public string? ItemAt(int row) => Items.GetValueOrDefault(row);

    /// <summary>How many item rows to show: at least the default, at least one past the last filled row.</summary>
    public int ItemRows(bool oneMore)
    {
        var lastFilled = Items.Where(row => row.Key is >= 0 and < MaxItemRows && Trimmed(row.Value) is not null).Select(row => row.Key).DefaultIfEmpty(-1).Max();
        var rows = Math.Min(MaxItemRows, Math.Max(DefaultItemRows, lastFilled + 2));
        return oneMore ? Math.Min(MaxItemRows, rows + 1) : rows;
    }

    /// <summary>
    /// The command, or null with the errors the form itself can tell (a missing choice, a date that is no date) recorded
    /// by field path. Whether the command may happen is the decision's, not the form's.
    /// </summary>
    public RegisterApplication? ToCommand(ICurrentStaff staff, Action<string, string> error)
    {
        var failed = false;
        void Fail(string path, string message) { failed = true; error(path, message); }

        var agency = Trimmed(AgencyCode);
        if (agency is null) Fail(FieldPaths.AgencyCode, $"请选择“{ChineseTerms.Field.AgencyCode}”。");
        else if (!staff.VisibleAgencies.Contains(agency)) Fail(FieldPaths.AgencyCode, "您不能为该机关登记申请。");

        DateOnly? arrivedOn = null;
        if (Trimmed(ArrivedOn) is { } arrivedText)
        {
            if (IsoDate(arrivedText) is { } arrived) arrivedOn = arrived;
            else Fail(FieldPaths.ArrivedOn, $"“{ChineseTerms.Field.ArrivedOn}”应为有效日期，格式如 2024-01-31，或不填。");
        }

        DateOnly receivedOn = default;
        if (Trimmed(ReceivedOn) is not { } receivedText) Fail(FieldPaths.ReceivedOn, $"请填写“{ChineseTerms.Field.ReceivedOn}”。");
        else if (IsoDate(receivedText) is { } received) receivedOn = received;
        else Fail(FieldPaths.ReceivedOn, $"“{ChineseTerms.Field.ReceivedOn}”应为有效日期，格式如 2024-01-31。");

        var channel = Choice<Channel>(Channel, FieldPaths.Channel, ChineseTerms.Field.Channel, Fail);
        var applicantType = Choice<ApplicantType>(ApplicantType, FieldPaths.ApplicantType, ChineseTerms.Field.ApplicantType, Fail);
        var requestedForm = Choice<RequestedForm>(RequestedForm, FieldPaths.RequestedForm, ChineseTerms.Field.RequestedForm, Fail);

        if (Trimmed(Applicant.Name) is null) Fail(FieldPaths.ApplicantName, $"请填写“{ChineseTerms.Field.ApplicantName}”。");
        if (Trimmed(Applicant.Phone) is null && Trimmed(Applicant.Address) is null && Trimmed(Applicant.Email) is null)
            Fail(FieldPaths.ApplicantPhone, "请至少填写一种联系方式（电话、通信地址或电子邮箱）（《条例》第二十九条）。");
        var items = ItemTexts;
        if (items.Count == 0) Fail(FieldPaths.Items, $"请至少填写一项{ChineseTerms.Field.Items}。");
        if (failed) return null;

        var topics = Topics.Where(t => t.Selected && Trimmed(t.Name) is not null).Select(t => t.Name!.Trim()).ToList();
        return new RegisterApplication(agency!, receivedOn, channel!.Value, applicantType!.Value,
            new Workflow.Applications.Applicant(Trimmed(Applicant.Name)!, Trimmed(Applicant.IdNumber), Trimmed(Applicant.Phone),
                Trimmed(Applicant.Address), Trimmed(Applicant.Email)),
            items, requestedForm!.Value, Trimmed(ExternalRequestId), staff.UserName, arrivedOn, topics.Count == 0 ? null : topics);
    }

    /// <summary>
    /// The field a refusal of the registration names: its <c>Field</c>, or, for a refusal that names none, the field its
    /// code is about. Null: the refusal is about the whole form and shows above it.
    /// </summary>
    public static string? FieldOf(Refusal refusal) => refusal.Field ?? refusal.Code switch
    {
        // Until ApplicationDecisions sets Field on every registration refusal (issue 14, h3), the codes that name one field:
        "date.too-early" or "date.in-future" => FieldPaths.ReceivedOn,
        "registration.arrived-in-future" or "registration.in-person-arrival" or "registration.arrived-after-receipt"
            or "registration.arrived-too-early" => FieldPaths.ArrivedOn,
        "applicant.no-contact" => FieldPaths.ApplicantPhone,
        "items.too-many" => FieldPaths.Items,
        "agency.unknown" or "agency.not-visible" => FieldPaths.AgencyCode,
        "topics.unknown" or "topics.too-many" => FieldPaths.Topics,
        _ => null,
    };

    private static TEnum? Choice<TEnum>(string? text, string path, string label, Action<string, string> fail) where TEnum : struct, Enum
    {
        var value = Trimmed(text);
        if (value is not null && Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal)) return Enum.Parse<TEnum>(value);
        fail(path, value is null ? $"请选择“{label}”。" : $"“{label}”的选项无效，请重新选择。");
        return null;
    }

    private static DateOnly? IsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The applicant's part of the form (<see cref="Workflow.Applications.Applicant"/>).</summary>
public sealed class ApplicantForm
{
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? Email { get; set; }
}

/// <summary>One 申请内容分类 checkbox: the topic's name (hidden) and whether it is ticked.</summary>
public sealed class TopicChoice
{
    public string? Name { get; set; }
    public bool Selected { get; set; }
}

/// <summary>The registration's field paths: the command's property paths in camelCase JSON naming, as <c>Refusal.Field</c> names them.</summary>
public static class FieldPaths
{
    public const string AgencyCode = "agencyCode";
    public const string ReceivedOn = "receivedOn";
    public const string ArrivedOn = "arrivedOn";
    public const string Channel = "channel";
    public const string ApplicantType = "applicantType";
    public const string ApplicantName = "applicant.name";
    public const string ApplicantIdNumber = "applicant.idNumber";
    public const string ApplicantPhone = "applicant.phone";
    public const string ApplicantAddress = "applicant.address";
    public const string ApplicantEmail = "applicant.email";
    public const string ExternalRequestId = "externalRequestId";
    public const string Items = "items";
    public const string RequestedForm = "requestedForm";
    public const string Topics = "topics";
}
