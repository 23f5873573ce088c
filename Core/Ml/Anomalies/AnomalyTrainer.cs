using System.Text.Json.Serialization;

namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>An order the detector flags.</summary>
/// <param name="Source">rule (a readable rule named the category) or pca (the PCA score alone).</param>
public sealed record FlaggedOrder(long OrderId, DateTimeOffset PurchasedAt, string Category, string Source, double Score, double Total, string Reason);

/// <summary>A time slice of the orders.</summary>
public sealed record OrderSlice(string Name, DateTimeOffset From, DateTimeOffset To, int Orders, int Labelled);

/// <summary>What the anomaly training measured (stored as the run's metrics).</summary>
/// <param name="Slices">train (the PCA learns), validation (the threshold is chosen), evaluation (the metrics).</param>
/// <param name="PcaThreshold">PCA score from which an order no rule caught is flagged; null when the PCA flags nothing more.</param>
/// <param name="PcaThresholdPercentile">That threshold as a percentile of the validation scores.</param>
/// <param name="Evaluation">Per category and overall, on the evaluation slice: the detector (rules + PCA).</param>
/// <param name="Validation">The same on the validation slice at the chosen threshold.</param>
/// <param name="RulesOnly">Overall on the evaluation slice with the rules alone.</param>
/// <param name="PcaOnly">Overall on the evaluation slice with the PCA alone, at the same share of flags as the whole detector.</param>
/// <param name="FlaggedByCategory">Flags over all orders, per category.</param>
public sealed record AnomalyReport(
    IReadOnlyList<OrderSlice> Slices, double? PcaThreshold, double? PcaThresholdPercentile,
    IReadOnlyList<CategoryMetrics> Evaluation, IReadOnlyList<CategoryMetrics> Validation,
    CategoryMetrics RulesOnly, CategoryMetrics PcaOnly, IReadOnlyDictionary<string, int> FlaggedByCategory, int Orders)
{
    public CategoryMetrics OverallEvaluation => Evaluation.First(m => m.Category == CategoryMetrics.Overall);

    [JsonIgnore] public IReadOnlyList<FlaggedOrder> Flagged { get; init; } = [];
    [JsonIgnore] public byte[]? ModelZip { get; init; }
}

/// <summary>
/// Trains and evaluates the anomaly detector. Orders are cut by purchase time into three slices: the oldest
/// <see cref="TrainShare"/> trains the PCA (no labels used), the next <see cref="ValidationShare"/> chooses the PCA
/// threshold (the candidate percentiles of the validation scores, or no PCA flag at all, whichever gives the detector
/// the best overall F1 against the labels of that slice; ties go to fewer flags; without labels the 99.5th
/// percentile), and the newest slice, never seen before, gives the reported precision, recall and F1. Every order is
/// then flagged by the rules first (their category and reason) and, failing a rule, by a PCA score at or above the
/// threshold (category unusual_order).
/// </summary>
public sealed class AnomalyTrainer(int seed)
{
    public const double TrainShare = 0.6;
    public const double ValidationShare = 0.2;
    public const double DefaultPercentile = 0.995;
    public static readonly double[] CandidatePercentiles = [0.9, 0.95, 0.98, 0.99, 0.995, 0.998, 0.999];

