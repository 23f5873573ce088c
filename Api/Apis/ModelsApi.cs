using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Ml;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/models: trained models (forecast, anomalies) with their metrics, and training on demand.</summary>
public static class ModelsApi
{
    public const int MaxTake = 100;

    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").WithTags("Models");
        api.MapGet("/", List)
            .WithName("ListModelRuns")
            .WithSummary("Model runs, newest first, with their metrics")
            .WithDescription("Each training stores a forecast run (metrics: per scope the chosen model, its MAPE and the backtest table) and an " +
                "anomalies run (metrics: slices, PCA threshold, precision/recall/F1 per category). The newest 10 of each kind are kept. " +
                $"Query: kind = forecast or anomalies (default both), take (1..{MaxTake}, default 20).")
            .ProducesValidationProblem();
        api.MapPost("/train", Train)
            .RequireAuthorization(AdminKeyAuthentication.Policy)
            .RequireRateLimiting(MutationRateLimit.Policy)
            .WithName("TrainModels")
            .WithSummary("Train the forecasts and the anomaly detector now (admin key)")
            .WithDescription("Queues the training job on the Worker's Hangfire server (the same job runs daily). Body (optional): seed (>= 0, " +
                "default 42). Answers 202 with the Hangfire job id; the new runs appear at GET /api/models.");
        return app;
    }

    /// <summary>Body of POST /api/models/train.</summary>
    /// <example>{ "seed": 42 }</example>
    public sealed record TrainRequest(int? Seed);

    /// <summary>Answer of POST /api/models/train.</summary>
    public sealed record TrainQueued(string JobId, int Seed);

    public static Results<Accepted<TrainQueued>, ValidationProblem> Train(TrainRequest? request, IBackgroundJobClient jobs)
    {
        var seed = request?.Seed ?? TrainOptions.DefaultSeed;
        if (seed < 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["seed"] = [$"seed must be 0 or more (got {seed})."] }, title: "Invalid training parameters");
        var jobId = TrainModelsJob.Enqueue(jobs, seed);
        return TypedResults.Accepted("/api/models", new TrainQueued(jobId, seed));
    }

    public static async Task<Results<Ok<IReadOnlyList<ModelRunView>>, ValidationProblem>> List(NpgsqlDataSource dataSource, CancellationToken ct, string? kind = null, int take = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (kind is not null and not MlStore.ForecastKind and not MlStore.AnomaliesKind) errors["kind"] = [$"kind must be forecast or anomalies (got '{kind}')."];
        if (take is < 1 or > MaxTake) errors["take"] = [$"take must be between 1 and {MaxTake} (got {take})."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid query parameter");
        return TypedResults.Ok(await MlQueries.RunsAsync(dataSource, kind, take, ct));
    }
}
