using Ecom.Aspire.Core.Runs;
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
        return api;
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
