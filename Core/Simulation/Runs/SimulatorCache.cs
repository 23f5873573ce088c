using System.Collections.Concurrent;
using Npgsql;

namespace Ecom.Aspire.Core.Simulation.Runs;

/// <summary>
/// One <see cref="MarketplaceSimulator"/> per run and process: its world (customers, sellers, products, events) is
/// rebuilt from the seed once, then every chunk this process runs for that run reuses it.
/// </summary>
public sealed class SimulatorCache(NpgsqlDataSource dataSource)
{
    private const int MaxRuns = 4;
    private readonly ConcurrentDictionary<int, Lazy<Task<MarketplaceSimulator>>> _simulators = new();

    public Task<MarketplaceSimulator> GetAsync(int runId, CancellationToken ct)
    {
        if (_simulators.Count >= MaxRuns && !_simulators.ContainsKey(runId))
        {
            foreach (var key in _simulators.Keys.Where(k => k != runId).Order().Take(_simulators.Count - MaxRuns + 1))
                _simulators.TryRemove(key, out _);
        }
        var lazy = _simulators.GetOrAdd(runId, id => new Lazy<Task<MarketplaceSimulator>>(() => CreateAsync(id)));
        var task = lazy.Value;
        if (task.IsFaulted) _simulators.TryRemove(new KeyValuePair<int, Lazy<Task<MarketplaceSimulator>>>(runId, lazy));
        return task.WaitAsync(ct);
    }

    /// <summary>Puts a simulator the caller already has (the command line builds it before creating the run).</summary>
    public void Add(int runId, MarketplaceSimulator simulator) =>
        _simulators[runId] = new Lazy<Task<MarketplaceSimulator>>(Task.FromResult(simulator));

    private async Task<MarketplaceSimulator> CreateAsync(int runId)
    {
        var parameters = await SimulationRunStore.LoadParametersAsync(dataSource, runId, CancellationToken.None)
            ?? throw new InvalidOperationException($"there is no history simulation run {runId}");
        return new MarketplaceSimulator(parameters, runId);
    }
}
