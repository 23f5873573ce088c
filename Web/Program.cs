using System.Globalization;
using Ecom.Aspire.Web.Components;
using Ecom.Aspire.Web.Services;
using MudBlazor.Services;

// The dashboard speaks Brazilian Portuguese formats: R$ 1.234,56 and dd/MM/yyyy.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = Formats.Culture;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
// "http://api" is resolved by service discovery (services:api:http:0); the standard resilience handler applies.
builder.Services.AddHttpClient<EcomApiClient>(client => client.BaseAddress = new Uri("http://api"));

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseSecurityHeaders();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapDefaultEndpoints();

app.Run();
