using Ecom.Aspire.Core.Analytics;

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
                "first and last purchase time (UTC), as of computedAt. An empty database answers with zero counts and null dates. " +
                "Counting millions of rows takes a while, so a count is answered again for up to 60 seconds (computedAt says " +
                "when it was made) and recounted in the background once it is 5 seconds old. format=csv gives the table counts as CSV.");
        return app;
    }

    public static async Task<IResult> GetOverview(DatabaseOverviewCache overviews, CancellationToken ct, string? format = null)
    {
        var csv = CsvExport.Wants(format, out var error);
        if (error is not null) return TypedResults.ValidationProblem(error, title: "Invalid query parameter");
        var overview = await overviews.GetAsync(ct);
        return csv ? CsvExport.File(overview.Tables, "overview-tables") : TypedResults.Ok(overview);
    }
}
