using System.Diagnostics;

namespace Server.LegalReview;

/// <summary>Chromium is not installed where configured.</summary>
public sealed class PdfPrinterUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints HTML to PDF with headless Chromium (configuration <c>Chromium:Path</c>, default <c>/usr/bin/chromium</c>).
/// Each print gets its own temporary profile folder, so prints may run side by side.
/// </summary>
public sealed class ChromiumPdfPrinter(IConfiguration configuration, ILogger<ChromiumPdfPrinter> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public string ExecutablePath => configuration["Chromium:Path"] is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public bool IsAvailable => File.Exists(ExecutablePath);

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellation = default)
    {
        if (!IsAvailable)
            throw new PdfPrinterUnavailableException($"Chromium was not found at {ExecutablePath}; install it (apt-get install chromium fonts-noto-cjk) or set Chromium:Path.");
        var folder = Directory.CreateTempSubdirectory("case-file-");
        try
        {
            var input = Path.Combine(folder.FullName, "case.html");
            var output = Path.Combine(folder.FullName, "case.pdf");
            await File.WriteAllTextAsync(input, html, cancellation);
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            foreach (var argument in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                         $"--print-to-pdf={output}", new Uri(input).AbsoluteUri,
                     })
                start.ArgumentList.Add(argument);

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Chromium did not start.");
            var stderr = process.StandardError.ReadToEndAsync(cancellation);
            _ = process.StandardOutput.ReadToEndAsync(cancellation);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish printing within {Timeout.TotalSeconds} seconds.");
            }
            if (!File.Exists(output))
            {
                logger.LogError("Chromium exited with {Code} without a PDF: {Errors}", process.ExitCode, await stderr);
                throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} and wrote no PDF.");
            }
            return await File.ReadAllBytesAsync(output, cancellation);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
