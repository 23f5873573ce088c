namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>
/// Precision, recall and F1 of one category against sim.labels. Precision = flagged orders of the category that carry
/// a label of that kind / flagged orders of the category; recall = labelled orders of the kind that were flagged with
/// the category / labelled orders of the kind; F1 = their harmonic mean. Null where a denominator is 0. For
/// <see cref="AnomalyCategories.UnusualOrder"/> (no label kind), a flag counts as right when the order carries any
/// label, and recall is null. "overall" is detection whatever the category: flagged orders that carry any label /
/// flagged orders, and labelled orders flagged / labelled orders.
/// </summary>
public sealed record CategoryMetrics(string Category, int Flagged, int Labelled, int TruePositives, double? Precision, double? Recall, double? F1)
{
    public const string Overall = "overall";

    public static CategoryMetrics Of(string category, int flagged, int labelled, int truePositives, bool hasRecall = true)
    {
        double? precision = flagged == 0 ? null : (double)truePositives / flagged;
        double? recall = !hasRecall || labelled == 0 ? null : (double)truePositives / labelled;
        double? f1 = precision is { } p && recall is { } r && p + r > 0 ? 2 * p * r / (p + r) : null;
        return new(category, flagged, labelled, truePositives, precision, recall, f1);
    }
}

/// <summary>Scores flagged orders against the labels.</summary>
public static class AnomalyEvaluation
{
    /// <param name="flags">Order id → category of every flagged order of the slice.</param>
    /// <param name="labels">Order id → label kind of every labelled order of the slice.</param>
    /// <returns>One line per category (<see cref="AnomalyCategories.All"/>), then "overall".</returns>
    public static IReadOnlyList<CategoryMetrics> Evaluate(IReadOnlyDictionary<long, string> flags, IReadOnlyDictionary<long, string> labels)
    {
        var result = new List<CategoryMetrics>();
        foreach (var category in AnomalyCategories.All)
        {
            var flagged = flags.Where(f => f.Value == category).Select(f => f.Key).ToList();
            if (category == AnomalyCategories.UnusualOrder)
            {
                result.Add(CategoryMetrics.Of(category, flagged.Count, 0, flagged.Count(labels.ContainsKey), hasRecall: false));
                continue;
            }
            var labelled = labels.Count(l => l.Value == category);
            var hits = flagged.Count(id => labels.TryGetValue(id, out var kind) && kind == category);
            result.Add(CategoryMetrics.Of(category, flagged.Count, labelled, hits));
        }
        result.Add(CategoryMetrics.Of(CategoryMetrics.Overall, flags.Count, labels.Count, flags.Keys.Count(labels.ContainsKey)));
        return result;
    }
}
