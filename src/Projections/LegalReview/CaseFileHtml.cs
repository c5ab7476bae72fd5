using System.Globalization;
using System.Net;
using System.Text;
using Workflow.Applications;
using Workflow.Clock;
using Workflow.Vocabulary;
using static Projections.LegalReview.IsoDates;

namespace Projections.LegalReview;

/// <summary>
/// The printable case file (案卷材料) of one application for a court or reconsideration body: one self-contained HTML
/// document in Chinese with print CSS (A4), also the input of the PDF printer.
/// </summary>
public static class CaseFileHtml
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string Render(CaseFileDossier dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        var f = dossier.File;
        var html = new StringBuilder();
        html.Append("""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            """);
        html.Append($"<title>政府信息公开申请办理案卷 {E(f.RegistrationNumber)}</title>");
        html.Append("""
            <style>
            @page { size: A4; margin: 18mm 15mm; }
            body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 10.5pt; color: #000; line-height: 1.5; }
            h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm; }
            h2 { font-size: 12.5pt; border-bottom: 1px solid #000; margin: 6mm 0 2mm; page-break-after: avoid; }
            table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
            th, td { border: 1px solid #555; padding: 1.2mm 1.5mm; vertical-align: top; text-align: left; }
            th { background: #eee; font-weight: bold; }
            tr { page-break-inside: avoid; }
            .facts th { width: 22%; }
            .meta { text-align: center; font-size: 9pt; color: #333; }
            .ok { color: #060; font-weight: bold; } .broken { color: #a00; font-weight: bold; }
            .small { font-size: 8.5pt; color: #333; } .hash { font-family: monospace; font-size: 7.5pt; word-break: break-all; }
            @media screen { body { max-width: 210mm; margin: 10mm auto; } }
            </style></head><body>
            """);
        html.Append($"<h1>政府信息公开申请办理案卷</h1><p class=\"meta\">登记号：{E(f.RegistrationNumber)}　机关代码：{E(f.AgencyCode)}　"
            + $"生成时间：{Time(dossier.GeneratedAt)}　生成人：{E(dossier.GeneratedBy)}</p>");

        html.Append("<h2>一、基本情况</h2><table class=\"facts\">");
        Row(html, ChineseTerms.Field.Applicant, $"{f.Applicant.Name}（{ChineseTerms.Of(f.ApplicantType)}）");
        Row(html, ChineseTerms.Field.ApplicantIdNumber, f.Applicant.IdNumber ?? "—");
        Row(html, ChineseTerms.Field.ApplicantPhone, f.Applicant.Phone ?? "—");
        Row(html, ChineseTerms.Field.ApplicantAddress, f.Applicant.Address ?? "—");
        Row(html, ChineseTerms.Field.ApplicantEmail, f.Applicant.Email ?? "—");
        Row(html, ChineseTerms.Field.ReceivedOn, Iso(f.ReceivedOn));
        Row(html, ChineseTerms.Field.Channel, ChineseTerms.Of(f.Channel));
        Row(html, ChineseTerms.Field.Items, string.Join("；", f.Items.Select(i => $"{i.Number}. {i.Description}")));
        Row(html, "登记人 / 登记时间", $"{f.RegisteredBy}　{Time(f.RegisteredAt)}");
        Row(html, "办理状态", f.IsOpen ? ChineseTerms.Of(ApplicationStatus.InProgress) : $"已办结（{Iso(f.ClosedOn!.Value)}）");
        if (f.Row is { } row) Row(html, ChineseTerms.Field.ItemResult, ChineseTerms.Of(row));
        if (f.ReplyDocumentNumber is not null) Row(html, "答复文书", f.ReplyDocumentNumber);
        if (f.ServedOn is { } served) Row(html, "送达", $"{Iso(served)}{(f.ServiceMethod is { } m ? "，" + ChineseTerms.Of(m) : "")}");
        if (dossier.Clock is { } clock) Row(html, "答复期限", ClockText(clock));
        html.Append("</table>");

        html.Append("<h2>二、办理经过（全部记录，含更正）</h2>");
        html.Append("<p class=\"small\">“业务日期”为事项依法发生之日；“录入时间”为系统记录该事项的时间（北京时间）。更正以新记录的方式保存，原记录不删除、不修改。</p>");
        html.Append("<table><tr><th>序号</th><th>业务日期</th><th>录入时间</th><th>事项</th><th>经办人</th><th>内容</th><th>期限状态（该步之后）</th></tr>");
        foreach (var entry in dossier.History.Entries)
        {
            var content = new StringBuilder(E(entry.Description));
            foreach (var document in entry.Documents)
                content.Append($"<br><span class=\"small\">文书：{E(document.Kind)} {E(document.DocumentNumber)}（{Iso(document.IssuedOn)}）</span>");
            if (entry.Correction is { } c)
                content.Append($"<br><span class=\"small\">更正项：{E(c.Fact)}；原值：{E(c.OldValue)}；新值：{E(c.NewValue)}；理由：{E(c.Reason)}；更正人：{E(c.CorrectedBy)}</span>");
            var clockText = entry.Clock is { } k
                ? $"已用{k.WorkingDaysUsed}个工作日，剩余{k.WorkingDaysLeft}个，暂停{k.PausedWorkingDays}个，届满日{(k.DueOn is { } d ? Iso(d) : "—")}{(k.IsPaused ? "（暂停中）" : "")}{(k.IsOverdue ? "（已超期）" : "")}"
                  + (k.OverdueAtSupplementNotice is { } mark ? $"；{mark}" : "")
                  + $"；工作日历{k.CalendarVersion}{(k.Provisional ? "（含预计年度）" : "")}"
                : "—";
            html.Append($"<tr data-version=\"{entry.Version}\"><td>{entry.Version}</td><td>{Iso(entry.BusinessDate)}</td><td>{Time(entry.RecordedAt)}</td>"
                + $"<td>{E(entry.Step)}</td><td>{E(entry.Actor)}</td><td>{content}</td><td class=\"small\">{E(clockText)}</td></tr>");
        }
        html.Append("</table>");
        if (dossier.History.ClockProblem is { } problem) html.Append($"<p class=\"broken\">{E(problem)}</p>");

        html.Append("<h2>三、合规审查</h2>");
        if (dossier.Findings.Count == 0)
            html.Append("<p>未发现问题。</p>");
        else
        {
            html.Append("<table><tr><th>等级</th><th>问题</th><th>依据</th><th>说明</th><th>涉及记录</th></tr>");
            foreach (var finding in dossier.Findings)
                html.Append($"<tr><td>{SeverityText(finding.Severity)}</td><td>{E(finding.ChineseTitle)}</td><td>{E(finding.Article)}</td>"
                    + $"<td>{E(finding.Detail)}</td><td>{string.Join("、", finding.EventIndexes.Select(i => $"第{i + 1}条"))}</td></tr>");
            html.Append("</table>");
        }

        html.Append("<h2>四、记录完整性校验</h2>");
        var integrity = dossier.Integrity;
        html.Append(integrity.Intact
            ? $"<p class=\"ok\">校验通过：本案{integrity.EventsChecked}条记录与哈希链一致，未发现改动。</p>"
            : $"<p class=\"broken\">校验未通过：{E(integrity.FirstBreak!.ChineseMessage)}</p>");
        foreach (var broken in integrity.Breaks.Skip(1)) html.Append($"<p class=\"broken\">{E(broken.ChineseMessage)}</p>");
        html.Append($"<p class=\"small\">校验时间：{Time(integrity.CheckedAt)}。每条记录的哈希值覆盖事件流编号、序号、事件类型、业务日期、经办人、记录内容和录入时间，并链接前一条记录的哈希值；"
            + "各事件流的最新哈希值定期汇总为摘要。</p>");
        if (integrity.LatestDigestHash is { } digest)
            html.Append($"<p class=\"small\">最近一次摘要（{Time(integrity.LatestDigestAt!.Value)}）：<span class=\"hash\">{E(digest)}</span></p>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string ClockText(ClockReading clock) => clock.StatusText;

    private static string SeverityText(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Violation => "违法风险",
        FindingSeverity.Warning => "注意",
        _ => "提示",
    };

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append($"<tr><th>{E(label)}</th><td>{E(value)}</td></tr>");

    private static string Time(DateTimeOffset moment) =>
        moment.ToOffset(China).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
}
