using System.Net;
using System.Text;
using Ecom.Aspire.Web.Services;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Ecom.Aspire.Web.Tests;

/// <summary>An Api answering from canned JSON (or failing), for component tests without servers.</summary>
public sealed class StubApi(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public int Calls { get; private set; }

    public static StubApi Json(string json) => new(_ => new HttpResponseMessage(HttpStatusCode.OK)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    });

    public static StubApi Unreachable() => new(_ => throw new HttpRequestException("Connection refused (api:80)"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(answer(request));
    }

    /// <summary>A bUnit context with MudBlazor and an EcomApiClient served by this stub.</summary>
    public BunitContext CreateContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(new EcomApiClient(new HttpClient(this) { BaseAddress = new Uri("http://api") }));
        return context;
    }
}
