using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Analytics;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Foundation;

[Collection(ServersCollection.Name)]
public sealed class OverviewApiTests(ServersFixture servers)
{
    [Fact]
    public async Task Overview_counts_every_table_and_gives_the_span_of_order_dates()
    {
        var db = await servers.NewMigratedDatabaseAsync("overview");
        await SmallShop.SeedAsync(db);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);

        var overview = await api.CreateClient().GetFromJsonAsync<DatabaseOverview>("/api/overview");

        Assert.NotNull(overview);
        Assert.Equal(3, overview.Orders);

        var raw = await api.CreateClient().GetAsync("/api/overview");
        Assert.Equal("nosniff", raw.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", raw.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("default-src 'none'", raw.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(overview.IsEmpty);
        Assert.Equal(DatabaseOverviewQuery.Tables.Count, overview.Tables.Count);
        Assert.Equal(2, overview.Tables.Single(t => t.Table == "customers").Rows);
        Assert.Equal(4, overview.Tables.Single(t => t.Table == "order_items").Rows);
        Assert.Equal(0, overview.Tables.Single(t => t.Table == "labels").Rows);
        Assert.Equal(new DateTimeOffset(2024, 1, 3, 12, 0, 0, TimeSpan.Zero), overview.FirstOrderAt);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.Zero), overview.LastOrderAt);
    }

    [Fact]
    public async Task Overview_tables_download_as_csv_and_an_unknown_format_is_refused()
    {
        var db = await servers.NewMigratedDatabaseAsync("overview_csv");
        await SmallShop.SeedAsync(db);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        var csv = await client.GetAsync("/api/overview?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Schema,Table,Rows", lines[0]);
        Assert.Contains("shop,orders,3", lines);

        var bad = await client.GetAsync("/api/overview?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Overview_of_an_empty_database_has_zero_counts_and_no_dates()
    {
        var db = await servers.NewMigratedDatabaseAsync("overview_empty");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);

        var overview = await api.CreateClient().GetFromJsonAsync<DatabaseOverview>("/api/overview");

        Assert.NotNull(overview);
        Assert.True(overview.IsEmpty);
        Assert.All(overview.Tables, t => Assert.Equal(0, t.Rows));
        Assert.Null(overview.FirstOrderAt);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_overview_and_a_UI_browses_it()
    {
        var db = await servers.NewMigratedDatabaseAsync("openapi");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/overview", out _));

        var ui = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("text/html", ui.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task When_the_database_is_unreachable_the_Api_answers_503_with_a_problem_details()
    {
        var unreachable = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = TestSupport.FreePort.Next(), Database = "ecomdb", Username = "postgres", Timeout = 2,
        }.ConnectionString;
        await using var api = new ApiFactory(unreachable, servers.Redis.ConnectionString);

        var response = await api.CreateClient().GetAsync("/api/overview");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The database is unavailable", problem.GetProperty("title").GetString());
    }
}
