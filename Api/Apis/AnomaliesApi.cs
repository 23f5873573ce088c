using Ecom.Aspire.Core.Analytics;
using System.Globalization;
using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Ml.Anomalies;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/anomalies: orders flagged by the newest anomaly detector (Core/Ml/Anomalies) and its evaluation against sim.labels.</summary>
public static class AnomaliesApi
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapAnomaliesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/anomalies").WithTags("Anomalies");
        api.MapGet("/", List)
            .WithName("ListAnomalies")
            .WithSummary("Flagged orders, newest first, with category and reason")
            .WithDescription("Orders flagged by the readable rules (bulk_order, price_error, card_testing, account_takeover, unusual_geography, " +
                "freight_error) or by the ML.NET randomized PCA alone (unusual_order), with the PCA score and the reason in plain words, and the " +
                $"count per category in the period. Query: page (>= 1, default 1), pageSize (1..{MaxPageSize}, default 50), category (one of the " +
                "categories), from, to (business days yyyy-MM-dd, America/Sao_Paulo, both included). 404 when no detector was trained yet. " +
                "Example: /api/anomalies?category=card_testing&from=2025-01-01&to=2025-03-31.")
            .ProducesValidationProblem();
        api.MapGet("/metrics", Metrics)
            .WithName("GetAnomalyMetrics")
            .WithSummary("Precision, recall and F1 per category against sim.labels")
            .WithDescription("Orders are cut by purchase time: the oldest 60 % train the PCA, the next 20 % choose its threshold, the newest 20 % " +
                "give these metrics (never used for training or the threshold). Precision = flags of a category that carry a label of that kind / " +
                "flags of the category; recall = labelled orders of the kind flagged with it / labelled orders; overall = detection whatever the " +
                "category. Also the rules alone and the PCA alone on the same slice.");
        return app;
    }

    public static async Task<Results<Ok<AnomalyPage>, ValidationProblem, ProblemHttpResult>> List(NpgsqlDataSource dataSource, CancellationToken ct,
        int page = 1, int pageSize = 50, string? category = null, string? from = null, string? to = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = [$"page must be 1 or more (got {page})."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize} (got {pageSize})."];
        if (category is not null && !AnomalyCategories.All.Contains(category))
            errors["category"] = [$"category must be one of {string.Join(", ", AnomalyCategories.All)} (got '{category}')."];
        var fromDay = Day("from", from, errors);
        var toDay = Day("to", to, errors);
        if (fromDay is { } f && toDay is { } t && t < f) errors["to"] = [$"to ({to}) is before from ({from})."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid query parameter");
        var answer = await MlQueries.AnomaliesAsync(dataSource, page, pageSize, category, fromDay, toDay, ct);
        return answer is null ? NotTrained() : TypedResults.Ok(answer);
    }

    public static async Task<Results<Ok<AnomalyMetricsAnswer>, ProblemHttpResult>> Metrics(NpgsqlDataSource dataSource, CancellationToken ct) =>
        await MlQueries.AnomalyMetricsAsync(dataSource, ct) is { } answer ? TypedResults.Ok(answer) : NotTrained();

    private static ProblemHttpResult NotTrained() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No anomaly detector yet",
        detail: "No anomaly detector was trained yet: run the Worker command train, or POST /api/models/train with the admin key.");

    private static DateOnly? Day(string name, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= AnalyticsPeriod.Earliest && day <= AnalyticsPeriod.Latest) return day;
        errors[name] = [$"{name} must be a date yyyy-MM-dd from {AnalyticsPeriod.Text(AnalyticsPeriod.Earliest)} to {AnalyticsPeriod.Text(AnalyticsPeriod.Latest)} (got '{text}')."];
        return null;
    }
}
