using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecom.Aspire.Integration.Tests;

/// <summary>
/// Real PostgreSQL and Redis servers shared by the whole test assembly (started on free loopback ports, or taken
/// from ConnectionStrings__ecomdb / ConnectionStrings__cache). Each test class asks for its own fresh database.
/// </summary>
public sealed class ServersFixture : IAsyncLifetime
{
    public LocalPostgres Postgres { get; private set; } = null!;
    public LocalRedis Redis { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgres.StartAsync();
        Redis = await LocalRedis.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A new empty database (no schema).</summary>
    public Task<string> NewEmptyDatabaseAsync(string prefix) => Postgres.CreateDatabaseAsync(prefix);

    /// <summary>A new database with every migration applied.</summary>
    public async Task<string> NewMigratedDatabaseAsync(string prefix)
    {
        var connectionString = await Postgres.CreateDatabaseAsync(prefix);
        await using var db = CreateDbContext(connectionString);
        await DatabaseMigrator.MigrateAsync(db, NullLogger.Instance, CancellationToken.None);
        return connectionString;
    }

    public static EcomDbContext CreateDbContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<EcomDbContext>();
        EcomDbContextOptions.Configure(options, connectionString);
        return new EcomDbContext(options.Options);
    }
}

[CollectionDefinition(Name)]
public sealed class ServersCollection : ICollectionFixture<ServersFixture>
{
    public const string Name = "servers";
}
