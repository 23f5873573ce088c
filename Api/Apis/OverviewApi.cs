using Ecom.Aspire.Core.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>/api/overview: what the database holds.</summary>
public static class OverviewApi
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/overview").WithTags("Overview");
        api.MapGet("/", GetOverview)
            .WithName("GetOverview")
            .WithSummary("Rows per table and the span of order dates")
            .WithDescription("Exact row counts of every table of the shop and sim schemas, the number of orders, and the " +
                "first and last purchase time (UTC). An empty database answers with zero counts and null dates.");
        return app;
    }

    public static async Task<Ok<DatabaseOverview>> GetOverview(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DatabaseOverviewQuery.ReadAsync(dataSource, clock, ct));
}
