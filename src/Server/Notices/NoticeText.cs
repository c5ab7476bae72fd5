using System.Globalization;
using System.Text;
using Workflow.Applications;
using Workflow.Clock;
using Workflow.Vocabulary;

namespace Server.Notices;

/// <summary>One block of a notice's body: the addressee line, a paragraph, or a numbered list.</summary>
public abstract record NoticeBlock;

public sealed record NoticeAddressee(string Name) : NoticeBlock;

public sealed record NoticeParagraph(string Text) : NoticeBlock;

public sealed record NoticeList(IReadOnlyList<string> Entries) : NoticeBlock;

/// <summary>
/// The words of a <see cref="NoticeSheet"/>: what each notice says, as blocks of text (no markup; the Razor component
/// <c>Components/Notices/NoticeDocument.razor</c> prints them as an A4 document). Only what the document needs: the
/// addressee's name, never ID numbers or phone numbers; a consultation letter never names the applicant. Pure.
/// </summary>
public static class NoticeText
{
    public const string Unnumbered = "（未编号：尚未发出）";

    /// <summary>The title printed at the head of the notice and in the browser's title bar.</summary>
    public static string TitleOf(NoticeSheet sheet) => ChineseTerms.Of(sheet.Kind);

    /// <summary>The body of the notice: its addressee, paragraphs and lists, in order.</summary>
    public static IReadOnlyList<NoticeBlock> Compose(NoticeSheet sheet) => sheet.Kind switch
    {
        NoticeKind.ReceiptAcknowledgement => Receipt(sheet),
        NoticeKind.SupplementNotice => Supplement(sheet),
        NoticeKind.ExtensionNotice => Extension(sheet),
        NoticeKind.ThirdPartyConsultation => Consultation(sheet),
        NoticeKind.FeeNotice => Fee(sheet),
        NoticeKind.AnswerLetter => Answer(sheet),
        _ => throw new ArgumentOutOfRangeException(nameof(sheet), sheet.Kind, "Unknown notice kind."),
    };

