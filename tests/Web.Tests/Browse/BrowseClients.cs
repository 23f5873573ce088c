using Ecom.Aspire.Web.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Web.Tests.Browse;

/// <summary>The data-browser and simulations clients over a <see cref="StubApi"/>, in a bUnit context.</summary>
public static class BrowseClients
{
    public static BunitContext CreateContextWithClients(this StubApi api, string? adminKey = null)
    {
        var context = api.CreateContext();
        context.Services.AddSingleton(new BrowseApiClient(new HttpClient(api) { BaseAddress = new Uri("http://api") }));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(adminKey is null ? [] : [new KeyValuePair<string, string?>(SimulationsApiClient.AdminKeySetting, adminKey)])
            .Build();
        context.Services.AddSingleton(new SimulationsApiClient(new HttpClient(api) { BaseAddress = new Uri("http://api") }, configuration));
        return context;
    }

    public static HttpResponseMessage Json(string json, System.Net.HttpStatusCode status = System.Net.HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, status == System.Net.HttpStatusCode.BadRequest ? "application/problem+json" : "application/json") };
}
