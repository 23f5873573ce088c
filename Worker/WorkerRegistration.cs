using Ecom.Aspire.Core.Storage;
using Hangfire;
using Ecom.Aspire.Core.Jobs;

namespace Ecom.Aspire.Worker;

/// <summary>What the Worker host (and its command line) registers, named once.</summary>
public static class WorkerRegistration
{
    public static IHostApplicationBuilder AddEcomDatabase(this IHostApplicationBuilder builder) =>
        builder.AddNpgsqlDbContext<EcomDbContext>("ecomdb", (options, dataSource) => EcomDbContextOptions.Configure(options, dataSource));

    /// <summary>Hangfire server with its storage in PostgreSQL, schema "hangfire" (created on first start).</summary>
    public static IHostApplicationBuilder AddHangfireOnPostgres(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("ecomdb")!;
        builder.Services.AddHangfire(config => config.UseEcomStorage(connectionString));
        builder.Services.AddHangfireServer(options =>
        {
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });
        return builder;
    }
}
