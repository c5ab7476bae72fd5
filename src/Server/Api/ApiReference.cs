using Scalar.AspNetCore;

namespace Server.Api;

/// <summary>
/// The API reference page (Scalar) over the OpenAPI document at <c>/openapi/v1.json</c>. Scalar's script is embedded in
/// its package and served by the app under this path; its default fonts would come from Scalar's CDN and are turned
/// off, so the page works on an office network without internet (the browser's own fonts are used).
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/reference";

    public static void Configure(ScalarOptions options) =>
        options.WithTitle("政府信息公开申请办理 API / Disclosure application API")
            .DisableDefaultFonts();
}
