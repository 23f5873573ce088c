using Ecom.Aspire.Core.Realtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/kpis: today's business as it happens.</summary>
public static class KpisApi
{
    /// <summary>How far back <c>?date=</c> may go (Redis keeps a few days; older days are recomputed in SQL).</summary>
    public const int MaxDaysBack = 31;

    public static IEndpointRouteBuilder MapKpisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/kpis").WithTags("Live KPIs");
        api.MapGet("/live", GetLive)
            .WithName("GetLiveKpis")
            .WithSummary("Live KPIs of today (or of a recent day)")
            .WithDescription("Revenue, orders, items, active customers, average ticket, revenue per state and top products of one " +
                "business day (America/Sao_Paulo), served from Redis with the age of the figures. When Redis is unreachable the " +
                "answer is computed from PostgreSQL and marked degraded. Query: date=yyyy-MM-dd (default today, at most " +
                $"{MaxDaysBack} days back).");
        return app;
    }

    public static async Task<Results<Ok<LiveKpisAnswer>, ValidationProblem>> GetLive(
        string? date, LiveKpiReader reader, TimeProvider clock, CancellationToken ct)
    {
        var today = BusinessDay.Of(clock.GetUtcNow());
        var day = today;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out day))
            {
                return Invalid("date", $"'{Truncate(date)}' is not a date in the form yyyy-MM-dd.");
            }
            if (day > today)
            {
                return Invalid("date", $"{day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd} in São Paulo).");
            }
            if (day < today.AddDays(-MaxDaysBack))
            {
                return Invalid("date", $"{day:yyyy-MM-dd} is more than {MaxDaysBack} days ago: use the analytics endpoints for history.");
            }
        }
        return TypedResults.Ok(await reader.ReadAsync(day, ct));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid query parameter");

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
