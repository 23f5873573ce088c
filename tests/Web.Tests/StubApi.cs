using System.Net;
using System.Text;
using Ecom.Aspire.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ecom.Aspire.Web.Tests;

/// <summary>An Api answering from canned JSON (or failing), for component tests without servers.</summary>
public sealed class StubApi(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public int Calls { get; private set; }
    public List<string> Paths { get; } = [];

    /// <summary>Path and query of every request, in order (e.g. "/api/analytics/finance?state=SP").</summary>
    public List<string> Requests { get; } = [];

    /// <summary>The map of the Web's own brazil-states.geojson (copied next to the tests), loaded once.</summary>
    public static BrazilMap Map => LazyMap.Value;

    private static readonly Lazy<BrazilMap> LazyMap = new(() =>
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "brazil-states.geojson"));
        return BrazilMap.Load(file);
    });

    /// <summary>Answers each path (without the leading slash, e.g. "api/overview") with its JSON; other paths get a 404.</summary>
    public static StubApi Routes(params (string Path, string Json)[] routes) => new(request =>
    {
        var path = request.RequestUri!.AbsolutePath.TrimStart('/');
        var match = routes.FirstOrDefault(r => r.Path == path);
        return match.Json is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(match.Json, Encoding.UTF8, "application/json") };
    });

    /// <summary>The same JSON for the overview, and a quiet live answer.</summary>
    public static StubApi Json(string overviewJson) => Routes(("api/overview", overviewJson), ("api/kpis/live", LiveJson()));

    public static string LiveJson(decimal revenue = 0, long orders = 0, bool degraded = false) => $$"""
        {"kpis":{"day":"2026-11-22","revenue":{{revenue.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"orders":{{orders}},"items":{{orders}},
        "activeCustomers":{{orders}},"averageTicket":{{(orders == 0 ? 0 : Math.Round(revenue / orders, 2)).ToString(System.Globalization.CultureInfo.InvariantCulture)}},
        "revenueByState":[],"topProducts":[]},"source":"{{(degraded ? "postgres" : "redis")}}","asOf":"2026-11-22T12:00:00Z","ageSeconds":3,
        "degraded":{{(degraded ? "true" : "false")}},"reason":{{(degraded ? "\"Redis is not connected\"" : "null")}}}
        """;

    /// <summary>Refuses every query as the Api does a bad one: 400 with a ValidationProblem naming the parameter.</summary>
    public static StubApi Refusing(string parameter, string message) => new(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
    {
        Content = new StringContent(
            System.Text.Json.JsonSerializer.Serialize(new { title = "Invalid query parameter", status = 400, errors = new Dictionary<string, string[]> { [parameter] = [message] } }),
            Encoding.UTF8, "application/problem+json"),
    });

    public static StubApi Unreachable() => new(_ => throw new HttpRequestException("Connection refused (api:80)"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        lock (Paths)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            Requests.Add(request.RequestUri.PathAndQuery);
        }
        return Task.FromResult(answer(request));
    }

    /// <summary>A bUnit context with MudBlazor and an EcomApiClient served by this stub.</summary>
    public BunitContext CreateContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(new EcomApiClient(new HttpClient(this) { BaseAddress = new Uri("http://api") }));
        context.Services.AddSingleton(Map);
        context.Services.AddSupplyValueFromQueryProvider();
        return context;
    }
}
