using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Ecom.Aspire.Api;

/// <summary>
/// Rate limit of the endpoints that write or start something: per client address, a fixed window (30 calls a minute
/// by default, <c>Ecom:RateLimit:MutationsPerMinute</c>). Over the limit: 429 with a ProblemDetails and Retry-After.
/// </summary>
public static class MutationRateLimit
{
    public const string Policy = "mutations";

    public static IHostApplicationBuilder AddMutationRateLimit(this IHostApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Ecom:RateLimit:MutationsPerMinute", 30);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"At most {perMinute} calls a minute may write or start something. Try again later.",
                    },
                });
            };
        });
        return builder;
    }
}
