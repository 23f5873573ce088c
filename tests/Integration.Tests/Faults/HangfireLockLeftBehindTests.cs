using System.Collections.Concurrent;
using Dapper;
using Ecom.Aspire.Core.Jobs;
using Hangfire;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Faults;

/// <summary>
/// Fault: a Worker killed while it moved a job from Enqueued to Processing leaves the job's state lock in
/// hangfire.lock. The job must still run, on the next Worker, once the lock is older than
/// <see cref="HangfireStorage.DistributedLockTimeout"/> (Hangfire.PostgreSql's default of 10 minutes held it up that long).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class HangfireLockLeftBehindTests(ServersFixture servers)
{
    [Fact]
    public async Task A_job_whose_state_lock_a_killed_Worker_left_behind_runs_once_the_lock_expires()
    {
        // Hangfire's log provider and job activator are global, and the hosts of earlier tests pointed them at their
        // logger factories and service providers, disposed since: this test's client and server use plain ones.
        LogProvider.SetCurrentLogProvider(new SilentLogProvider());
        JobActivator.Current = new JobActivator();
        var db = await servers.NewMigratedDatabaseAsync("hangfire_lock");
        var options = HangfireStorage.Options();
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(db, options), options);
        var key = Guid.NewGuid().ToString("N");
        var jobId = new BackgroundJobClient(storage).Enqueue(() => CountedJob.Run(key));

        // The lock as the dead Worker left it, taken 5 seconds before it expires.
        var age = HangfireStorage.DistributedLockTimeout - TimeSpan.FromSeconds(5);
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.ExecuteAsync(
                "INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES (@resource, 0, now() - @age)",
                new { resource = $"hangfire:job:{jobId}:state-lock", age });
        }

        using (new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = 1, ServerName = "lock-test" }, storage))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (!CountedJob.Runs.ContainsKey(key) && DateTime.UtcNow < deadline) await Task.Delay(100);
        }

        var history = storage.GetMonitoringApi().JobDetails(jobId)?.History ?? [];
        Assert.True(CountedJob.Runs.GetValueOrDefault(key) == 1,
            $"the job ran {CountedJob.Runs.GetValueOrDefault(key)} time(s); its states, newest first: "
            + string.Join(" | ", history.Select(h => $"{h.StateName} {h.Reason} {string.Join(", ", h.Data.Select(d => $"{d.Key}={d.Value}"))}")));
        Assert.Equal("Succeeded", storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName);
    }
}

/// <summary>A job that counts its runs under its key.</summary>
public static class CountedJob
{
    public static readonly ConcurrentDictionary<string, int> Runs = new();

    public static void Run(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
}

/// <summary>A Hangfire log provider that drops everything.</summary>
public sealed class SilentLogProvider : ILogProvider
{
    public ILog GetLogger(string name) => new Silent();

    private sealed class Silent : ILog
    {
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
