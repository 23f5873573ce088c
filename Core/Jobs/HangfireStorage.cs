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

    public static IGlobalConfiguration UseEcomStorage(this IGlobalConfiguration config, string connectionString) => config
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings()
        .UsePostgreSqlStorage(
            c => c.UseNpgsqlConnection(connectionString),
            new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                InvisibilityTimeout = InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
            });
}
