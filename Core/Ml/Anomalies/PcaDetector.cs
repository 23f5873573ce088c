using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>
/// The ML.NET detector: randomized PCA (rank <see cref="Rank"/>, centred) on the mean-variance normalised
/// <see cref="Features"/> of orders. Its score (0..1, ML.NET's normalised reconstruction error) is high when an
/// order does not fit the few directions in which ordinary orders vary. Trained on unlabelled orders only.
/// </summary>
public sealed class PcaDetector
{
    public const int Rank = 4;

    /// <summary>Feature names, in the order of <see cref="Features"/>.</summary>
    public static readonly string[] Names =
    [
        "items", "units of one product", "lowest price / list price", "highest price / list price", "freight / price",
        "freight", "order total", "shipped to another state", "orders within an hour", "account age (days)",
        "earlier orders", "total / earlier average", "canceled",
    ];

    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly double[] _median;
    private readonly double[] _mean;
    private readonly double[] _std;

    private PcaDetector(MLContext ml, ITransformer model, double[] median, double[] mean, double[] std)
    {
        _ml = ml;
        _model = model;
        _median = median;
        _mean = mean;
        _std = std;
    }

    /// <summary>
    /// The features, each made comparable across orders: log of counts and amounts, the absolute log of price ratios
    /// (0 = list price), 0/1 flags.
    /// </summary>
    public static float[] Features(OrderProfile o) =>
    [
        (float)Math.Log(o.Items),
        (float)Math.Log(Math.Max(1, o.MaxUnits)),
        (float)Math.Abs(Math.Log(Math.Max(1e-3, o.MinPriceRatio))),
        (float)Math.Abs(Math.Log(Math.Max(1e-3, o.MaxPriceRatio))),
        (float)Math.Log(1 + o.MaxFreightRatio),
        (float)Math.Log(1 + o.FreightTotal),
        (float)Math.Log(1 + o.Total),
        o.ShippedElsewhere ? 1 : 0,
        (float)Math.Log(o.BurstSize),
        (float)Math.Log(1 + Math.Max(0, o.AccountAgeHours) / 24),
        (float)Math.Log(1 + o.PriorOrders),
        o.PriorOrders == 0 ? 0 : (float)Math.Clamp(Math.Log((o.Total + 1) / (o.PriorMeanTotal + 1)), -5, 5),
        o.Status == Model.OrderStatuses.Canceled ? 1 : 0,
    ];

    public static PcaDetector Train(IReadOnlyList<OrderProfile> orders, int seed)
    {
        var ml = new MLContext(seed);
        var rows = orders.Select(o => new Row { Features = Features(o) }).ToList();
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(ml.AnomalyDetection.Trainers.RandomizedPca(new RandomizedPcaTrainer.Options
            {
                FeatureColumnName = nameof(Row.Features),
                Rank = Rank,
                EnsureZeroMean = true,
                Seed = seed,
            }));
        var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
        var n = Names.Length;
        var median = new double[n];
        var mean = new double[n];
        var std = new double[n];
        for (var f = 0; f < n; f++)
        {
            var values = rows.Select(r => (double)r.Features[f]).ToArray();
            Array.Sort(values);
            median[f] = values.Length == 0 ? 0 : values[values.Length / 2];
            mean[f] = values.Length == 0 ? 0 : values.Average();
            std[f] = values.Length < 2 ? 1 : Math.Sqrt(values.Sum(v => (v - mean[f]) * (v - mean[f])) / (values.Length - 1));
            if (std[f] < 1e-9) std[f] = 1;
        }
        return new PcaDetector(ml, model, median, mean, std);
    }

    public double[] Score(IReadOnlyList<OrderProfile> orders)
    {
        if (orders.Count == 0) return [];
        var data = _ml.Data.LoadFromEnumerable(orders.Select(o => new Row { Features = Features(o) }));
        return [.. _ml.Data.CreateEnumerable<Output>(_model.Transform(data), reuseRowObject: false).Select(o => (double)o.Score)];
    }

    /// <summary>The reason of a PCA flag: the two features furthest from the training orders (in standard deviations).</summary>
    public string Explain(OrderProfile o, double score)
    {
        var x = Features(o);
        var top = Enumerable.Range(0, Names.Length)
            .OrderByDescending(f => Math.Abs((x[f] - _mean[f]) / _std[f])).ThenBy(f => f).Take(2)
            .Select(f => $"{Names[f]} {Display(f, o)} (typical {Typical(f)})");
        return string.Create(CultureInfo.InvariantCulture, $"unusual for the PCA model (score {score:0.000}): {string.Join("; ", top)}");
    }

    private static string Display(int f, OrderProfile o) => f switch
    {
        0 => o.Items.ToString(CultureInfo.InvariantCulture),
        1 => o.MaxUnits.ToString(CultureInfo.InvariantCulture),
        2 => o.MinPriceRatio.ToString("0.00", CultureInfo.InvariantCulture),
        3 => o.MaxPriceRatio.ToString("0.00", CultureInfo.InvariantCulture),
        4 => o.MaxFreightRatio.ToString("0.00", CultureInfo.InvariantCulture),
        5 => AnomalyRules.Money(o.FreightTotal),
        6 => AnomalyRules.Money(o.Total),
        7 => o.ShippedElsewhere ? "yes" : "no",
        8 => o.BurstSize.ToString(CultureInfo.InvariantCulture),
        9 => (o.AccountAgeHours / 24).ToString("0.0", CultureInfo.InvariantCulture),
        10 => o.PriorOrders.ToString(CultureInfo.InvariantCulture),
        11 => o.PriorOrders == 0 ? "-" : ((o.Total + 1) / (o.PriorMeanTotal + 1)).ToString("0.0", CultureInfo.InvariantCulture),
        _ => o.Status,
    };

    /// <summary>The training median of feature f, back in its own unit.</summary>
    private string Typical(int f)
    {
        var m = _median[f];
        return f switch
        {
            0 or 1 or 8 => Math.Exp(m).ToString("0", CultureInfo.InvariantCulture),
            2 or 3 => "within " + Math.Exp(m).ToString("0.00", CultureInfo.InvariantCulture) + "x of the list price",
            4 => (Math.Exp(m) - 1).ToString("0.00", CultureInfo.InvariantCulture),
            5 or 6 => AnomalyRules.Money(Math.Exp(m) - 1),
            7 => m >= 0.5 ? "yes" : "no",
            9 or 10 => (Math.Exp(m) - 1).ToString("0.0", CultureInfo.InvariantCulture),
            11 => Math.Exp(m).ToString("0.0", CultureInfo.InvariantCulture),
            _ => m >= 0.5 ? "canceled" : "not canceled",
        };
    }

    /// <summary>The model as an ML.NET zip (stored with the run).</summary>
    public byte[] ToZip()
    {
        using var stream = new MemoryStream();
        var schema = _ml.Data.LoadFromEnumerable(Array.Empty<Row>()).Schema;
        _ml.Model.Save(_model, schema, stream);
        return stream.ToArray();
    }

    private sealed class Row
    {
        [VectorType(13)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Output
    {
        public float Score { get; set; }
    }
}
