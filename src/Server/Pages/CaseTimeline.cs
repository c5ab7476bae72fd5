using System.Text;
using JasperFx.Events;
using Workflow.Applications;
using Workflow.Vocabulary;

namespace Server.Pages;

/// <summary>The history of a case in Chinese: what happened (the step and its description from <see cref="ChineseTerms"/>), on which business date, recorded when and by whom.</summary>
public static class CaseTimeline
{
    public static string Render(IReadOnlyList<IEvent> events, IReadOnlyDictionary<string, string> staffNames)
    {
        var html = new StringBuilder("<ol class=\"timeline\">");
        foreach (var recorded in events.Reverse())
        {
            if (recorded.Data is not IApplicationEvent e) continue;
            var (title, detail) = (ChineseTerms.StepOf(e), ChineseTerms.Describe(e));
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
}
