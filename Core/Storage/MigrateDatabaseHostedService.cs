using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecom.Aspire.Core.Storage;

/// <summary>
/// Applies migrations once when the host starts, before the hosted services registered after it (the Hangfire server)
/// begin. Register it first.
/// </summary>
public sealed class MigrateDatabaseHostedService(IServiceProvider services, ILogger<MigrateDatabaseHostedService> logger)
    : IHostedService
{
    public static readonly ActivitySource ActivitySource = new("Ecom.Aspire.Migrations");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("migrate database");
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EcomDbContext>();
        await DatabaseMigrator.MigrateAsync(db, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
