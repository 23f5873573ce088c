using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Runs;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Simulations;

[Collection(ServersCollection.Name)]
public sealed class SimulationsReadApiTests(ServersFixture servers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static async Task<int> InsertRunAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        var id = await connection.ExecuteScalarAsync<int>("""
            INSERT INTO sim.runs (kind, status, seed, parameters, from_date, to_date, chunks_total, chunks_done, rows_written)
            VALUES ('history', 'running', 42, '{"customers": 500}', '2024-01-01', '2024-03-31', 4, 2, 1234) RETURNING id
            """);
        await connection.ExecuteAsync("""
            INSERT INTO sim.run_chunks (run_id, chunk_no, status, rows, attempts) VALUES
              (@id, 0, 'completed', 600, 1), (@id, 1, 'completed', 634, 1), (@id, 2, 'running', 0, 1), (@id, 3, 'pending', 0, 0)
            """, new { id });
        return id;
    }

    [Fact]
    public async Task A_run_is_reported_with_its_progress_and_chunks()
    {
        var db = await servers.NewMigratedDatabaseAsync("sim_read");
        var id = await InsertRunAsync(db);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        var run = await client.GetFromJsonAsync<RunView>($"/api/simulations/{id}", Json);

        Assert.NotNull(run);
        Assert.Equal("running", run.Status);
        Assert.Equal(0.5, run.Progress);
        Assert.Equal(500, run.Parameters.GetProperty("customers").GetInt32());
        Assert.Equal(["completed", "completed", "running", "pending"], run.Chunks!.Select(c => c.Status));

        var list = await client.GetFromJsonAsync<List<RunView>>("/api/simulations?take=5", Json);
        Assert.Single(list!);
        Assert.Null(list![0].Chunks);
    }

    [Fact]
    public async Task An_unknown_run_is_a_404_problem_and_bad_paging_a_400()
    {
        var db = await servers.NewMigratedDatabaseAsync("sim_read_bad");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        var missing = await client.GetAsync("/api/simulations/999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var bad = await client.GetAsync("/api/simulations?take=100000&skip=-1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("take", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("skip", out _));

        var notANumber = await client.GetAsync("/api/simulations?take=abc");
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        var bindProblem = await notANumber.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("take", bindProblem.GetProperty("detail").GetString());
    }
}
