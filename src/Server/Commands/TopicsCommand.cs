using JasperFx.CommandLine;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Topics;

namespace Server.Commands;

public sealed class TopicsInput : HostedCommandInput
{
    [Description("list | add | retire")]
    public string Action { get; set; } = "list";

    [Description("机关代码 / agency code")]
    public string? AgencyFlag { get; set; }

    [Description("分类名称，用年报原话，如 征地和房屋拆迁 / topic name, in the report's own words")]
    public string? NameFlag { get; set; }

    [Description("记录为修改人的用户名（默认 admin）/ who is recorded as making the change (default: admin)")]
    public string ByFlag { get; set; } = "admin";
}

[Description("申请内容分类：topics list --agency <代码>；topics add|retire --agency <代码> --name <分类> / An agency's topics", Name = "topics")]
public sealed class TopicsCommand : JasperFxAsyncCommand<TopicsInput>
{
    public TopicsCommand()
    {
        Usage("List, add or retire topics").Arguments(x => x.Action);
    }

    public override async Task<bool> Execute(TopicsInput input)
    {
        var action = input.Action.Trim().ToLowerInvariant();
        if (action is not ("list" or "add" or "retire"))
            return AgenciesCommand.Fail(Refusals.Invalid("cli.unknown-action", $"未知操作“{input.Action}”：可用 list、add、retire。",
                $"Unknown action '{input.Action}': use list, add or retire."));
        if (string.IsNullOrWhiteSpace(input.AgencyFlag)) return AgenciesCommand.Fail(Refusals.Required("--agency（机关代码）", "--agency"));
        if (action != "list" && string.IsNullOrWhiteSpace(input.NameFlag)) return AgenciesCommand.Fail(Refusals.Required("--name（分类名称）", "--name"));

        using var host = input.BuildHost();
        var agency = await host.Services.GetRequiredService<AgencyDirectory>().FindAsync(input.AgencyFlag.Trim());
        if (agency is null) return AgenciesCommand.Fail(Refusals.UnknownAgency(input.AgencyFlag.Trim()));
        var catalog = host.Services.GetRequiredService<TopicCatalog>();
        AgencyTopicList list;
        if (action == "list")
        {
            list = await catalog.ForAgencyAsync(agency.Code);
        }
        else
        {
            var (changed, refusal) = action == "add"
                ? await catalog.AddAsync(agency.Code, input.NameFlag!, input.ByFlag)
                : await catalog.RetireAsync(agency.Code, input.NameFlag!, input.ByFlag);
            if (refusal is not null) return AgenciesCommand.Fail(refusal);
            list = changed!;
            Console.WriteLine(action == "add" ? $"已新增分类“{input.NameFlag!.Trim()}”。" : $"已停用分类“{input.NameFlag!.Trim()}”。");
        }
        foreach (var topic in list.Topics)
            Console.WriteLine(topic.IsActive ? topic.Name : $"{topic.Name}（{topic.RetiredOn:yyyy-MM-dd} 停用）");
        return true;
    }
}
