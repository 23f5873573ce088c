using System.Globalization;
using Ecom.Aspire.Core.Analytics;
using Microsoft.AspNetCore.OutputCaching;
using Npgsql;

namespace Ecom.Aspire.Api.Apis;

/// <summary>
/// Output caching of the analytics answers (derived from the warehouse, which changes only when the ETL loads). An
/// answer is cached under the warehouse version current when its request arrived (<see cref="AnalyticsCacheInvalidator"/>
/// watches <c>dw.etl_state.version</c>) and every query string; when the version moves, the entries of the
/// <see cref="Tag"/> tag are evicted, and an answer computed during a load is stored under the old version, which no
/// later request asks for. Only successful answers are cached (never a 400).
/// </summary>
public static class AnalyticsCache
{
    public const string Policy = "analytics";
    public const string Tag = "analytics";

    /// <summary>Seconds between two checks of the warehouse version (configuration Ecom:AnalyticsCacheCheckSeconds, default 5).</summary>
    public const string CheckSecondsSetting = "Ecom:AnalyticsCacheCheckSeconds";

    /// <summary>
    /// false turns the output cache of the analytics answers off (configuration Ecom:AnalyticsCacheEnabled, default true):
    /// every request is computed, as the analytics benchmark's uncached pass measures.
    /// </summary>
    public const string EnabledSetting = "Ecom:AnalyticsCacheEnabled";

    public static IHostApplicationBuilder AddAnalyticsCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AnalyticsCacheInvalidator>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AnalyticsCacheInvalidator>());
        if (!builder.Configuration.GetValue(EnabledSetting, true))
        {
            builder.Services.AddOutputCache(options => options.AddPolicy(Policy, policy => policy.NoCache()));
            return builder;
        }
        builder.Services.AddOutputCache(options => options.AddPolicy(Policy, policy => policy
            .Expire(TimeSpan.FromHours(1))
            .Tag(Tag)
            .VaryByValue(context => new KeyValuePair<string, string>("dw-version",
                context.RequestServices.GetRequiredService<AnalyticsCacheInvalidator>().KnownVersion?.ToString(CultureInfo.InvariantCulture) ?? "unknown"))));
        return builder;
    }
}

/// <summary>
/// Checks the warehouse version every few seconds and evicts the cached analytics answers when it moved. Until the
/// first successful check (the warehouse may not exist yet) answers are cached under the version "unknown".
/// </summary>
public sealed class AnalyticsCacheInvalidator(
    NpgsqlDataSource dataSource, IOutputCacheStore store, IConfiguration configuration, ILogger<AnalyticsCacheInvalidator> logger) : BackgroundService
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private long knownVersion = -1;

    /// <summary>The warehouse version of the last check; null before the first successful one.</summary>
    public long? KnownVersion => Interlocked.Read(ref knownVersion) is var version and >= 0 ? version : null;

    /// <summary>Reads the version; when it differs from the known one, evicts the cached answers. True when it evicted.</summary>
    public async Task<bool> CheckAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var version = await WarehouseVersion.ReadAsync(dataSource, ct);
            if (version == knownVersion) return false;
            // Answers are keyed by the version known when their request arrived: from the exchange below on, requests
            // ask for the new version's answers; those of the old one (even one stored after this eviction) are never served again.
            await store.EvictByTagAsync(AnalyticsCache.Tag, ct);
            Interlocked.Exchange(ref knownVersion, version);
            logger.LogInformation("Warehouse version {Version}: cached analytics answers evicted", version);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(AnalyticsCache.CheckSecondsSetting, 5.0);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(seconds, 0.1)));
        try
        {
            do
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not read the warehouse version; analytics answers stay cached under version {Version}", KnownVersion);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }
}
