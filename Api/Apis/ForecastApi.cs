using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Ml.Forecasting;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/forecast: the weekly revenue forecast of the newest training (Core/Ml/Forecasting, where each figure is defined).</summary>
public static class ForecastApi
{
    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/forecast").WithTags("Forecast")
            .MapGet("/", Get)
            .WithName("GetForecast")
            .WithSummary("Weekly revenue: history, the next 8 weeks with an 80 % interval, the chosen model and its backtest")
            .WithDescription("Weeks are Monday-first weeks of business days (America/Sao_Paulo); revenue = item prices of revenue-bearing orders. " +
                "The model in use is the one with the lowest MAPE on a rolling-origin backtest over the last 26 weeks (each week forecast 1 to 8 weeks ahead) " +
                "among seasonal_naive (same week a year before), polynomial_trend (degree-2 trend line) and ml_sdca (ML.NET regression on trend, week of year, " +
                "retail calendar and recent lags). The interval is made of that model's own backtest errors at each horizon. " +
                "Query: scope = total (default), region:<name> (Norte, Nordeste, Centro-Oeste, Sudeste, Sul) or category:<name> (a top category; " +
                "the answer lists the trained scopes). 404 when no model was trained yet (Worker command train, or POST /api/models/train). " +
                "Example: /api/forecast?scope=region:Sudeste.")
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<ForecastAnswer>, ValidationProblem, ProblemHttpResult>> Get(NpgsqlDataSource dataSource, CancellationToken ct, string? scope = null)
    {
        if (ForecastScope.Parse(scope, out var problem) is not { } parsed)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = [problem!] }, title: "Invalid query parameter");
        if (await MlQueries.ForecastAsync(dataSource, parsed, ct) is not { } answer)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No forecast yet",
                detail: "No forecast was trained yet: run the Worker command train, or POST /api/models/train with the admin key.");
        if (answer.History.Count == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["scope"] = [$"scope {parsed} has no forecast; the trained scopes are: {string.Join(", ", answer.Scopes)}."],
            }, title: "Invalid query parameter");
        return TypedResults.Ok(answer);
    }
}
