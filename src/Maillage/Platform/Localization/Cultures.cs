using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Maillage.Platform.Localization;

internal static class Cultures
{
    public const string CookieName = ".Maillage.Culture";
    public const string QueryKey = "culture";
    public static readonly string[] Supported = ["fr-FR", "fr-CH", "en"];

    /// <summary>
    /// Answers in the language the localisation middleware chose for this request (French by default), also from code that
    /// runs outside it — the status-code pages and the exception handler, which sit before it, and authentication handlers.
    /// </summary>
    public static void UseRequestCulture(Microsoft.AspNetCore.Http.HttpContext context)
    {
        var chosen = context.Features.Get<IRequestCultureFeature>()?.RequestCulture ?? new RequestCulture("fr-FR");
        CultureInfo.CurrentCulture = chosen.Culture;
        CultureInfo.CurrentUICulture = chosen.UICulture;
    }

    public static bool IsSupported(string? name) =>
        name is not null && Supported.Contains(name, StringComparer.OrdinalIgnoreCase);

    public static IServiceCollection AddMaillageLocalization(this IServiceCollection services)
    {
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture("fr-FR");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = QueryKey, UIQueryStringKey = QueryKey },
                new CookieRequestCultureProvider { CookieName = CookieName },
                // Pages are French unless the visitor chooses; API clients may ask with Accept-Language.
                new CustomRequestCultureProvider(async context =>
                    context.Request.Path.StartsWithSegments("/api")
                        ? await new AcceptLanguageHeaderRequestCultureProvider { Options = options }.DetermineProviderCultureResult(context)
                        : null),
            ];
        });
        return services;
    }

    /// <summary>
    /// A <c>?culture=</c> link remembers the choice in a cookie, so the next pages stay in that language.
    /// An unknown culture is reported on the page (see the layout) and French is kept.
    /// </summary>
    public static IApplicationBuilder UseMaillageLocalization(this IApplicationBuilder app)
    {
        app.UseRequestLocalization();
        return app.Use(async (context, next) =>
        {
            var asked = context.Request.Query[QueryKey].ToString();
            if (asked.Length > 0)
            {
                if (IsSupported(asked))
                {
                    context.Response.Cookies.Append(CookieName,
                        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(asked)),
                        new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
                }
                else
                {
                    context.Items[UnknownCultureKey] = asked.Length > 20 ? asked[..20] : asked;
                }
            }
            await next();
        });
    }

    public const string UnknownCultureKey = "Maillage.UnknownCulture";

    /// <summary>The value of the html lang attribute for the current request.</summary>
    public static string HtmlLang => CultureInfo.CurrentUICulture.Name switch
    {
        "en" => "en",
        "fr-CH" => "fr-CH",
        _ => "fr",
    };
}
