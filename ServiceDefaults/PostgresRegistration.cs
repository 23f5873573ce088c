using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Settings read from "Aspire:Npgsql:EntityFrameworkCore:PostgreSQL", as the Aspire client package reads them.</summary>
public sealed class NpgsqlEntityFrameworkCoreSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableRetry { get; set; }
    public bool DisableHealthChecks { get; set; }
    public bool DisableTracing { get; set; }
    public bool DisableMetrics { get; set; }
    public int? CommandTimeout { get; set; }
}

/// <summary>
/// PostgreSQL registration the way Aspire.Npgsql.EntityFrameworkCore.PostgreSQL does it: the connection string from
/// ConnectionStrings:{name} (or the settings section), one NpgsqlDataSource (also used for COPY and Dapper), a pooled
/// DbContext with retries on transient failures, Npgsql tracing and metrics, and a DbContext health check.
/// </summary>
public static class PostgresRegistration
{
    public const string SettingsSection = "Aspire:Npgsql:EntityFrameworkCore:PostgreSQL";

    public static IHostApplicationBuilder AddNpgsqlDbContext<TContext>(
        this IHostApplicationBuilder builder,
        string connectionName,
        Action<DbContextOptionsBuilder, NpgsqlDataSource>? configureDbContextOptions = null,
        Action<NpgsqlEntityFrameworkCoreSettings>? configureSettings = null,
        Action<NpgsqlDataSourceBuilder>? configureDataSourceBuilder = null)
        where TContext : DbContext
    {
        var settings = new NpgsqlEntityFrameworkCoreSettings();
        builder.Configuration.GetSection(SettingsSection).Bind(settings);
        builder.Configuration.GetSection($"{SettingsSection}:{typeof(TContext).Name}").Bind(settings);
        // As in Aspire, code has the last word over configuration.
        configureSettings?.Invoke(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { } fromConnectionStrings)
        {
            settings.ConnectionString = fromConnectionStrings;
        }
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionString is missing. It should be provided in 'ConnectionStrings:{connectionName}' or under the " +
                $"'ConnectionString' key in '{SettingsSection}' configuration section.");
        }

        var connectionString = settings.ConnectionString;
        builder.Services.AddSingleton(_ =>
        {
            var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
            configureDataSourceBuilder?.Invoke(dataSourceBuilder);
            return dataSourceBuilder.Build();
        });

        builder.Services.AddDbContextPool<TContext>((sp, options) =>
        {
            var dataSource = sp.GetRequiredService<NpgsqlDataSource>();
            if (configureDbContextOptions is not null)
            {
                configureDbContextOptions(options, dataSource);
            }
            else
            {
                options.UseNpgsql(dataSource);
            }
            options.UseNpgsql(o =>
            {
                if (!settings.DisableRetry) o.EnableRetryOnFailure();
                if (settings.CommandTimeout is { } timeout) o.CommandTimeout(timeout);
            });
        });

        if (!settings.DisableHealthChecks)
        {
            // One round trip outside the retrying execution strategy: a health check must answer fast, not retry for a minute.
            builder.Services.AddHealthChecks().AddDbContextCheck<TContext>(name: typeof(TContext).Name, customTestQuery: CanQueryAsync);
        }
        if (!settings.DisableTracing)
        {
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddNpgsql());
        }
        if (!settings.DisableMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter("Npgsql"));
        }
        return builder;
    }

    private static async Task<bool> CanQueryAsync<TContext>(TContext context, CancellationToken ct) where TContext : DbContext
    {
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return await command.ExecuteScalarAsync(ct) is 1;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