    /// <summary>Dates as official documents print them: 2024年12月20日.</summary>
    public static string ChineseDate(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>"（预计）" after a date that counts a year with no holiday notice yet (domain A2).</summary>
    public static string Provisional(NoticeSheet sheet) => sheet.ProvisionalReason is null ? "" : "（预计）";

    private static List<NoticeBlock> Receipt(NoticeSheet sheet)
    {
        var file = sheet.File;
        var regime = StatutoryClock.RegimeOf(file.ReceivedOn);
        var days = StatutoryClock.BaseWorkingDaysOf(regime);
        var text = new List<NoticeBlock>();
        text.Add(new NoticeAddressee(file.Applicant.Name));
        text.Add(new NoticeParagraph($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）以{ChineseTerms.Of(file.Channel)}方式提交的政府信息公开申请，登记号为{file.RegistrationNumber}。所需政府信息如下："));
        text.Add(Items(file));
        text.Add(new NoticeParagraph($"本机关将依照{LegalBasis.Regulation}第三十三条的规定，自收到申请之日起{days}个工作日内予以答复；" +
                      $"需要延长答复期限的，经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过{days}个工作日。" +
                      "征求第三方和其他机关意见所需时间不计算在上述期限内。"));
        text.Add(new NoticeParagraph("特此回执。"));
        return text;
    }

    private static List<NoticeBlock> Supplement(NoticeSheet sheet)
    {
        var file = sheet.File;
        var text = new List<NoticeBlock>();
        text.Add(new NoticeAddressee(file.Applicant.Name));
        text.Add(new NoticeParagraph($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）。" +
                      $"经审查，您的申请内容不够明确。根据{LegalBasis.Regulation}第三十条的规定，现一次性告知您需要补正的事项如下："));
        text.Add(new NoticeParagraph(file.WhatToSupplement ?? ""));
        var deadline = file.SupplementDeadline ?? (DateOnly?)null;
        text.Add(new NoticeParagraph(deadline is { } due
            ? $"请于{ChineseDate(due)}前向本机关提交补正材料。"
            : "请在本告知书规定的期限内向本机关提交补正材料。"));
        text.Add(new NoticeParagraph("答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"));
        text.Add(new NoticeParagraph("特此告知。"));
        return text;
    }

    private static List<NoticeBlock> Extension(NoticeSheet sheet)
    {
        var file = sheet.File;
        var extension = sheet.Extension!;
        var text = new List<NoticeBlock>();
        text.Add(new NoticeAddressee(file.Applicant.Name));
        text.Add(new NoticeParagraph($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）。" +
                      $"因{TrimEndPunctuation(extension.Reason)}，本机关不能在规定期限内作出答复。"));
        text.Add(new NoticeParagraph($"经本机关政府信息公开工作机构负责人同意，根据{LegalBasis.Regulation}第三十三条第二款的规定，" +
                      $"答复期限延长{extension.WorkingDays}个工作日" +
                      (sheet.ReplyDueOn is { } due ? $"，本机关将于{ChineseDate(due)}{Provisional(sheet)}前作出答复。" : "。")));
        text.Add(new NoticeParagraph("征求第三方和其他机关意见所需时间不计算在答复期限内。"));
        text.Add(new NoticeParagraph("特此告知。"));
        return text;
    }

    private static List<NoticeBlock> Consultation(NoticeSheet sheet)
    {
        var file = sheet.File;
        var consultation = sheet.Consultation!;
        var days = StatutoryClock.ConsultationWorkingDays;
        var text = new List<NoticeBlock>();
        text.Add(new NoticeAddressee(consultation.Consultee));
        // The third party learns what is asked for, never who asks (the applicant's identity is personal data it does not need).
        text.Add(new NoticeParagraph($"本机关于{ChineseDate(file.ReceivedOn)}收到一件政府信息公开申请（登记号：{file.RegistrationNumber}），申请公开的政府信息如下："));
        text.Add(Items(file));
        if (consultation.Party == ConsultationParty.ThirdParty)
        {
            text.Add(new NoticeParagraph($"经审查，上述信息的公开可能损害贵方的合法权益。根据{LegalBasis.Regulation}第三十二条的规定，现书面征求贵方意见。" +
                          $"请自收到本征求意见书之日起{days}个工作日内提出书面意见；逾期未提出意见的，本机关将依照{LegalBasis.Regulation}的规定决定是否公开。"));
            text.Add(new NoticeParagraph("贵方不同意公开的，请说明理由。理由合理的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，" +
                          "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。"));
        }
        else
        {
            text.Add(new NoticeParagraph($"上述信息涉及贵机关。根据{LegalBasis.Regulation}第三十四条的规定，现征求贵机关意见。" +
                          $"请自收到本征求意见书之日起{days}个工作日内提出意见；逾期未提出意见的，视为同意公开。"));
        }
        text.Add(new NoticeParagraph("特此函询。"));
        return text;
    }

    private static List<NoticeBlock> Fee(NoticeSheet sheet)
    {
        var file = sheet.File;
        var method = ChineseTerms.Of(file.FeeMethod ?? FeeMethod.PerApplication);
        var text = new List<NoticeBlock>();
        text.Add(new NoticeAddressee(file.Applicant.Name));
        text.Add(new NoticeParagraph($"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）。" +
                      $"根据{LegalBasis.Regulation}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关决定对该申请收取信息处理费："));
        text.Add(new NoticeList(
        [
            $"计收方式：{method}（超额累进）",
            $"计费数量：{FeeQuantityText(sheet)}",
            $"收费金额：人民币{Amount(file.FeeAmount ?? 0)}元",
            "缴费方式：请持本通知书到本机关政府信息公开工作机构办理缴费手续，费用全额缴入国库，本机关开具财政票据。",
        ]));
        text.Add(new NoticeParagraph($"请自收到本通知书之次日起{StatutoryClock.FeePaymentWorkingDays}个工作日内缴纳" +
                      (sheet.PaymentDueOn is { } due ? $"（即{ChineseDate(due)}{Provisional(sheet)}前）" : "") +
                      "。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。收费期间不计算在答复期限内。"));
        text.Add(new NoticeParagraph("特此通知。"));
        return text;
    }

    private static string FeeQuantityText(NoticeSheet sheet)
    {
        var file = sheet.File;
        return file.FeeMethod == FeeMethod.PerPage
            ? $"{sheet.FeeQuantity}页（30页以内免费，31至100页每页10元，101至200页每页20元，201页以上每页40元）"
            : $"您本自然月内提交的第{sheet.FeeQuantity}件申请（每月10件以内免费，第11至30件每件100元，此后每10件为一档，每档每件增加100元）";
    }

    private static List<NoticeBlock> Answer(NoticeSheet sheet)
    {
        var file = sheet.File;
        var text = new List<NoticeBlock>();
        text.Add(new NoticeAddressee(file.Applicant.Name));
        var opening = $"本机关于{ChineseDate(file.ReceivedOn)}收到您（单位）提交的政府信息公开申请（登记号：{file.RegistrationNumber}）";
        if (file.SupplementReceivedOn is { } supplemented) opening += $"，并于{ChineseDate(supplemented)}收到您的补正材料";
        if (file.ExtensionDays is { } extended) opening += $"，经政府信息公开工作机构负责人同意，答复期限已延长{extended}个工作日";
        text.Add(new NoticeParagraph(opening + "。经审查，现答复如下："));

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
            text.Add(new NoticeParagraph(line.ToString()));
        }
        text.Add(new NoticeParagraph(LegalBasis.RemedyClause(file.ClosedOn ?? sheet.Date, file.Answers.Select(a => a.Result))));
        text.Add(new NoticeParagraph("特此答复。"));
        return text;
    }

    private static NoticeList Items(Projections.Cases.ApplicationFile file) =>
        new([.. file.Items.OrderBy(i => i.Number).Select(i => i.Description)]);

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string TrimEndPunctuation(string text) => text.Trim().TrimEnd('。', '.', '；', ';', '，', ',');
}
