using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ecom.Aspire.Web.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests;

public sealed class CsvExportTests
{
    private static async Task<(int Status, string Body, string? Disposition)> DownloadAsync(StubApi api, string path, string query)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        var client = new EcomApiClient(new HttpClient(api) { BaseAddress = new Uri("http://api") });

        var result = await CsvExportEndpoint.DownloadAsync(path, context, client, CancellationToken.None);
        await result.ExecuteAsync(context);

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync(), context.Response.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Passes_the_Apis_CSV_on_with_its_file_name_and_the_filter()
    {
        var api = new StubApi(_ =>
        {
            var content = new StringContent("Measure,Current\nrevenue,10.5\n", Encoding.UTF8, "text/csv");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "finance-2024-01-01-2024-01-31.csv" };
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        var (status, body, disposition) = await DownloadAsync(api, "finance", "?from=2024-01-01&to=2024-01-31&format=json");

        Assert.Equal(200, status);
        Assert.Equal("Measure,Current\nrevenue,10.5\n", body);
        Assert.Contains("finance-2024-01-01-2024-01-31.csv", disposition);
        Assert.Equal(["/api/analytics/finance?from=2024-01-01&to=2024-01-31&format=csv"], api.Requests);
    }

    [Fact]
    public async Task Only_analytics_tables_are_passed_on_and_an_unreachable_Api_is_a_502()
    {
        var api = StubApi.Unreachable();

        Assert.Equal(404, (await DownloadAsync(api, "../admin/keys", "")).Status);
        Assert.Empty(api.Requests);
        var (status, body, _) = await DownloadAsync(api, "geography", "?state=SP");
        Assert.Equal(502, status);
        Assert.Contains("The Api could not be reached", body);
    }
}
