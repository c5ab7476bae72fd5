using Marten;
using Projections.Tables;

namespace Projections.Annual;

/// <summary>Serves tables 三 and 四 for one agency or a set of agencies and a year, from the yearly flow documents.</summary>
public sealed class AnnualTableReader(IQuerySession session)
{
    public async Task<AnnualTables> LoadAsync(IReadOnlyCollection<string> agencyCodes, int year, CancellationToken cancellation = default)
    {
        if (agencyCodes.Count == 0) throw new ArgumentException("At least one agency is needed.", nameof(agencyCodes));
        var codes = agencyCodes.ToArray();
        var flows = await session.Query<AnnualFlows>()
            .Where(f => codes.Contains(f.AgencyCode) && f.Year <= year)
            .ToListAsync(cancellation);
        return AnnualTableBuilder.Build(AnnualTableBuilder.TableId(agencyCodes), year, flows);
    }

    /// <summary>The report in a layout (default by year, A13), ready for any renderer.</summary>
    public async Task<RenderedReport> RenderAsync(IReadOnlyCollection<string> agencyCodes, string agencyName, int year,
        string? layoutCode = null, CancellationToken cancellation = default)
    {
        var tables = await LoadAsync(agencyCodes, year, cancellation);
        var layout = layoutCode is null ? TableLayouts.ForYear(year) : TableLayouts.ByCode(layoutCode);
        return RenderedReport.Build(layout, agencyName, year, tables.Disclosure, tables.Reviews);
    }
}
