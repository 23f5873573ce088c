using Ecom.Aspire.Core.Analytics;
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
                "first and last purchase time (UTC). An empty database answers with zero counts and null dates. " +
                "format=csv gives the table counts as CSV.");
        return app;
    }

    public static async Task<IResult> GetOverview(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct, string? format = null)
    {
        var csv = CsvExport.Wants(format, out var error);
        if (error is not null) return TypedResults.ValidationProblem(error, title: "Invalid query parameter");
        var overview = await DatabaseOverviewQuery.ReadAsync(dataSource, clock, ct);
        return csv ? CsvExport.File(overview.Tables, "overview-tables") : TypedResults.Ok(overview);
    }
}
