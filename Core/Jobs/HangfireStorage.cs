using Hangfire;
using Hangfire.PostgreSql;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>
/// Hangfire's storage: PostgreSQL, schema "hangfire" (created on first use). Worker (server) and Api (client) share it.
/// A job fetched by a Worker that dies (killed, machine lost) becomes visible again after <see cref="InvisibilityTimeout"/>
/// and another Worker (or the same one, restarted) runs it; the timeout slides while a live Worker still runs the job,
/// so long jobs are not taken twice.
/// </summary>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old a distributed lock must be before another process may take it over. Hangfire holds its locks for
    /// milliseconds (a job's state change, a scheduler's poll) and no job of ours holds one while it runs, so a lock
    /// older than this was left by a process that died holding it: a Worker killed while it moved a job from Enqueued
    /// to Processing leaves that job's state lock behind, and the job cannot start anywhere until the lock expires
    /// (Hangfire.PostgreSql's default is 10 minutes).
    /// </summary>
    public static readonly TimeSpan DistributedLockTimeout = TimeSpan.FromMinutes(1);

    public static PostgreSqlStorageOptions Options() => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        InvisibilityTimeout = InvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = DistributedLockTimeout,
    };

    public static IGlobalConfiguration UseEcomStorage(this IGlobalConfiguration config, string connectionString) => config
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings()
        .UsePostgreSqlStorage(c => c.UseNpgsqlConnection(connectionString), Options());
}
