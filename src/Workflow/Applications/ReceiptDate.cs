namespace Workflow.Applications;

/// <summary>
/// 收到申请之日 per channel (Art. 31, domain B §1.3): the date the clock starts from is not always the day the
/// application physically arrived. In person: the day submitted. By post: the day the office signs for it; for a
/// letter that needs no signature, the day the office confirms with the applicant. Online and fax: the day both sides
/// confirm. The day it arrived may be recorded beside it (<see cref="RegisterApplication.ArrivedOn"/>) where the two
/// differ. The registration form, the API and the decision read the rules here.
/// </summary>
public static class ReceiptDate
{
    /// <summary>Which date is the receipt date for a channel, in Chinese as staff read it on the form.</summary>
    public static string RuleChinese(Channel channel) => channel switch
    {
        Channel.InPerson => "当面提交的，以提交之日为收到申请之日。",
        Channel.Letter => "邮寄的，以本机关签收之日为收到申请之日；以平常信函等无需签收的方式邮寄的，以政府信息公开工作机构与申请人确认之日为收到申请之日。",
        Channel.Online => "通过互联网渠道提交的，以双方确认之日为收到申请之日。",
        Channel.Email => "通过电子邮箱提交的，以双方确认之日为收到申请之日。",
        Channel.Fax => "通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日。",
        _ => "通过其他渠道提交的，以本机关规定的时间或双方确认之日为收到申请之日。",
    };

    /// <summary>What the arrival date is for a channel (null: in person, where it is the receipt date itself).</summary>
    public static string? ArrivalChinese(Channel channel) => channel switch
    {
        Channel.InPerson => null,
        Channel.Letter => "信件实际送到本机关之日（例如平常信函到达、转交至政府信息公开工作机构之日）",
        Channel.Online => "申请进入网上申请系统之日",
        Channel.Email => "电子邮件到达本机关邮箱之日",
        Channel.Fax => "传真到达之日",
        _ => "申请实际到达本机关之日",
    };

    /// <summary>
    /// Checks the optional arrival date of a registration and returns it as recorded: null when absent or equal to the
    /// receipt date (nothing to keep beside it). Refuses one after the receipt date (the receipt, a signature or a
    /// confirmation, is never before the application arrived), in the future, or different for an in-person submission.
    /// </summary>
    public static DateOnly? ArrivalToRecord(RegisterApplication command, DateOnly today)
    {
        if (command.ArrivedOn is not { } arrived) return null;
        if (arrived > today)
            throw new CommandRefusedException(Refusals.Invalid("registration.arrived-in-future",
                $"申请到达日期 {arrived:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}）。",
                $"The arrival date {arrived:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).", "arrivedOn"));
        if (arrived == command.ReceivedOn) return null;
        if (command.Channel == Channel.InPerson)
            throw new CommandRefusedException(Refusals.Rule("registration.in-person-arrival",
                "当面提交的，提交之日即为收到申请之日（《条例》第三十一条），申请到达日期应与收到申请日期相同或不填。",
                "An application submitted in person is received the day it is submitted (Art. 31): the arrival date must equal the receipt date or be left out.", "arrivedOn"));
        if (arrived > command.ReceivedOn)
            throw new CommandRefusedException(Refusals.Rule("registration.arrived-after-receipt",
                $"申请到达日期 {arrived:yyyy-MM-dd} 晚于收到申请日期 {command.ReceivedOn:yyyy-MM-dd}：收到申请之日为签收或双方确认之日，不早于申请到达之日（《条例》第三十一条）。",
                $"The arrival date {arrived:yyyy-MM-dd} is after the receipt date {command.ReceivedOn:yyyy-MM-dd}: the receipt (signature or confirmation) is never before the arrival (Art. 31).", "arrivedOn"));
        if (arrived < StepChecks.EarliestReceipt)
            throw new CommandRefusedException(Refusals.Invalid("registration.arrived-too-early",
                $"申请到达日期 {arrived:yyyy-MM-dd} 早于《条例》施行日期（2008-05-01）。", $"The arrival date {arrived:yyyy-MM-dd} is before 2008-05-01.", "arrivedOn"));
        return arrived;
    }
}
