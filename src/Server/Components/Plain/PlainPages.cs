using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Server.Accounts;

namespace Server.Components.Plain;

/// <summary>
/// Renders the small pages outside the staff frame (<see cref="PlainPage"/>) to HTML: the sign-in endpoints return it
/// and the error handler writes it, so the markup is compiled and encoded by Razor while those endpoints keep their
/// own logic (the sign-in throttle, the status codes, the correlation id).
/// </summary>
public static class PlainPages
{
    public static Task<string> SignInAsync(HttpContext context, string? error, string userName, string returnUrl) =>
        RenderAsync<SignInView>(context, new()
        {
            [nameof(SignInView.StyleNonce)] = CspNonce.Of(context),
            [nameof(SignInView.Antiforgery)] = Tokens(context),
            [nameof(SignInView.Lockout)] = context.RequestServices.GetRequiredService<LockoutOptions>(),
            [nameof(SignInView.Error)] = error,
            [nameof(SignInView.UserName)] = userName,
            [nameof(SignInView.ReturnUrl)] = returnUrl,
        });

    public static Task<string> SignOutAsync(HttpContext context) =>
        RenderAsync<SignOutView>(context, new()
        {
            [nameof(SignOutView.StyleNonce)] = CspNonce.Of(context),
            [nameof(SignOutView.Antiforgery)] = Tokens(context),
        });

    /// <summary>A page that only tells something: a heading, an optional error line, paragraphs, a code to quote.</summary>
    public static Task<string> MessageAsync(HttpContext context, string heading, IReadOnlyList<string> paragraphs,
        string? error = null, string? code = null, bool homeLink = true) =>
        RenderAsync<MessageView>(context, new()
        {
            [nameof(MessageView.Heading)] = heading,
            [nameof(MessageView.StyleNonce)] = CspNonce.Of(context),
            [nameof(MessageView.Paragraphs)] = paragraphs,
            [nameof(MessageView.Error)] = error,
            [nameof(MessageView.Code)] = code,
            [nameof(MessageView.HomeLink)] = homeLink,
        });

    /// <summary>The hidden form field's name and value. Call before the response starts (it may set the cookie).</summary>
    private static AntiforgeryTokenSet Tokens(HttpContext context) =>
        context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);

    private static async Task<string> RenderAsync<TComponent>(HttpContext context, Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(context.RequestServices,
            context.RequestServices.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
