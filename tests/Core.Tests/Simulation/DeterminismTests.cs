using System.Collections.Concurrent;
using System.Text.Json;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

public sealed class DeterminismTests
{
    private static readonly SimulationParameters Small = new SimulationParameters
    {
        From = new DateOnly(2023, 9, 10),
        To = new DateOnly(2024, 2, 20),
        Customers = 3_000,
        Seed = 1234,
    }.Resolve(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static ulong[] Sequential(MarketplaceSimulator sim) => [.. sim.Chunks.Select(c => Checksum.Of(sim.Generate(c)))];

    [Fact]
    public void Same_parameters_give_identical_chunks()
    {
        var a = Sequential(new MarketplaceSimulator(Small, 3));
        var b = Sequential(new MarketplaceSimulator(Small, 3));
        Assert.Equal(a, b);
        Assert.Equal(a.Length, a.Distinct().Count());
    }

    [Fact]
    public void Chunks_in_reverse_order_and_in_parallel_are_identical()
    {
        var expected = Sequential(new MarketplaceSimulator(Small, 3));

        var reverse = new MarketplaceSimulator(Small, 3);
        var reversed = new ulong[expected.Length];
        for (var i = reverse.Chunks.Count - 1; i >= 0; i--) reversed[i] = Checksum.Of(reverse.Generate(reverse.Chunks[i]));
        Assert.Equal(expected, reversed);

        var parallel = new MarketplaceSimulator(Small, 3);
        var results = new ConcurrentDictionary<int, ulong>();
        // Twice each, on several threads at once: the world is built once and chunks share nothing else.
        Parallel.ForEach(parallel.Chunks.Concat(parallel.Chunks).Reverse(), new ParallelOptions { MaxDegreeOfParallelism = 4 }, c =>
        {
            var sum = Checksum.Of(parallel.Generate(c));
            results.AddOrUpdate(c.No, sum, (_, old) => old == sum ? sum : throw new InvalidOperationException($"chunk {c.No} differed between two runs"));
        });
        Assert.Equal(expected, results.OrderBy(kv => kv.Key).Select(kv => kv.Value));
    }

    [Fact]
    public void Parameters_stored_as_json_reproduce_the_run()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(Small, options);
        var back = JsonSerializer.Deserialize<SimulationParameters>(json, options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(Sequential(new MarketplaceSimulator(Small, 5)), Sequential(new MarketplaceSimulator(back, 5)));
    }

    [Fact]
    public void Seed_and_run_change_the_rows()
    {
        var baseline = new MarketplaceSimulator(Small, 3);
        var otherSeed = new MarketplaceSimulator(Small with { Seed = 99 }, 3);
        Assert.NotEqual(Checksum.Of(baseline.Generate(baseline.Chunks[2])), Checksum.Of(otherSeed.Generate(otherSeed.Chunks[2])));

        var otherRun = new MarketplaceSimulator(Small, 4).Generate(2);
        Assert.All(otherRun.Orders, o => Assert.Equal(4, o.RunId));
        var (from, to) = IdSpace.Range(4, 2);
        Assert.All(otherRun.Orders, o => Assert.InRange(o.Id, from, to - 1));
    }

    [Fact]
    public void Chunks_are_months_between_from_and_to()
    {
        var sim = new MarketplaceSimulator(Small, 3);
        Assert.Equal(new ChunkSpec(0, Small.From, Small.To.AddDays(1)), sim.Chunks[0]);
        Assert.Equal(new ChunkSpec(1, new DateOnly(2023, 9, 10), new DateOnly(2023, 10, 1)), sim.Chunks[1]);
        Assert.Equal(new ChunkSpec(6, new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 21)), sim.Chunks[^1]);
        Assert.Equal(7, sim.Chunks.Count);
        Assert.Throws<ArgumentException>(() => sim.Generate(new ChunkSpec(2, new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1))));
    }

    [Fact]
    public void Orders_scale_linearly_with_customers()
    {
        var baseline = Small with { Customers = 50_000 };
        var doubled = Small with { Customers = 100_000 };
        var a = new MarketplaceSimulator(baseline, 1).EstimatedOrders;
        var b = new MarketplaceSimulator(doubled, 1).EstimatedOrders;
        Assert.InRange(b / (double)a, 1.95, 2.05);
    }
}
