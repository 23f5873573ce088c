using System.Diagnostics;
using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

/// <summary>
/// One small simulated run shared by the simulation tests: 12,000 customers over 2017–2018 (before Pix, so Olist's
/// payment mix applies), "now" on the afternoon of its last day so that the last hours are still in progress.
/// </summary>
public sealed class SimulatedDataset
{
    public const int RunId = 7;
    public static readonly DateTimeOffset Now = new(2018, 12, 31, 17, 30, 0, TimeSpan.Zero);

    public static SimulationParameters Parameters { get; } = new SimulationParameters
    {
        From = new DateOnly(2017, 1, 1),
        To = new DateOnly(2018, 12, 31),
        Customers = 12_000,
        Seed = 42,
    }.Resolve(Now);

    public MarketplaceSimulator Simulator { get; }
    public ChunkData World { get; }
    public IReadOnlyList<ChunkData> Months { get; }
    public IReadOnlyList<Order> Orders { get; }
    public IReadOnlyList<FraudLabel> Labels { get; }
    public IReadOnlyDictionary<long, Customer> CustomersById { get; }
    public TimeSpan GenerationTime { get; }

    public SimulatedDataset()
    {
        Simulator = new MarketplaceSimulator(Parameters, RunId);
        World = Simulator.Generate(Simulator.Chunks[0]);
        var sw = Stopwatch.StartNew();
        Months = [.. Simulator.Chunks.Skip(1).Select(Simulator.Generate)];
        GenerationTime = sw.Elapsed;
        Orders = [.. Months.SelectMany(m => m.Orders)];
        Labels = [.. Months.SelectMany(m => m.Labels)];
        CustomersById = World.Customers.ToDictionary(c => c.Id);
    }
}

[CollectionDefinition(Name)]
public sealed class SimulationCollection : ICollectionFixture<SimulatedDataset>
{
    public const string Name = "simulated dataset";
}
