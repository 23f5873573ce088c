using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Runs;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Simulation;

/// <summary>History simulations started from the Api and run by the Worker's Hangfire server, one job per chunk.</summary>
[Collection(ServersCollection.Name)]
public sealed class SimulationJobTests(ServersFixture servers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_admin_starts_a_simulation_that_the_worker_runs_chunk_by_chunk_to_the_same_rows_as_the_command_line()
    {
        var db = await servers.NewMigratedDatabaseAsync("sim_job");
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString);
        _ = worker.CreateClient();
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        var request = new { from = "2024-01-01", to = "2024-06-30", customers = 1_000, seed = 21 };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/simulations", request)).StatusCode);
        var started = await api.CreateClient().WithAdminKey().PostAsJsonAsync("/api/simulations", request);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = (await started.Content.ReadFromJsonAsync<RunView>(Json))!;
        Assert.Equal($"/api/simulations/{run.Id}", started.Headers.Location?.OriginalString);
        Assert.Equal(7, run.ChunksTotal);

        var finished = await WaitForRunAsync(client, run.Id, TimeSpan.FromMinutes(3));
        Assert.Equal("completed", finished.Status);
        Assert.Equal(1.0, finished.Progress);
        Assert.All(finished.Chunks!, c => Assert.Equal("completed", c.Status));

        // The same parameters run in-process give the same rows as the fanned-out jobs.
        var reference = await servers.NewMigratedDatabaseAsync("sim_job_ref");
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            var parameters = await Ecom.Aspire.Core.Simulation.Runs.SimulationRunStore.LoadParametersAsync(dataSource, run.Id, CancellationToken.None);
            await SimulatedDatabase.SimulateAsync(reference, parameters!, workers: 1);
        }
        Assert.Equal(await SimulatedDatabase.ChecksumsAsync(reference), await SimulatedDatabase.ChecksumsAsync(db));
    }

    [Theory]
    [InlineData("""{"from": "2024-05-01", "to": "2024-01-01"}""", "to")]
    [InlineData("""{"to": "2024-05-01", "years": 2}""", "years")]
    [InlineData("""{"years": 99}""", "years")]
    [InlineData("""{"customers": 0}""", "customers")]
    [InlineData("""{"from": "not a date"}""", "request")]
    [InlineData("""{"customers": """, "request")]
    public async Task Bad_parameters_are_a_400_problem_and_start_nothing(string body, string named)
    {
        var db = await servers.NewMigratedDatabaseAsync("sim_bad");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);

        var response = await api.CreateClient().WithAdminKey().PostAsync("/api/simulations", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM sim.runs"));
    }

    [Fact]
    public async Task A_worker_starting_on_an_empty_database_seeds_two_years_of_history_by_itself()
    {
        var db = await servers.NewEmptyDatabaseAsync("sim_seed");
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString, new Dictionary<string, string>
        {
            ["Ecom:Simulation:SeedOnEmptyDatabase"] = "true",
            ["Ecom:Simulation:SeedCustomers"] = "600",
        });
        _ = worker.CreateClient();
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var client = api.CreateClient();

        var runs = await client.GetFromJsonAsync<List<RunView>>("/api/simulations", Json);
        var run = Assert.Single(runs!);
        var finished = await WaitForRunAsync(client, run.Id, TimeSpan.FromMinutes(3));

        Assert.Equal("completed", finished.Status);
        Assert.True(finished.To!.Value.DayNumber - finished.From!.Value.DayNumber >= 2 * 365 - 40, $"{finished.From}..{finished.To}");
        await using var connection = new NpgsqlConnection(db);
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders") > 1_000);
    }

    private static async Task<RunView> WaitForRunAsync(HttpClient client, int id, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var run = (await client.GetFromJsonAsync<RunView>($"/api/simulations/{id}", Json, timeout.Token))!;
            if (run.Status is "completed" or "failed") return run;
            await Task.Delay(250, timeout.Token);
        }
    }
}
