using Ecom.Aspire.Core.Jobs;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Warehouse;
using Ecom.Aspire.Worker;
using Ecom.Aspire.Worker.Commands;
using Ecom.Aspire.Worker.Jobs;
using Hangfire;

// A command (simulate, migrate, ...) runs and exits; without one the Worker is the Hangfire server.
if (WorkerCommandLine.IsCommand(args))
{
    return await WorkerCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEcomDatabase();
builder.AddRedisClient("cache");
builder.AddAdminKeyAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<RedisKpiStore>();
builder.Services.AddSingleton<KpiReconciler>();
builder.Services.AddTransient<ReconcileLiveKpisJob>();
builder.Services.AddSingleton<SimulatorCache>();
builder.Services.AddSingleton<ChunkRunner>();
builder.Services.AddTransient<HistorySimulationJob>();
builder.Services.AddSingleton<WarehouseEtl>();
builder.Services.AddTransient<WarehouseEtlJob>();
builder.Services.AddTransient<OlistImportJob>();
builder.Services.AddSingleton<Ecom.Aspire.Core.Ml.ModelTraining>();
builder.Services.AddTransient<TrainModelsJob>();

// Migrations first: hosted services start in registration order, so no job runs on an old schema.
builder.Services.AddHostedService<MigrateDatabaseHostedService>();
builder.Services.AddHostedService<BiReaderRoleHostedService>();
builder.AddHangfireOnPostgres();
builder.Services.AddHostedService<RecurringJobs>();
builder.AddLiveOrderProducer();
builder.Services.AddHostedService<SeedHistoryOnEmptyDatabase>();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapGet("/", () => TypedResults.Redirect("/hangfire"));
// The dashboard shows and can trigger jobs: only the admin (admin key) may open it.
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DashboardTitle = "Ecom.Aspire jobs" })
    .RequireAuthorization(AdminKeyAuthentication.Policy);

app.Run();
return 0;
