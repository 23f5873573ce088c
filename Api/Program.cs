using Ecom.Aspire.Api;
using Ecom.Aspire.Api.Apis;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Realtime;
using Hangfire;
using Npgsql;
using Ecom.Aspire.Core.Storage;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
// The Api takes small JSON bodies only.
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 64 * 1024);
builder.AddServiceDefaults();
// No retries in the Api: while PostgreSQL is down a caller gets a 503 ProblemDetails at once, not after a minute of retries.
// No JIT compilation: the Api's queries read aggregates in milliseconds, and compiling one took longer than running it.
builder.AddNpgsqlDbContext<EcomDbContext>("ecomdb", (options, dataSource) => EcomDbContextOptions.Configure(options, dataSource),
    settings => settings.DisableRetry = true,
    dataSource => dataSource.ConnectionStringBuilder.Options = $"{dataSource.ConnectionStringBuilder.Options} -c jit=off".Trim());
builder.AddRedisClient("cache");
builder.AddAdminKeyAuthentication();
builder.AddMutationRateLimit();
builder.AddAnalyticsCache();

builder.Services.AddSingleton(TimeProvider.System);
// A Hangfire client only: the Api queues jobs (simulations), the Worker runs them.
builder.Services.AddHangfire(config => config.UseEcomStorage(builder.Configuration.GetConnectionString("ecomdb")!));
builder.Services.AddSingleton<RedisKpiStore>();
builder.Services.AddSingleton<LiveKpiReader>();
// /api/overview's exact row counts, kept a few seconds (DatabaseOverviewCache says how).
builder.Services.AddSingleton(sp => new DatabaseOverviewCache(
    ct => DatabaseOverviewQuery.ReadAsync(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), ct),
    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DatabaseOverviewCache>>()));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<BadRequestHandler>();
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
// Binding failures become exceptions that BadRequestHandler turns into a ProblemDetails naming the parameter.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
// A JSON body with a member the endpoint does not know (a typo such as "customer") is refused, not ignored.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "Ecom.Aspire API";
    document.Info.Description = "Analytics, live KPIs and simulations of the Ecom.Aspire marketplace. " +
        "Calls that write or start something need the admin key in the X-Api-Key header.";
    return Task.CompletedTask;
}));

var app = builder.Build();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseQueryParameterCheck();
app.UseRateLimiter();
app.UseOutputCache();

app.MapOpenApi();
app.MapScalarApiReference("/docs", options => options.WithTitle("Ecom.Aspire API"));
app.MapGet("/", () => TypedResults.Redirect("/docs")).ExcludeFromDescription();
app.MapDefaultEndpoints();

app.MapOverviewApi();
app.MapKpisApi();
app.MapSimulationsApi();
app.MapLiveApi();
app.MapAnalyticsApi();
app.MapForecastApi();
app.MapAnomaliesApi();
app.MapModelsApi();
app.MapBrowseApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
