using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using StackExchange.Redis;

namespace Ecom.Aspire.Integration.Tests.Foundation;

[Collection(ServersCollection.Name)]
public sealed class ServiceDefaultsRegistrationTests(ServersFixture servers)
{
    private async Task<IHost> BuildHostAsync(string? databaseConnectionString = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ecomdb"] = databaseConnectionString ?? await servers.NewMigratedDatabaseAsync("registration"),
            ["ConnectionStrings:cache"] = servers.Redis.ConnectionString,
        });
        builder.AddServiceDefaults();
        builder.AddNpgsqlDbContext<EcomDbContext>("ecomdb", (o, ds) => EcomDbContextOptions.Configure(o, ds));
        builder.AddRedisClient("cache");
        return builder.Build();
    }

    [Fact]
    public async Task DbContext_and_Redis_resolve_from_configuration_and_pass_their_health_checks()
    {
        using var host = await BuildHostAsync();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EcomDbContext>();
            Assert.Equal(0, await db.Orders.CountAsync());
            Assert.NotNull(db.Database.CreateExecutionStrategy());
            Assert.True(db.Database.CreateExecutionStrategy().RetriesOnFailure);
        }
        var redis = host.Services.GetRequiredService<IConnectionMultiplexer>();
        Assert.Same(redis, host.Services.GetRequiredService<IConnectionMultiplexer>());
        await redis.GetDatabase().StringSetAsync("registration-test", "ok");
        Assert.Equal("ok", (string?)await redis.GetDatabase().StringGetAsync("registration-test"));

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Contains(nameof(EcomDbContext), report.Entries.Keys);
        Assert.Contains("StackExchange.Redis", report.Entries.Keys);
    }

    [Fact]
    public async Task Health_check_reports_the_database_unhealthy_when_it_cannot_be_reached()
    {
        var unreachable = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = TestSupport.FreePort.Next(), Database = "ecomdb", Username = "postgres", Timeout = 2,
        }.ConnectionString;
        using var host = await BuildHostAsync(unreachable);

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries[nameof(EcomDbContext)].Status);
    }

    [Fact]
    public void A_missing_connection_string_fails_with_the_key_to_set()
    {
        var builder = Host.CreateApplicationBuilder();
        var error = Assert.Throws<InvalidOperationException>(() =>
            builder.AddNpgsqlDbContext<EcomDbContext>("ecomdb", (o, ds) => EcomDbContextOptions.Configure(o, ds)));
        Assert.Contains("ConnectionStrings:ecomdb", error.Message);
    }
}
