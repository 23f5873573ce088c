using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Integration.Tests.Simulation;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Faults;

/// <summary>Fault: the Worker process is killed (SIGKILL) in the middle of a history simulation, then started again.</summary>
[Collection(ServersCollection.Name)]
public sealed class WorkerKillTests(ServersFixture servers)
{
    [Fact]
    public async Task A_worker_killed_mid_simulation_and_started_again_finishes_with_the_rows_of_an_uninterrupted_run()
    {
        var db = await servers.NewMigratedDatabaseAsync("fault_kill");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var admin = api.CreateClient().WithAdminKey();
        await using var connection = new NpgsqlConnection(db);

        var first = KillableWorkerProcess.Start(db, servers.Redis.ConnectionString);
        int runId;
        try
        {
            var started = await admin.PostAsJsonAsync("/api/simulations", new { from = "2024-01-01", to = "2024-12-31", customers = 20_000, seed = 99 });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            runId = (await started.Content.ReadFromJsonAsync<IdOnly>())!.Id;

            // Kill it while chunks are being written: the world and at least one month are done, the run is not.
            await WaitUntilAsync(connection, runId, done => done >= 2, TimeSpan.FromMinutes(2), first);
            await first.KillHardAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }
        var killedOutput = first.Output;
        var atKill = await connection.QuerySingleAsync<(int Done, int Total)>(
            "SELECT chunks_done, chunks_total FROM sim.runs WHERE id = @runId", new { runId });
        Assert.True(atKill.Done < atKill.Total, $"the run finished before the kill ({atKill.Done}/{atKill.Total}): nothing was interrupted");

        // Started again, the Worker takes the queued chunks at once and, after Hangfire's invisibility timeout, the
        // chunk the dead process had fetched (when it was killed while moving that job to Processing, after the job's
        // state lock it left behind has expired: HangfireLockLeftBehindTests).
        await using (var second = KillableWorkerProcess.Start(db, servers.Redis.ConnectionString))
        {
            await WaitUntilAsync(connection, runId, done => done == atKill.Total, TimeSpan.FromMinutes(3), second,
                $"The killed Worker had said:\n{killedOutput}");
        }
        Assert.Equal(RunStatuses.Completed, await connection.ExecuteScalarAsync<string>("SELECT status FROM sim.runs WHERE id = @runId", new { runId }));

        // Exactly the rows of the same run without a fault: nothing missing, nothing twice.
        var reference = await servers.NewMigratedDatabaseAsync("fault_kill_ref");
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            var parameters = await SimulationRunStore.LoadParametersAsync(dataSource, runId, CancellationToken.None);
            await SimulatedDatabase.SimulateAsync(reference, parameters!, workers: 1);
        }
        Assert.Equal(await SimulatedDatabase.ChecksumsAsync(reference), await SimulatedDatabase.ChecksumsAsync(db));
    }

    private sealed record IdOnly(int Id);

    private static async Task WaitUntilAsync(NpgsqlConnection connection, int runId, Func<int, bool> condition, TimeSpan limit, KillableWorkerProcess worker, string? earlier = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var done = await connection.ExecuteScalarAsync<int>("SELECT chunks_done FROM sim.runs WHERE id = @runId", new { runId });
            if (condition(done)) return;
            await Task.Delay(50);
        }
        Assert.Fail($"run {runId} did not get there within {limit}.\n{await DescribeAsync(connection, runId)}\n{earlier}\nThe Worker said:\n{worker.Output}");
    }

    /// <summary>The run's chunks and their Hangfire jobs, for a failure message.</summary>
    private static async Task<string> DescribeAsync(NpgsqlConnection connection, int runId)
    {
        var chunks = await connection.QueryAsync<(int ChunkNo, string Status, int Attempts, string? Worker, string? Error)>(
            "SELECT chunk_no, status, attempts, worker, error FROM sim.run_chunks WHERE run_id = @runId ORDER BY chunk_no", new { runId });
        var jobs = await connection.QueryAsync<(long Id, string? State, string Arguments, DateTime? FetchedAt)>("""
            SELECT j.id, j.statename, j.arguments, q.fetchedat
            FROM hangfire.job j LEFT JOIN hangfire.jobqueue q ON q.jobid = j.id
            WHERE j.invocationdata::text LIKE '%HistorySimulationJob%' ORDER BY j.id
            """);
        var locks = await connection.QueryAsync<(string Resource, DateTime? Acquired)>("SELECT resource, acquired FROM hangfire.lock");
        return "Chunks:\n" + string.Join("\n", chunks.Select(c => $"  {c}"))
            + "\nHangfire jobs:\n" + string.Join("\n", jobs.Select(j => $"  {j}"))
            + "\nHangfire locks:\n" + string.Join("\n", locks.Select(l => $"  {l}"));
    }
}
