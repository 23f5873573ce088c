using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/live: the state of live mode, and (admin) pausing, resuming and its rate.</summary>
public static class LiveApi
{
    /// <summary>Body of PUT /api/live/rate.</summary>
    public sealed record RateRequest(double OrdersPerSecond);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/live").WithTags("Live mode");
        api.MapGet("/", GetStatus)
            .WithName("GetLiveMode").WithSummary("Whether live mode runs, its rate and how far it got");
        var admin = api.MapGroup("/").RequireAuthorization(AdminKeyAuthentication.Policy).RequireRateLimiting(MutationRateLimit.Policy);
        admin.MapPost("/pause", (EcomDbContext db, TimeProvider clock, CancellationToken ct) => Update(db, clock, paused: true, rate: null, ct))
            .WithName("PauseLiveMode").WithSummary("Pause live mode (admin key)");
        admin.MapPost("/resume", (EcomDbContext db, TimeProvider clock, CancellationToken ct) => Update(db, clock, paused: false, rate: null, ct))
            .WithName("ResumeLiveMode").WithSummary("Resume live mode (admin key)");
        admin.MapPut("/rate", SetRate)
            .WithName("SetLiveRate").WithSummary("Set the orders per second of an ordinary moment (admin key)")
            .WithDescription($"Body: {{\"ordersPerSecond\": 3}}; between 0 (exclusive) and {LiveModeSettings.MaxOrdersPerSecond}.");
        return app;
    }

    public static async Task<Ok<LiveModeStatus>> GetStatus(EcomDbContext db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await LiveModeControl.GetStatusAsync(db, clock, ct));

    public static async Task<Results<Ok<LiveModeStatus>, ValidationProblem>> SetRate(
        RateRequest request, EcomDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!double.IsFinite(request.OrdersPerSecond) || request.OrdersPerSecond <= 0 || request.OrdersPerSecond > LiveModeSettings.MaxOrdersPerSecond)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["ordersPerSecond"] = [$"ordersPerSecond must be more than 0 and at most {LiveModeSettings.MaxOrdersPerSecond} (got {request.OrdersPerSecond})."],
            }, title: "Invalid body");
        }
        return await Update(db, clock, paused: null, request.OrdersPerSecond, ct);
    }

    private static async Task<Results<Ok<LiveModeStatus>, ValidationProblem>> Update(
        EcomDbContext db, TimeProvider clock, bool? paused, double? rate, CancellationToken ct) =>
        TypedResults.Ok(await LiveModeControl.UpdateAsync(db, clock, paused, rate, ct));
}
