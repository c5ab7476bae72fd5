using JasperFx.CommandLine;
using Server.Accounts;
using Server.Demo;

namespace Server.Commands;

public sealed class DemoInput : HostedCommandInput
{
}

[Description("载入演示数据（机关、用户、三个年度的申请）/ Load a realistic demo data set; running it again adds nothing")]
public sealed class DemoCommand : JasperFxAsyncCommand<DemoInput>
{
    public override async Task<bool> Execute(DemoInput input)
    {
        using var host = await CommandHost.StartAsync(input);
        using var scope = host.Services.CreateScope();
        var loader = ActivatorUtilities.CreateInstance<DemoLoader>(scope.ServiceProvider);
        var password = Environment.GetEnvironmentVariable(DemoLoader.PasswordVariable);
        var summary = await loader.LoadAsync(string.IsNullOrEmpty(password) ? null : password);

        Console.WriteLine($"新增机关 {summary.AgenciesAdded} 个；新登记申请 {summary.Registered} 件（已存在 {summary.AlreadyRegistered} 件），办理步骤 {summary.StepsApplied} 个。");
        Console.WriteLine($"{summary.AgenciesAdded} agencies added; {summary.Registered} applications registered ({summary.AlreadyRegistered} already present), {summary.StepsApplied} steps applied.");
        if (summary.UsersCreated.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(password is { Length: > 0 }
                ? $"新建用户（密码为环境变量 {DemoLoader.PasswordVariable} 的值）/ users created, password from {DemoLoader.PasswordVariable}:"
                : "新建用户及其随机密码（只显示这一次，请妥善保存）/ users created with random passwords, shown only this once:");
            foreach (var user in summary.UsersCreated)
            {
                var roles = StaffRoleNames.Describe(user.Staff.Roles);
                Console.WriteLine(password is { Length: > 0 }
                    ? $"  {user.Staff.UserName,-18} {user.Staff.AgencyCode,-8} {roles}"
                    : $"  {user.Staff.UserName,-18} {user.Staff.AgencyCode,-8} {roles,-12} {user.Password}");
            }
        }
        if (summary.UsersAlreadyPresent > 0)
            Console.WriteLine($"已有用户 {summary.UsersAlreadyPresent} 个，密码未改变。/ {summary.UsersAlreadyPresent} users already existed; passwords unchanged.");
        foreach (var refusal in summary.Refusals) Console.Error.WriteLine($"  未能载入 / not loaded: {refusal}");

        await CommandHost.CatchUpAsync(host);
        await host.StopAsync();
        return summary.Refusals.Count == 0;
    }
}
