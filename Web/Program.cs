using System.Globalization;
using Ecom.Aspire.Web.Components;
using Ecom.Aspire.Web.Services;
using MudBlazor.Services;

// The dashboard speaks Brazilian Portuguese formats: R$ 1.234,56 and dd/MM/yyyy.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = Formats.Culture;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Run from its build output in any environment (the tests and benchmarks run it in Production, as deployed), the Web
// serves MudBlazor's and the framework's static web assets from where the build left them; published, it has them in
// wwwroot and this finds no manifest and does nothing.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
// "http://api" is resolved by service discovery (services:api:http:0); the standard resilience handler applies.
builder.Services.AddHttpClient<EcomApiClient>(client => client.BaseAddress = new Uri("http://api"));
builder.Services.AddHttpClient<MlApiClient>(client => client.BaseAddress = new Uri("http://api"));
builder.Services.AddHttpClient<BrowseApiClient>(client => client.BaseAddress = new Uri("http://api"));
builder.Services.AddHttpClient<SimulationsApiClient>(client => client.BaseAddress = new Uri("http://api"));
// The outlines of the 27 states (wwwroot/data/brazil-states.geojson), projected to SVG once.
builder.Services.AddSingleton(sp => BrazilMap.FromWebRoot(sp.GetRequiredService<IWebHostEnvironment>()));

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UseSecurityHeaders();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapCsvExport();
app.MapDefaultEndpoints();

app.Run();
