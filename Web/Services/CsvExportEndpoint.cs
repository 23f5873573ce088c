namespace Ecom.Aspire.Web.Services;

/// <summary>
/// /export/analytics/{path}?{query}: the CSV download of an analytics table. The browser cannot reach the Api (it is
/// http://api inside the system), so the Web asks it through the typed client and streams the file on, with the Api's
/// file name. Unknown tables are a 404; an unreachable Api a 502 ProblemDetails.
/// </summary>
public static class CsvExportEndpoint
{
    public const string Prefix = "/export/analytics/";

    /// <summary>The Web's download link for an analytics table with the shared filter's query.</summary>
    public static string Link(string path, string query) => Prefix + path + (query.Length == 0 ? "" : "?" + query);

    public static IEndpointRouteBuilder MapCsvExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Prefix + "{*path}", DownloadAsync).ExcludeFromDescription();
        return app;
    }

    internal static async Task<IResult> DownloadAsync(string path, HttpContext context, EcomApiClient api, CancellationToken ct)
    {
        if (!EcomApiClient.CsvPaths.Contains(path)) return TypedResults.NotFound();
        var query = string.Join('&', context.Request.Query
            .Where(q => !q.Key.Equals("format", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        HttpResponseMessage response;
        try
        {
            response = await api.GetCsvAsync(path, query, ct);
        }
        catch (HttpRequestException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "The Api could not be reached");
        }
        context.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            return TypedResults.Content(body, response.Content.Headers.ContentType?.ToString() ?? "application/problem+json", statusCode: (int)response.StatusCode);
        }
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
                   ?? path.Replace('/', '-') + ".csv";
        return TypedResults.Stream(await response.Content.ReadAsStreamAsync(ct), "text/csv; charset=utf-8", name);
    }
}
