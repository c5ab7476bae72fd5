using System.Globalization;
using System.Net;
using System.Text;
using Workflow.Applications;
using Workflow.Clock;
using Workflow.Vocabulary;

namespace Server.Notices;

/// <summary>
/// Renders a <see cref="NoticeSheet"/> as a complete, printable HTML document (A4, official-document typography): the
/// agency as the issuing body, the document number, the date in Chinese form, and no personal data beyond what the
/// document needs (the addressee's name; never ID numbers or phone numbers; a consultation letter never names the
/// applicant). Pure: the style nonce and any on-screen controls (hidden in print) are passed in.
/// </summary>
public static class NoticeRenderer
{
    public const string Unnumbered = "（未编号：尚未发出）";

    public static string Render(NoticeSheet sheet, string? styleNonce = null, string? screenControlsHtml = null)
    {
        var title = ChineseTerms.Of(sheet.Kind);
        var body = sheet.Kind switch
        {
            NoticeKind.ReceiptAcknowledgement => Receipt(sheet),
            NoticeKind.SupplementNotice => Supplement(sheet),
            NoticeKind.ExtensionNotice => Extension(sheet),
            NoticeKind.ThirdPartyConsultation => Consultation(sheet),
            NoticeKind.FeeNotice => Fee(sheet),
            NoticeKind.AnswerLetter => Answer(sheet),
            _ => throw new ArgumentOutOfRangeException(nameof(sheet), sheet.Kind, "Unknown notice kind."),
        };
        var nonce = styleNonce is null ? "" : $" nonce=\"{E(styleNonce)}\"";
        var controls = screenControlsHtml is null ? "" : $"<div class=\"no-print controls\">{screenControlsHtml}</div>\n";
        return $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} {{E(sheet.DocumentNumber ?? Unnumbered)}}</title>
            <style{{nonce}}>
            @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
            body { font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 28pt; color: #000; }
            h1 { font-family: "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Noto Serif CJK SC", serif; font-size: 22pt; line-height: 1.5; text-align: center; font-weight: normal; margin: 0 0 8pt; }
            .number { text-align: center; margin-bottom: 16pt; }
            .unissued { color: #a00; }
            p { margin: 0; text-indent: 2em; }
            p.addressee { text-indent: 0; }
            ol.items { margin: 0 0 0 2em; padding-left: 1em; }
            .issuer { margin-top: 36pt; text-align: right; padding-right: 2em; }
            .seal { color: #888; font-size: 12pt; }
            .footnote { margin-top: 24pt; font-size: 12pt; line-height: 20pt; text-indent: 0; }
            @media screen { body { max-width: 210mm; margin: 1rem auto; padding: 20mm; box-sizing: border-box; background: #fff; box-shadow: 0 0 6px #999; } html { background: #eee; } }
            @media print { .no-print { display: none !important; } }
            .controls { font-family: sans-serif; font-size: 11pt; line-height: 1.6; border: 1px solid #ccc; padding: 8pt; margin-bottom: 16pt; }
            </style>
            </head>
            <body>
            {{controls}}<article class="notice" data-kind="{{NoticeKinds.SlugOf(sheet.Kind)}}">
            <h1>{{E(title)}}</h1>
            <div class="number{{(sheet.IsIssued ? "" : " unissued")}}">{{E(sheet.DocumentNumber ?? Unnumbered)}}</div>
            {{body}}
            <div class="issuer"><div>{{E(sheet.AgencyName)}}</div><div class="seal">（印章）</div><div>{{ChineseDate(sheet.Date)}}</div></div>
            </article>
            </body>
            </html>
            """;
    }

    /// <summary>Dates as official documents print them: 2024年12月20日.</summary>
    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>"（预计）" after a date that counts a year with no holiday notice yet (domain A2).</summary>
    public static string Provisional(NoticeSheet sheet) => sheet.ProvisionalReason is null ? "" : "（预计）";

    private static string Receipt(NoticeSheet sheet)
    {
        var file = sheet.File;
        var regime = StatutoryClock.RegimeOf(file.ReceivedOn);
        var days = StatutoryClock.BaseWorkingDaysOf(regime);
        var text = new StringBuilder();
        text.Append(Addressee(file.Applicant.Name));
        text.Append(P($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）以{ChineseTerms.Of(file.Channel)}方式提交的政府信息公开申请，登记号为{file.RegistrationNumber}。所需政府信息如下："));
        text.Append(Items(file));
        text.Append(P($"本机关将依照{LegalBasis.Regulation}第三十三条的规定，自收到申请之日起{days}个工作日内予以答复；" +
                      $"需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过{days}个工作日。" +
                      "征求第三方和其他机关意见所需时间不计算在上述期限内。"));
        text.Append(P("特此回执。"));
        return text.ToString();
    }

    private static string Supplement(NoticeSheet sheet)
    {
        var file = sheet.File;
        var text = new StringBuilder();
        text.Append(Addressee(file.Applicant.Name));
        text.Append(P($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）。" +
                      $"经审查，您的申请内容不够明确。根据{LegalBasis.Regulation}第三十条的规定，现一次性告知您需要补正的事项如下："));
        text.Append(P(file.WhatToSupplement ?? ""));
        var deadline = file.SupplementDeadline ?? (DateOnly?)null;
        text.Append(P(deadline is { } due
            ? $"请于{ChineseDate(due)}前向本机关提交补正材料。"
            : "请在本告知书规定的期限内向本机关提交补正材料。"));
        text.Append(P("答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"));
        text.Append(P("特此告知。"));
        return text.ToString();
    }

    private static string Extension(NoticeSheet sheet)
    {
        var file = sheet.File;
        var extension = sheet.Extension!;
        var text = new StringBuilder();
        text.Append(Addressee(file.Applicant.Name));
        text.Append(P($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）。" +
                      $"因{TrimEndPunctuation(extension.Reason)}，本机关不能在规定期限内作出答复。"));
        text.Append(P($"经本机关政府信息公开工作机构负责人同意，根据{LegalBasis.Regulation}第三十三条第二款的规定，" +
                      $"答复期限延长{extension.WorkingDays}个工作日" +
                      (sheet.ReplyDueOn is { } due ? $"，本机关将于{ChineseDate(due)}{Provisional(sheet)}前作出答复。" : "。")));
        text.Append(P("征求第三方和其他机关意见所需时间不计算在答复期限内。"));
        text.Append(P("特此告知。"));
        return text.ToString();
    }

    private static string Consultation(NoticeSheet sheet)
    {
        var file = sheet.File;
        var consultation = sheet.Consultation!;
        var days = StatutoryClock.ConsultationWorkingDays;
        var text = new StringBuilder();
        text.Append(Addressee(consultation.Consultee));
        // The third party learns what is asked for, never who asks (the applicant's identity is personal data it does not need).
        text.Append(P($"本机关于{ChineseDate(file.ReceivedOn)}收到一件政府信息公开申请（登记号：{file.RegistrationNumber}），申请公开的政府信息如下："));
        text.Append(Items(file));
        if (consultation.Party == ConsultationParty.ThirdParty)
        {
            text.Append(P($"经审查，上述信息的公开可能损害贵方的合法权益。根据{LegalBasis.Regulation}第三十二条的规定，现书面征求贵方意见。" +
                          $"请自收到本征求意见书之日起{days}个工作日内提出书面意见；逾期未提出意见的，本机关将依照{LegalBasis.Regulation}的规定决定是否公开。"));
            text.Append(P("贵方不同意公开的，请说明理由。理由合理的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，" +
                          "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。"));
        }
        else
        {
            text.Append(P($"上述信息涉及贵机关。根据{LegalBasis.Regulation}第三十四条的规定，现征求贵机关意见。" +
                          $"请自收到本征求意见书之日起{days}个工作日内提出意见；逾期未提出意见的，视为同意公开。"));
        }
        text.Append(P("特此函询。"));
        return text.ToString();
    }

    private static string Fee(NoticeSheet sheet)
    {
        var file = sheet.File;
        var method = file.FeeMethod == FeeMethod.PerPage ? "按量计收" : "按件计收";
        var text = new StringBuilder();
        text.Append(Addressee(file.Applicant.Name));
        text.Append(P($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）。" +
                      $"根据{LegalBasis.Regulation}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定对该申请收取信息处理费："));
        text.Append("<ol class=\"items\">");
        text.Append($"<li>计收方式：{method}（超额累进）</li>");
        text.Append($"<li>计费数量：{E(FeeQuantityText(sheet))}</li>");
        text.Append($"<li>收费金额：人民币{E(Amount(file.FeeAmount ?? 0))}元</li>");
        text.Append("<li>缴费方式：请持本通知书到本机关政府信息公开工作机构办理缴费手续，费用全额缴入国库，本机关开具财政票据。</li>");
        text.Append("</ol>");
        text.Append(P($"请自收到本通知书之次日起{StatutoryClock.FeePaymentWorkingDays}个工作日内缴纳" +
                      (sheet.PaymentDueOn is { } due ? $"（即{ChineseDate(due)}{Provisional(sheet)}前）" : "") +
                      "。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。收费期间不计算在答复期限内。"));
        text.Append(P("特此通知。"));
        return text.ToString();
    }

    private static string FeeQuantityText(NoticeSheet sheet)
    {
        var file = sheet.File;
        return file.FeeMethod == FeeMethod.PerPage
            ? $"{sheet.FeeQuantity}页（30页以内免费，31至100页每页10元，101至200页每页20元，201页以上每页40元）"
            : $"您本自然月内提交的第{sheet.FeeQuantity}件申请（每月10件以内免费，第11至30件每件100元，此后每10件为一档，每档每件增加100元）";
    }

    private static string Answer(NoticeSheet sheet)
    {
        var file = sheet.File;
        var text = new StringBuilder();
        text.Append(Addressee(file.Applicant.Name));
        var opening = $"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）";
        if (file.SupplementReceivedOn is { } supplemented) opening += $"，并于{ChineseDate(supplemented)}收到您的补正材料";
        if (file.ExtensionDays is { } extended) opening += $"，经政府信息公开工作机构负责人同意，答复期限已延长{extended}个工作日";
        text.Append(P(opening + "。经审查，现答复如下："));

        var descriptions = file.Items.ToDictionary(i => i.Number, i => i.Description);
        foreach (var answer in file.Answers.OrderBy(a => a.ItemNumber))
        {
            var decision = LegalBasis.Of(answer.Result);
            var line = new StringBuilder();
            line.Append($"{answer.ItemNumber}. 关于“{descriptions.GetValueOrDefault(answer.ItemNumber, "")}”：");
            line.Append(decision.Decision);
            line.Append(string.IsNullOrWhiteSpace(answer.Reason) ? "。" : $"：{TrimEndPunctuation(answer.Reason)}。");
            var citation = LegalBasis.Citation(answer.Result);
            if (citation.Length > 0) line.Append($"{citation}，作出上述答复。");
            text.Append(P(line.ToString()));
        }
        text.Append(P(LegalBasis.RemedyClause(file.ClosedOn ?? sheet.Date, file.Answers.Select(a => a.Result))));
        text.Append(P("特此答复。"));
        return text.ToString();
    }

    private static string Addressee(string name) => $"<p class=\"addressee\">{E(name)}：</p>";

    private static string P(string text) => $"<p>{E(text)}</p>";

    private static string Items(Projections.Cases.ApplicationFile file) =>
        "<ol class=\"items\">" + string.Concat(file.Items.OrderBy(i => i.Number).Select(i => $"<li>{E(i.Description)}</li>")) + "</ol>";

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string TrimEndPunctuation(string text) => text.Trim().TrimEnd('。', '.', '；', ';', '，', ',');

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
