using Dapper;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.CommandLine;

[Collection(ServersCollection.Name)]
public sealed class MigrateCommandTests(ServersFixture servers)
{
    [Fact]
    public async Task Migrate_applies_the_schema_then_says_it_is_up_to_date()
    {
        var db = await servers.NewEmptyDatabaseAsync("cli_migrate");
        var env = new Dictionary<string, string?> { ["ConnectionStrings__ecomdb"] = db };

        var first = await WorkerProcess.RunAsync(env, "migrate");
        Assert.Equal(0, first.ExitCode);
        Assert.StartsWith("migrate: applied", first.Output.Trim());

        var second = await WorkerProcess.RunAsync(env, "migrate");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("migrate: schema is up to date", second.Output.Trim());

        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'shop' AND table_name = 'orders'"));
    }

    [Fact]
    public async Task Without_a_database_it_prints_one_readable_line_and_fails()
    {
        var result = await WorkerProcess.RunAsync(new Dictionary<string, string?>(), "migrate");

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: no database configured", line);
    }

    [Fact]
    public async Task An_unknown_option_is_refused_with_one_line()
    {
        var result = await WorkerProcess.RunAsync(new Dictionary<string, string?>(), "migrate", "--fast");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--fast", line);
    }
}
