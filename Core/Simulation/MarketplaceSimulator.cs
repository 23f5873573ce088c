namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// The deterministic marketplace generator. Chunk 0 is the world (customers, sellers, products, market events); chunks
/// 1..n are calendar months of orders. The same resolved parameters and run id give the same rows for every chunk,
/// whatever ran before, in which order, and on how many threads. Pure logic: no database.
/// </summary>
public sealed class MarketplaceSimulator
{
    private readonly SimulationParameters _parameters;
    private readonly int _runId;
    private readonly Timeline _timeline;
    private readonly Lazy<World> _world;

    /// <param name="resolvedParameters">Valid parameters with <see cref="SimulationParameters.Now"/> set (<see cref="SimulationParameters.Resolve"/>).</param>
    /// <param name="runId">The run the rows belong to (their RunId and id range).</param>
    public MarketplaceSimulator(SimulationParameters resolvedParameters, int runId)
    {
        ArgumentNullException.ThrowIfNull(resolvedParameters);
        if (resolvedParameters.Now is null) throw new ArgumentException("resolve the parameters first (Now is not set)", nameof(resolvedParameters));
        var problems = resolvedParameters.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(resolvedParameters));
        if (runId is < 0 or > 90_000_000) throw new ArgumentOutOfRangeException(nameof(runId), runId, "run ids must be between 0 and 90,000,000");
        _parameters = resolvedParameters;
        _runId = runId;
        _timeline = new Timeline(resolvedParameters);
        for (var m = 1; m < _timeline.Chunks.Count; m++)
            if (_timeline.ExpectedOrders[m] * 1.3 > IdSpace.ChunkSpan)
                throw new ArgumentException($"{_timeline.Chunks[m].From:yyyy-MM} would have about {_timeline.ExpectedOrders[m]:N0} orders, more than a chunk holds ({IdSpace.ChunkSpan:N0}); use fewer customers or a longer period", nameof(resolvedParameters));
        _world = new Lazy<World>(() => new World(_parameters, _runId, _timeline), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public SimulationParameters Parameters => _parameters;

    public int RunId => _runId;

    /// <summary>Chunk 0 = the world; chunks 1..n = calendar months between From and To (the first and last may be partial).</summary>
    public IReadOnlyList<ChunkSpec> Chunks => _timeline.Chunks;

    /// <summary>Expected number of orders of the whole run (for progress bars), known without building the world.</summary>
    public long EstimatedOrders => _timeline.EstimatedOrders;

    /// <summary>Expected orders of one chunk (0 for the world).</summary>
    public long EstimatedOrdersOf(int chunkNo) => chunkNo <= 0 || chunkNo >= _timeline.Chunks.Count ? 0 : (long)Math.Round(_timeline.ExpectedOrders[chunkNo]);

    /// <summary>The rows of one chunk. Thread-safe; the world is built once (on first use) and shared.</summary>
    public ChunkData Generate(ChunkSpec chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.No < 0 || chunk.No >= _timeline.Chunks.Count || _timeline.Chunks[chunk.No] != chunk)
            throw new ArgumentException($"chunk {chunk.No} ({chunk.From:yyyy-MM-dd}..{chunk.To:yyyy-MM-dd}) is not a chunk of this run", nameof(chunk));
        var world = _world.Value;
        if (chunk.IsWorld)
        {
            var data = new ChunkData(chunk);
            data.Customers.AddRange(world.CustomerRows());
            data.Sellers.AddRange(world.Sellers);
            data.Products.AddRange(world.Products);
            data.MarketEvents.AddRange(world.MarketEvents);
            return data;
        }
        return new OrderChunkGenerator(world, _parameters, _runId, chunk).Generate();
    }

    /// <summary>
    /// Live mode: the orders placed in [<paramref name="from"/>, <paramref name="to"/>) (whole seconds; sub-second
    /// parts are dropped) by this world's customers, products and sellers, for live run <paramref name="liveRunId"/>.
    /// Their number is Poisson(<paramref name="ordersPerSecond"/> × seconds × <see cref="RetailCalendar.LiveDemandFactor"/>
    /// per hour); customers are those active on the day (<see cref="LiveCustomerPool"/>); baskets, prices, freight,
    /// payments and fraud labels come from the same per-order code as history orders (no card-testing bursts: they
    /// need new accounts); dates and status are those of <see cref="LiveOrderTimeline"/> at <paramref name="to"/>.
    /// Order ids are live sequence numbers <paramref name="firstOrderSeq"/>, +1, ... (<see cref="LiveIds"/>). The same
    /// window, rate and first sequence number give the same rows. Thread-safe.
    /// </summary>
    public ChunkData GenerateLive(DateTimeOffset from, DateTimeOffset to, double ordersPerSecond, long firstOrderSeq, int liveRunId)
    {
        var fromSec = from.ToUnixTimeSeconds();
        var toSec = to.ToUnixTimeSeconds();
        if (toSec <= fromSec) throw new ArgumentException($"the window {from:O}..{to:O} is empty", nameof(to));
        if (double.IsNaN(ordersPerSecond) || ordersPerSecond < 0 || ordersPerSecond > 100_000) throw new ArgumentOutOfRangeException(nameof(ordersPerSecond), ordersPerSecond, "the rate must be between 0 and 100,000 orders per second");
        if (liveRunId == _runId || liveRunId is < 0 or > 90_000_000) throw new ArgumentOutOfRangeException(nameof(liveRunId), liveRunId, "a live run id other than the history run's");
        ArgumentOutOfRangeException.ThrowIfNegative(firstOrderSeq);
        var day = SaoPauloTime.DateOf(from);
        var pool = _livePool;
        if (pool is null || pool.Day != day) _livePool = pool = new LiveCustomerPool(_world.Value, day);
        return OrderChunkGenerator.GenerateLive(_world.Value, _parameters, liveRunId, fromSec, toSec, ordersPerSecond, firstOrderSeq, pool);
    }

    private volatile LiveCustomerPool? _livePool;

    /// <summary>The rows of chunk number <paramref name="chunkNo"/>.</summary>
    public ChunkData Generate(int chunkNo) =>
        chunkNo >= 0 && chunkNo < _timeline.Chunks.Count
            ? Generate(_timeline.Chunks[chunkNo])
            : throw new ArgumentOutOfRangeException(nameof(chunkNo), chunkNo, $"this run has chunks 0..{_timeline.Chunks.Count - 1}");
}
