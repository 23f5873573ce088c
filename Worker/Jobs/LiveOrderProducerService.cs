using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Simulation.Runs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ecom.Aspire.Worker.Jobs;

/// <summary>
/// Runs the live producer (<see cref="LiveOrderProducer"/>) every Ecom:Live:BatchIntervalMs; a failed step is logged
/// and the next one tries again. Off with Ecom:Live:Enabled=false.
/// </summary>
public sealed class LiveOrderProducerService(LiveOrderProducer producer, LiveProducerOptions options, TimeProvider clock, ILogger<LiveOrderProducerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.BatchInterval, clock);
        try
        {
            do
            {
                try
                {
                    await producer.StepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Live producer step failed; the next step retries");
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            await producer.DisposeAsync();
        }
    }
}

public static class LiveOrderProducerRegistration
{
    /// <summary>The live producer and its settings (section Ecom:Live), running when Ecom:Live:Enabled is not false.</summary>
    public static IHostApplicationBuilder AddLiveOrderProducer(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(LiveProducerOptions.Section);
        var defaults = new LiveProducerOptions();
        var options = new LiveProducerOptions
        {
            Enabled = section.GetValue(nameof(LiveProducerOptions.Enabled), defaults.Enabled),
            BatchIntervalMs = section.GetValue(nameof(LiveProducerOptions.BatchIntervalMs), defaults.BatchIntervalMs),
            StatusIntervalMs = section.GetValue(nameof(LiveProducerOptions.StatusIntervalMs), defaults.StatusIntervalMs),
            MaxWindowSeconds = section.GetValue(nameof(LiveProducerOptions.MaxWindowSeconds), defaults.MaxWindowSeconds),
            MaxGapSeconds = section.GetValue(nameof(LiveProducerOptions.MaxGapSeconds), defaults.MaxGapSeconds),
            StatusBatchSize = section.GetValue(nameof(LiveProducerOptions.StatusBatchSize), defaults.StatusBatchSize),
        };
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton<SimulatorCache>();
        builder.Services.AddSingleton<LiveOrderProducer>();
        if (options.Enabled) builder.Services.AddHostedService<LiveOrderProducerService>();
        return builder;
    }
}
