namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// Who may place live orders on a business day: the world's customers (already in shop.customers) who placed their
/// first order before the day starts (so they signed up before any order of the day) and have not churned by then,
/// weighted by their persona's purchase rate. Card-testing accounts and one-time buyers (no repeat rate) are left out;
/// live mode creates no new customers. When nobody is left (a world long past its customers' lifetimes), every
/// customer who ordered before the day may order, with equal weight.
/// </summary>
internal sealed class LiveCustomerPool
{
    private readonly int[] _customers;
    private readonly WeightedTable _table;

    public LiveCustomerPool(World world, DateOnly day)
    {
        Day = day;
        var start = SaoPauloTime.StartOfDay(day).ToUnixTimeSeconds();
        var active = new List<int>();
        var weights = new List<double>();
        for (var c = 0; c < world.CustFirstSec.Length && world.CustFirstSec[c] < start; c++)
        {
            if (world.CustTester[c] || world.CustRate[c] <= 0 || world.CustChurnSec[c] <= start) continue;
            active.Add(c);
            weights.Add(world.CustRate[c]);
        }
        if (active.Count == 0)
        {
            for (var c = 0; c < world.CustFirstSec.Length && world.CustFirstSec[c] < start; c++)
            {
                if (world.CustTester[c]) continue;
                active.Add(c);
                weights.Add(1);
            }
        }
        _customers = [.. active];
        _table = new WeightedTable([.. weights]);
    }

    public DateOnly Day { get; }

    public int Count => _customers.Length;

    /// <summary>A customer index of the world.</summary>
    public int Sample(ref SimRandom rng) => _customers[_table.Sample(ref rng)];
}
