using System.Security.Cryptography;
using Marten;
using Server.Accounts;
using Workflow.Applications;
using Workflow.Calendar;

namespace Server.Demo;

/// <summary>A demo user created by this run, with the password to print once (never stored anywhere else).</summary>
public sealed record DemoUserCreated(DemoStaff Staff, string Password);

public sealed record DemoSummary(
    int AgenciesAdded, IReadOnlyList<DemoUserCreated> UsersCreated, int UsersAlreadyPresent,
    int Registered, int AlreadyRegistered, int StepsApplied, IReadOnlyList<string> Refusals);

/// <summary>
/// Loads <see cref="DemoPlan"/> through the same doors as the UI: agencies through <see cref="AgencyDirectory"/>, users
/// through <see cref="StaffAccounts"/>, applications and every step through <see cref="ApplicationCommandBus"/> (never raw
/// events). Idempotent: registrations carry external request ids, and an application already registered continues after
/// the steps its stream already has, so a second run adds nothing.
/// </summary>
public sealed class DemoLoader(ApplicationCommandBus commands, AgencyDirectory agencies, StaffAccounts accounts, IDocumentStore store,
    DecisionContextSource clock, WorkdayCalendar calendar)
{
    public const string PasswordVariable = "WORKFLOW_STAFF_PASSWORD";

    public async Task<DemoSummary> LoadAsync(string? staffPassword, CancellationToken cancellation = default)
    {
        var refusals = new List<string>();
        if (staffPassword is not null && DemoPlan.Staff.Select(s => PasswordPolicy.Check(s.UserName, staffPassword)).FirstOrDefault(r => r is not null) is { } weak)
            return new DemoSummary(0, [], 0, 0, 0, 0, [$"{PasswordVariable}: {weak.Chinese} / {weak.English}"]);

        var agenciesAdded = 0;
        foreach (var agency in DemoPlan.Agencies)
        {
            if (await agencies.FindAsync(agency.Code, cancellation) is not null) continue;
            var (_, refusal) = await agencies.AddAsync(agency.Code, agency.Name, agency.ParentCode, agency.RegistrationPrefix, cancellation);
            if (refusal is not null) refusals.Add($"{agency.Code}: {refusal.Chinese}");
            else agenciesAdded++;
        }

        var created = new List<DemoUserCreated>();
        var present = 0;
        foreach (var staff in DemoPlan.Staff)
        {
            if (await accounts.FindAsync(staff.UserName, cancellation) is not null)
            {
                present++;
                continue;
            }
            var password = staffPassword ?? RandomPassword();
            var (_, refusal) = await accounts.AddAsync(staff.UserName, staff.DisplayName, staff.AgencyCode, [.. staff.Roles], password, cancellation: cancellation);
            if (refusal is not null) refusals.Add($"{staff.UserName}: {refusal.Chinese}");
            else created.Add(new DemoUserCreated(staff, password));
        }

        int registered = 0, already = 0, applied = 0;
        foreach (var demoCase in DemoPlan.Cases(clock.Today, calendar))
        {
            var outcome = await commands.RegisterAsync(demoCase.Registration, cancellation);
            if (!outcome.Succeeded)
            {
                refusals.Add($"{demoCase.Registration.ExternalRequestId}: {outcome.Refusal!.Chinese}");
                continue;
            }
            var result = outcome.Result!;
            var version = 1;
            if (result.AlreadyRegistered)
            {
                already++;
                await using var session = store.QuerySession();
                version = (int)((await session.Events.FetchStreamStateAsync(result.ApplicationId, cancellation))?.Version ?? 1);
            }
            else registered++;

            foreach (var step in demoCase.Steps.Skip(version - 1))
            {
                var stepOutcome = await commands.SendAsync(step.Command(result.ApplicationId, version), cancellation);
                if (!stepOutcome.Succeeded)
                {
                    refusals.Add($"{result.RegistrationNumber} ({demoCase.Registration.ExternalRequestId}) {step.Command(result.ApplicationId, version).GetType().Name}: {stepOutcome.Refusal!.Chinese}");
                    break;
                }
                version = stepOutcome.Application!.Version;
                applied++;
            }
        }
        return new DemoSummary(agenciesAdded, created, present, registered, already, applied, refusals);
    }

    /// <summary>16 characters from an unambiguous alphabet, with upper case, lower case, digits and a symbol (<see cref="PasswordPolicy"/>).</summary>
    public static string RandomPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", all = upper + lower + digits;
        var characters = new char[16];
        for (var i = 0; i < characters.Length; i++) characters[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        characters[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        characters[5] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        characters[10] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        characters[8] = '-';
        return new string(characters);
    }
}
