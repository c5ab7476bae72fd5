using System.Text;
using Server.Accounts;

namespace Server.Reports;

/// <summary>
/// A report file as an HTTP answer: JSON and HTML are answered inline (HTML with the request's style nonce, so the
/// printable page keeps its styles under the CSP); every other format is a download with its file name.
/// </summary>
public static class ReportResults
{
    public static IResult Of(ReportFile file, HttpContext http)
    {
        if (file.ContentType.StartsWith("text/html", StringComparison.Ordinal))
            return Results.Content(CspNonce.AddToStyles(Encoding.UTF8.GetString(file.Content), http), file.ContentType);
        if (file.ContentType.StartsWith("application/json", StringComparison.Ordinal))
            return Results.Content(Encoding.UTF8.GetString(file.Content), file.ContentType);
        return Results.File(file.Content, file.ContentType, file.FileName);
    }
}
