using System.Globalization;

namespace Projections.LegalReview;

/// <summary>Dates as the legal review's texts print them: ISO, whatever the culture.</summary>
public static class IsoDates
{
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
