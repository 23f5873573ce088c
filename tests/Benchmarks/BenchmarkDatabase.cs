using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecom.Aspire.Benchmarks;

/// <summary>
/// Fresh, migrated databases for a benchmark: on the server of ConnectionStrings__ecomdb when that is set, otherwise on
/// a throwaway local server started like the test fixture's. Dropped at the end.
/// </summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly LocalPostgres _server;
    private readonly List<string> _databases = [];

    private BenchmarkDatabase(LocalPostgres server) => _server = server;

    public static async Task<BenchmarkDatabase> StartAsync() => new(await LocalPostgres.StartAsync());

    public string Where => _server.Owned ? "a local throwaway server (fsync off)" : "the server of ConnectionStrings__ecomdb";

    public async Task<string> NewMigratedAsync(string prefix)
    {
        var connectionString = await _server.CreateDatabaseAsync(prefix);
        _databases.Add(connectionString);
        var options = new DbContextOptionsBuilder<EcomDbContext>();
        EcomDbContextOptions.Configure(options, connectionString);
        await using var db = new EcomDbContext(options.Options);
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases) await _server.DropDatabaseAsync(database);
        await _server.DisposeAsync();
    }
}
