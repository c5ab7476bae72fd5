using System.Text;
using JasperFx.Events;
using Workflow.Applications;

namespace Server.Pages;

/// <summary>The history of a case in Chinese: what happened, on which business date, recorded when and by whom.</summary>
public static class CaseTimeline
{
    public static string Render(IReadOnlyList<IEvent> events, IReadOnlyDictionary<string, string> staffNames)
    {
        var html = new StringBuilder("<ol class=\"timeline\">");
        foreach (var recorded in events.Reverse())
        {
            if (recorded.Data is not IApplicationEvent e) continue;
            var (title, detail) = Describe(e);
            var actor = staffNames.TryGetValue(e.Actor, out var name) ? $"{name}（{e.Actor}）" : e.Actor;
            html.Append("<li>");
            html.Append($"<div class=\"what\">{Html.E(title)}</div>");
            html.Append($"<div class=\"when\">业务日期 {Html.Date(e.BusinessDate)} · 记录于 {Html.E(Html.Time(recorded.Timestamp))} · 经办人 {Html.E(actor)} · 第{Html.E((int)recorded.Version)}版</div>");
            if (!string.IsNullOrWhiteSpace(detail)) html.Append($"<p class=\"detail\">{Html.E(detail)}</p>");
            html.Append("</li>");
        }
        html.Append("</ol>");
        return html.ToString();
    }

    public static (string Title, string? Detail) Describe(IApplicationEvent e) => e switch
    {
        ApplicationReceived x => ("收到申请（登记）", $"登记号 {x.RegistrationNumber}，{ChineseLabels.Of(x.Channel)}提交，共 {x.Items.Count} 项所需信息"),
        SupplementRequested x => ("补正告知", $"补正期限 {Html.Date(x.Deadline)}；需要补正：{x.WhatToSupplement}"),
        SupplementReceived x => ("收到补正材料", x.Summary is null ? "答复期限重新起算" : $"答复期限重新起算；{x.Summary}"),
        SupplementLapsed => ("逾期不补正，办结", null),
        ReplyExtended x => ("延期答复", $"延长 {x.WorkingDays} 个工作日，批准人 {x.ApprovedBy}；理由：{x.Reason}"),
        ConsultationSent x => ("征求意见", $"第{x.ConsultationNumber}号，{ChineseLabels.Of(x.Party)}：{x.Consultee}"),
        ConsultationReplied x => ("收到征求意见回复", $"第{x.ConsultationNumber}号" + x.ConsentsToDisclosure switch
        {
            true => "，同意公开",
            false => "，不同意公开",
            null => "",
        } + (x.Summary is null ? "" : $"；{x.Summary}")),
        FeeNoticed x => ("收费通知", $"{ChineseLabels.Of(x.Method)}，数量 {x.Quantity}，金额 {x.Amount:0.##} 元（按规定计算 {x.ProposedAmount:0.##} 元）"),
        FeePaid x => ("缴费", $"{x.Amount:0.##} 元"),
        FeeLapsed => ("逾期未缴费，办结", null),
        DueDateSetUnderArticle35 x => ("确定合理答复期限（第三十五条）", $"答复期限 {Html.Date(x.DueOn)}；理由：{x.Reason}"),
        ApplicationAnswered x => ("答复", $"答复书 {x.ReplyDocumentNumber}；统计行 {ChineseLabels.Of(x.Row)}" +
            (x.RowChosenByStaff ? "（经办人选定）" : "") +
            (x.ServedOn is { } served ? $"；{ChineseLabels.Of(x.ServiceMethod!.Value)}送达 {Html.Date(served)}" : "；送达日期待登记") +
            "；" + string.Join("；", x.Items.Select(i => $"第{i.ItemNumber}项 {ChineseLabels.Of(i.Result)}"))),
        AnswerServed x => ("答复送达", $"{ChineseLabels.Of(x.Method)}，{Html.Date(x.ServedOn)}"),
        ApplicationWithdrawn x => ("申请人撤回，办结", x.Reason),
        NoticeIssued x => ($"制发{ChineseLabels.Of(x.Kind)}", $"文号 {x.DocumentNumber}，{ChineseLabels.Of(x.SentBy)}"),
        ReconsiderationFiled x => ("行政复议", $"第{x.CaseNumber}号，复议机关 {x.ReviewBody}" + (x.DocketNumber is null ? "" : $"，案号 {x.DocketNumber}")),
        ReconsiderationDecided x => ("复议结果", $"第{x.CaseNumber}号：{ChineseLabels.Of(x.Decision)}" + (x.Summary is null ? "" : $"；{x.Summary}")),
        LawsuitFiled x => ("行政诉讼", $"第{x.CaseNumber}号，{x.Court}" + (x.DocketNumber is null ? "" : $"，案号 {x.DocketNumber}") +
            (x.AfterReconsideration is { } r ? $"，复议后起诉（第{r}号复议）" : "")),
        LawsuitDecided x => ("诉讼结果", $"第{x.CaseNumber}号：{ChineseLabels.Of(x.Decision)}" + (x.Summary is null ? "" : $"；{x.Summary}")),
        FactCorrected x => ($"更正：{ChineseLabels.Of(x.Fact)}", $"原为“{x.OldValue}”，更正为“{x.NewValue}”；理由：{x.Reason}"),
        NoteAdded x => ("备注", x.Text),
        TopicsAssigned x => ("申请内容分类", x.Topics.Count == 0 ? "已清除" : string.Join("、", x.Topics)),
        _ => (e.GetType().Name, null),
    };
}
