using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Security headers every host sends: no MIME sniffing, no framing by other sites, no referrer leaks. JSON answers
/// (the Api) also get a Content-Security-Policy that allows nothing to run.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            var type = context.Response.ContentType;
            if (type is not null && (type.StartsWith("application/json") || type.StartsWith("application/problem+json") || type.StartsWith("text/csv")))
            {
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });
}
