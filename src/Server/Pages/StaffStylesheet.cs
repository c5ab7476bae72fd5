using Projections.Tables.Rendering;

namespace Server.Pages;

/// <summary>
/// The one stylesheet of the staff pages, served from an endpoint (the CSP allows 'self' styles only). Calm colours,
/// Chinese typography, readable at 1280px, and a print style without navigation and forms.
/// </summary>
public static class StaffStylesheet
{
    public const string Path = "/assets/staff.css?v=5";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/assets/staff.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(Css, "text/css; charset=utf-8");
        }).AllowAnonymous();

    public const string Css = """
        :root {
          --ink: #1f2933; --muted: #5f6b7a; --line: #d5dbe3; --paper: #ffffff; --ground: #f4f6f9;
          --brand: #9e1b1b; --brand-dark: #7a1414; --link: #1c4f8c;
          --ok: #1d6b3a; --ok-bg: #e9f5ee; --warn: #8a5300; --warn-bg: #fff4de; --bad: #a61b1b; --bad-bg: #fdecec;
        }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body {
          margin: 0; color: var(--ink); background: var(--ground); line-height: 1.6;
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
        }
        a { color: var(--link); }
        a:hover { color: var(--brand); }
        h1 { font-size: 1.45rem; margin: 0 0 .8rem; font-weight: 600; }
        h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; font-weight: 600; }
        h3 { font-size: 1rem; margin: 1rem 0 .4rem; font-weight: 600; }
        .site-header { background: var(--brand); color: #fff; }
        .site-bar { max-width: 1240px; margin: 0 auto; padding: .55rem 1.2rem; display: flex; align-items: center; justify-content: space-between; gap: 1rem; }
        .site-name { color: #fff; text-decoration: none; font-size: 1.2rem; font-weight: 600; letter-spacing: .08em; }
        .site-name:hover { color: #fff; }
        .site-user { display: flex; align-items: center; gap: .8rem; font-size: .9rem; }
        .site-user .user-roles, .site-user .user-agency { opacity: .85; }
        .signout { margin: 0; }
        .link-button { background: none; border: 1px solid rgba(255,255,255,.6); color: #fff; padding: .15rem .7rem; border-radius: 3px; cursor: pointer; font: inherit; }
        .link-button:hover { background: rgba(255,255,255,.12); }
        .site-nav { background: var(--brand-dark); }
        .site-nav { display: flex; gap: .2rem; padding: 0 max(1.2rem, calc((100% - 1240px) / 2 + 1.2rem)); }
        .site-nav a { color: #fff; text-decoration: none; padding: .45rem 1.1rem; opacity: .9; }
        .site-nav a:hover { background: rgba(255,255,255,.1); }
        .site-nav a.current { background: var(--ground); color: var(--brand-dark); font-weight: 600; opacity: 1; }
        main { max-width: 1240px; margin: 0 auto; padding: 1.2rem 1.2rem 2.5rem; }
        .site-footer { max-width: 1240px; margin: 0 auto; padding: 0 1.2rem 1.5rem; color: var(--muted); font-size: .8rem; }
        .panel { background: var(--paper); border: 1px solid var(--line); border-radius: 4px; padding: 1rem 1.2rem; margin-bottom: 1rem; }
        .panel > h2:first-child, .panel > h1:first-child, .step-forms > h2:first-child { margin-top: 0; }
        .muted { color: var(--muted); }
        .notice { border-left: 4px solid; padding: .6rem 1rem; margin: 0 0 1rem; background: var(--paper); border-radius: 0 4px 4px 0; }
        .notice p { margin: .2rem 0; }
        .notice-success { border-color: var(--ok); background: var(--ok-bg); }
        .notice-warning { border-color: var(--warn); background: var(--warn-bg); }
        .notice-error { border-color: var(--bad); background: var(--bad-bg); }
        .field { display: flex; flex-direction: column; gap: .2rem; margin-bottom: .8rem; }
        .field label { font-weight: 600; font-size: .92rem; }
        .field .required { color: var(--bad); margin-left: .2rem; }
        .field .hint { color: var(--muted); font-size: .82rem; }
        .field-error { color: var(--bad); font-size: .88rem; }
        .field-error::before { content: "✕ "; }
        .has-error input, .has-error select, .has-error textarea, [aria-invalid="true"] { border-color: var(--bad); background: #fffafa; }
        input[type=text], input[type=date], input[type=number], input[type=email], input[type=tel], input[type=search], select, textarea {
          font: inherit; padding: .35rem .5rem; border: 1px solid #aeb8c4; border-radius: 3px; background: #fff; color: var(--ink); max-width: 100%;
        }
        textarea { width: 100%; resize: vertical; }
        input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 2px solid #e0a800; outline-offset: 1px; }
        .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1.2rem; }
        .grid .wide { grid-column: 1 / -1; }
        fieldset { border: 1px solid var(--line); border-radius: 4px; padding: .6rem 1rem .2rem; margin: 0 0 1rem; }
        legend { font-weight: 600; padding: 0 .4rem; }
        button, .button { font: inherit; padding: .4rem 1.3rem; border-radius: 3px; border: 1px solid var(--brand); background: var(--brand); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        button:hover, .button:hover { background: var(--brand-dark); color: #fff; }
        .button-secondary { background: #fff; color: var(--brand); }
        .button-secondary:hover { background: #fbeeee; color: var(--brand-dark); }
        .actions-row { display: flex; gap: .8rem; align-items: center; margin-top: .4rem; }
        .role-choices { display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; }
        .role-choices label.checkbox { display: inline-flex; gap: .35rem; align-items: center; font-weight: normal; }
        .validation-message, .field-error { color: #a00; }
        table.data { width: 100%; border-collapse: collapse; background: var(--paper); font-size: .92rem; }
        table.data th, table.data td { border-bottom: 1px solid var(--line); padding: .45rem .6rem; text-align: left; vertical-align: top; }
        table.data thead th { background: #eef1f5; font-weight: 600; white-space: nowrap; }
        table.data td.nowrap { white-space: nowrap; }
        table.data td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.data tr.overdue td { background: var(--bad-bg); }
        table.data tr.due-soon td { background: var(--warn-bg); }
        .tag { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-size: .82rem; white-space: nowrap; border: 1px solid; }
        .month-grids { display: flex; flex-wrap: wrap; gap: 1rem; }
        .month-grid { border-collapse: collapse; font-size: .85rem; }
        .month-grid caption { font-weight: 600; }
        .month-grid th, .month-grid td { width: 2.4em; text-align: right; padding: .1rem .25rem; border: 1px solid #ddd; }
        .month-grid td.day-off { background: var(--warn-bg); }
        .month-grid td.make-up { background: #e8f0fe; font-weight: 600; }
        .month-grid .mark { font-size: .7rem; margin-left: .1em; }
        .side-by-side { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
        .notice-text { white-space: pre-wrap; max-height: 40rem; overflow: auto; border: 1px solid #ddd; padding: .5rem; }
        .provisional { color: var(--warn); }
        .tag-overdue { color: var(--bad); border-color: var(--bad); background: #fff; font-weight: 600; }
        .tag-due-soon { color: var(--warn); border-color: var(--warn); background: #fff; font-weight: 600; }
        .tag-paused, .tag-supplement { color: var(--muted); border-color: var(--line); background: #fff; }
        .tag-closed { color: var(--ok); border-color: var(--ok); background: #fff; }
        .filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; }
        .filters .field { margin-bottom: 0; }
        .filters input[type=search] { width: 18rem; }
        .counts { display: flex; gap: 1rem; margin-bottom: 1rem; }
        .count { background: var(--paper); border: 1px solid var(--line); border-radius: 4px; padding: .6rem 1.2rem; min-width: 9rem; text-decoration: none; color: var(--ink); }
        .count strong { display: block; font-size: 1.6rem; font-variant-numeric: tabular-nums; }
        .count.count-overdue strong { color: var(--bad); }
        .count.count-due-soon strong { color: var(--warn); }
        .case-layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
        dl.facts { display: grid; grid-template-columns: 9rem 1fr; gap: .25rem .8rem; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        .clock-status { font-weight: 600; }
        .clock-overdue { color: var(--bad); }
        .clock-due-soon { color: var(--warn); }
        .step-forms details { border: 1px solid var(--line); border-radius: 4px; background: var(--paper); margin-bottom: .6rem; }
        .step-forms summary { cursor: pointer; padding: .5rem 1rem; font-weight: 600; }
        .step-forms details[open] summary { border-bottom: 1px solid var(--line); }
        .step-forms form { padding: .8rem 1rem .6rem; }
        .item-answer { border-top: 1px dashed var(--line); padding-top: .6rem; margin-top: .4rem; }
        .item-answer p.item-text { margin: 0 0 .4rem; }
        ol.timeline { list-style: none; padding: 0; margin: 0; }
        ol.timeline li { border-left: 3px solid var(--line); padding: .2rem 0 .7rem 1rem; position: relative; }
        ol.timeline li::before { content: ""; position: absolute; left: -7px; top: .55rem; width: 11px; height: 11px; border-radius: 50%; background: var(--brand); }
        .timeline .when { color: var(--muted); font-size: .85rem; }
        .timeline .what { font-weight: 600; }
        .timeline .detail { margin: .1rem 0 0; }
        .report-controls { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: flex-end; }
        .report-controls .field { margin-bottom: 0; }
        .downloads { margin: .6rem 0 0; display: flex; gap: .6rem; }
        .publication-slot { border: 1px dashed var(--line); padding: .5rem 1rem; color: var(--muted); margin-top: 1rem; }
        .annual-report a { font-weight: 600; }
        .annual-report td.number a { display: block; }
        .integrity-status { font-weight: 600; }
        .integrity-ok { color: var(--ok); }
        .integrity-broken { color: var(--bad); }
        code.hash { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: .8rem; word-break: break-all; }
        table.history td p { margin: 0 0 .2rem; }
        table.history td.history-clock { font-size: .85rem; color: var(--muted); min-width: 12rem; }
        table.history tr.correction td { background: var(--warn-bg); }
        table.history tr:target td, table.findings tr:target td { outline: 2px solid #e0a800; }
        dl.correction-detail { grid-template-columns: 5rem 1fr; font-size: .88rem; margin-top: .3rem; }
        .as-of { border-left: 4px solid var(--link); }
        .case-links { display: flex; gap: 1rem; flex-wrap: wrap; margin: 0 0 1rem; }
        ul.notices { list-style: none; padding: 0; margin: 0; }
        ul.notices li { padding: .35rem 0; border-bottom: 1px dashed var(--line); }
        ul.notices li:last-child { border-bottom: none; }
        .publication dl.facts { margin-bottom: .8rem; }
        table.publication-changes td.num { width: 6rem; }
        .correction-values { border: 1px dashed var(--line); border-radius: 4px; padding: .6rem .8rem 0; margin-bottom: .8rem; }
        .correction-values > p { margin: 0 0 .5rem; }
        form:has(select[name=fact] option:checked:not([value=""])) .correction-value { display: none; }
        form:has(select[name=fact] option[value=ReceivedOn]:checked) .correction-value[data-fact=ReceivedOn],
        form:has(select[name=fact] option[value=Channel]:checked) .correction-value[data-fact=Channel],
        form:has(select[name=fact] option[value=ApplicantType]:checked) .correction-value[data-fact=ApplicantType],
        form:has(select[name=fact] option[value=ApplicantName]:checked) .correction-value[data-fact=ApplicantName],
        form:has(select[name=fact] option[value=ApplicantIdNumber]:checked) .correction-value[data-fact=ApplicantIdNumber],
        form:has(select[name=fact] option[value=ApplicantContact]:checked) .correction-value[data-fact=ApplicantContact],
        form:has(select[name=fact] option[value=ResultRow]:checked) .correction-value[data-fact=ResultRow] { display: block; }
        @media (max-width: 900px) { .case-layout { grid-template-columns: 1fr; } }
        @media print {
          body { background: #fff; font-size: 12px; }
          .site-header, .site-nav, .site-footer, .step-forms, .filters, .report-controls, .downloads, .signout, .no-print { display: none !important; }
          main { max-width: none; padding: 0; }
          .panel { border: none; padding: 0; }
          .case-layout { display: block; }
          table.data tr.overdue td, table.data tr.due-soon td { background: none; }
          a { color: inherit; text-decoration: none; }
        }
        """ + HtmlTableRenderer.Stylesheet;
}
