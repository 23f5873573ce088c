using Hangfire;
using Hangfire.PostgreSql;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>Hangfire's storage: PostgreSQL, schema "hangfire" (created on first use). Worker (server) and Api (client) share it.</summary>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    public static IGlobalConfiguration UseEcomStorage(this IGlobalConfiguration config, string connectionString) => config
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings()
        .UsePostgreSqlStorage(
            c => c.UseNpgsqlConnection(connectionString),
            new PostgreSqlStorageOptions { SchemaName = Schema, PrepareSchemaIfNecessary = true });
}