    public AnomalyReport Train(IReadOnlyList<OrderProfile> orders, IReadOnlyDictionary<long, string> labels)
    {
        if (orders.Count < 100) throw new InvalidOperationException($"{orders.Count} orders: at least 100 are needed to train the anomaly detector");
        var trainEnd = (int)(orders.Count * TrainShare);
        var validationEnd = (int)(orders.Count * (TrainShare + ValidationShare));
        var train = orders.Take(trainEnd).ToList();
        var validation = orders.Skip(trainEnd).Take(validationEnd - trainEnd).ToList();
        var evaluation = orders.Skip(validationEnd).ToList();

        var pca = PcaDetector.Train(train, seed);
        var scores = pca.Score(orders);
        var rules = orders.Select(AnomalyRules.Match).ToArray();

        // Threshold on the validation slice.
        var validationScores = scores.Skip(trainEnd).Take(validation.Count).ToList();
        var validationLabels = LabelsOf(validation, labels);
        double? threshold;
        double? percentile;
        if (validationLabels.Count == 0)
        {
            percentile = DefaultPercentile;
            threshold = Forecasting.ForecastMath.Quantile(validationScores, DefaultPercentile);
        }
        else
        {
            (threshold, percentile) = (null, null);
            var best = Overall(Flags(trainEnd, validation.Count, null), validationLabels).F1 ?? -1;
            foreach (var p in CandidatePercentiles.Reverse())
            {
                var t = Forecasting.ForecastMath.Quantile(validationScores, p);
                var f1 = Overall(Flags(trainEnd, validation.Count, t), validationLabels).F1 ?? -1;
                if (f1 > best) (best, threshold, percentile) = (f1, t, p);
            }
        }

        var evaluationLabels = LabelsOf(evaluation, labels);
        var evaluationFlags = Flags(validationEnd, evaluation.Count, threshold);
        var rulesOnly = Overall(Flags(validationEnd, evaluation.Count, null), evaluationLabels);
        // The PCA alone, flagging as many evaluation orders as the whole detector does.
        var pcaOnlyFlags = Enumerable.Range(validationEnd, evaluation.Count)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(evaluationFlags.Count)
            .ToDictionary(i => orders[i].OrderId, _ => AnomalyCategories.UnusualOrder);
        var pcaOnly = Overall(pcaOnlyFlags, evaluationLabels);

        var flagged = new List<FlaggedOrder>();
        for (var i = 0; i < orders.Count; i++)
        {
            var o = orders[i];
            if (rules[i] is { } rule) flagged.Add(new(o.OrderId, o.PurchasedAt, rule.Category, "rule", scores[i], o.Total, rule.Reason));
            else if (threshold is { } t && scores[i] >= t)
                flagged.Add(new(o.OrderId, o.PurchasedAt, AnomalyCategories.UnusualOrder, "pca", scores[i], o.Total, pca.Explain(o, scores[i])));
        }

        return new AnomalyReport(
            [Slice("train", train, labels), Slice("validation", validation, labels), Slice("evaluation", evaluation, labels)],
            threshold, percentile,
            AnomalyEvaluation.Evaluate(evaluationFlags, evaluationLabels),
            AnomalyEvaluation.Evaluate(Flags(trainEnd, validation.Count, threshold), validationLabels),
            rulesOnly with { Category = "rules_only" }, pcaOnly with { Category = "pca_only" },
            AnomalyCategories.All.ToDictionary(c => c, c => flagged.Count(f => f.Category == c)),
            orders.Count)
        {
            Flagged = flagged,
            ModelZip = pca.ToZip(),
        };

        Dictionary<long, string> Flags(int from, int count, double? t)
        {
            var result = new Dictionary<long, string>();
            for (var i = from; i < from + count; i++)
            {
                if (rules[i] is { } rule) result[orders[i].OrderId] = rule.Category;
                else if (t is { } th && scores[i] >= th) result[orders[i].OrderId] = AnomalyCategories.UnusualOrder;
            }
            return result;
        }
    }

    private static CategoryMetrics Overall(IReadOnlyDictionary<long, string> flags, IReadOnlyDictionary<long, string> labels) =>
        AnomalyEvaluation.Evaluate(flags, labels)[^1];

    private static Dictionary<long, string> LabelsOf(IEnumerable<OrderProfile> slice, IReadOnlyDictionary<long, string> labels)
    {
        var result = new Dictionary<long, string>();
        foreach (var o in slice) if (labels.TryGetValue(o.OrderId, out var kind)) result[o.OrderId] = kind;
        return result;
    }

    private static OrderSlice Slice(string name, List<OrderProfile> slice, IReadOnlyDictionary<long, string> labels) =>
        new(name, slice.Count == 0 ? default : slice[0].PurchasedAt, slice.Count == 0 ? default : slice[^1].PurchasedAt,
            slice.Count, slice.Count(o => labels.ContainsKey(o.OrderId)));
}
