using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Runs;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Runs;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Ecom.Aspire.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/simulations: history simulations (and imports) with their progress.</summary>
public static class SimulationsApi
{
    public const int MaxPageSize = 100;

    public static RouteGroupBuilder MapSimulationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/simulations").WithTags("Simulations");
        api.MapGet("/", List)
            .WithName("ListSimulations")
            .WithSummary("Runs, newest first")
            .WithDescription($"Simulation runs and imports with status and progress. Query: skip (>= 0), take (1..{MaxPageSize}, default 20).");
        api.MapGet("/{id:int}", Get)
            .WithName("GetSimulation")
            .WithSummary("One run with the progress of each chunk")
            .WithDescription("Status, parameters, seed, progress (0..1), rows written and every chunk's status.");
        api.MapPost("/", Start)
            .RequireAuthorization(AdminKeyAuthentication.Policy)
            .RequireRateLimiting(MutationRateLimit.Policy)
            .WithName("StartSimulation")
            .WithSummary("Start a history simulation (admin key)")
            .WithDescription("Creates a run and queues it on the Worker's Hangfire server: the world first, then one job per month, " +
                "shared by every Worker. Body (all optional): from, to (dates, yyyy-MM-dd), years (1..20, instead of to), customers (default 50000), seed (default 42). " +
                "Answers 202 with the run; follow its progress at GET /api/simulations/{id}.");
        return api;
    }

    /// <summary>Body of POST /api/simulations; every field is optional.</summary>
    /// <example>{ "from": "2024-01-01", "years": 2, "customers": 50000, "seed": 42 }</example>
    public sealed record StartSimulationRequest(DateOnly? From, DateOnly? To, int? Years, int? Customers, long? Seed);

    public static async Task<Results<Accepted<RunView>, ValidationProblem>> Start(
        StartSimulationRequest? request, NpgsqlDataSource dataSource, EcomDbContext db, IBackgroundJobClient jobs, TimeProvider clock, CancellationToken ct)
    {
        var ask = new SimulationRequest(request?.From, request?.To, request?.Years, request?.Customers, request?.Seed);
        if (ask.ToParameters(clock.GetUtcNow(), out var problems) is not { } parameters)
            return TypedResults.ValidationProblem(problems, title: "Invalid simulation parameters");
        var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, ct);
        HistorySimulationJob.Start(jobs, runId);
        var run = (await RunQueries.GetAsync(db, runId, ct))!;
        return TypedResults.Accepted($"/api/simulations/{runId}", run);
    }

    public static async Task<Results<Ok<IReadOnlyList<RunView>>, ValidationProblem>> List(
        EcomDbContext db, CancellationToken ct, int skip = 0, int take = 20)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip < 0) errors["skip"] = [$"skip must be 0 or more (got {skip})."];
        if (take is < 1 or > MaxPageSize) errors["take"] = [$"take must be between 1 and {MaxPageSize} (got {take})."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Invalid query parameter");
        return TypedResults.Ok(await RunQueries.ListAsync(db, skip, take, ct));
    }

    public static async Task<Results<Ok<RunView>, ProblemHttpResult>> Get(int id, EcomDbContext db, CancellationToken ct) =>
        await RunQueries.GetAsync(db, id, ct) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Simulation not found", detail: $"There is no run {id}.");
}
