using System.Globalization;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// The RFM scores and segment of one customer, by the definitions of <see cref="RfmAnalytics"/>: the scores from its
/// limits (<see cref="RfmAnalytics.RecencyLimits"/>, <see cref="RfmAnalytics.FrequencyLimits"/> and the period's
/// monetary quintiles, <see cref="RfmThresholds.Monetary"/>), the segment from the first of
/// <see cref="RfmAnalytics.SegmentRules"/> whose rule holds (the rules' own text is evaluated, so the two cannot differ).
/// </summary>
public static class RfmScoring
{
    /// <summary>5 within the first recency limit (30 days), one less past each further limit, 1 past the last.</summary>
    public static int Recency(decimal days) => 5 - Exceeded(RfmAnalytics.RecencyLimits, days);

    /// <summary>1 + the number of frequency limits the orders exceed (1 order = 1, ..., 6 or more = 5).</summary>
    public static int Frequency(decimal orders) => 1 + Exceeded(RfmAnalytics.FrequencyLimits, orders);

    /// <summary>1 + the number of the period's monetary quintile limits the value exceeds.</summary>
    public static int Monetary(decimal value, IReadOnlyList<decimal> monetaryLimits) => 1 + Exceeded(monetaryLimits, value);

    /// <summary>
    /// The same in centavos, for scoring every customer of a period: <paramref name="limitCents"/> are the limits
    /// (rounded to centavos, as returned) times 100, so the comparisons are those of <see cref="Monetary(decimal, IReadOnlyList{decimal})"/>.
    /// </summary>
    public static int Monetary(long cents, long[] limitCents)
    {
        var count = 0;
        foreach (var limit in limitCents) if (cents > limit) count++;
        return 1 + count;
    }

    /// <summary>How many of the limits the value exceeds.</summary>
    private static int Exceeded(IReadOnlyList<decimal> limits, decimal value)
    {
        var count = 0;
        for (var i = 0; i < limits.Count; i++) if (value > limits[i]) count++;
        return count;
    }

    /// <summary>The first segment of <see cref="RfmAnalytics.SegmentRules"/> whose rule holds for the scores.</summary>
    public static (string Name, string Rule) Segment(int r, int f, int m) =>
        RfmAnalytics.SegmentRules.First(rule => Holds(rule.Rule, r, f, m));

    /// <summary>Evaluates a rule such as "R >= 4 and F >= 4 and M >= 4" ("any other" always holds).</summary>
    internal static bool Holds(string rule, int r, int f, int m)
    {
        if (rule == "any other") return true;
        foreach (var condition in rule.Split(" and ", StringSplitOptions.TrimEntries))
        {
            var parts = condition.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3) throw new FormatException($"RFM rule condition '{condition}' is not of the form 'X op N'.");
            var score = parts[0] switch
            {
                "R" => r,
                "F" => f,
                "M" => m,
                _ => throw new FormatException($"RFM rule condition '{condition}' names no score (R, F or M)."),
            };
            var limit = int.Parse(parts[2], CultureInfo.InvariantCulture);
            var holds = parts[1] switch
            {
                ">=" => score >= limit,
                "<=" => score <= limit,
                "=" => score == limit,
                ">" => score > limit,
                "<" => score < limit,
                _ => throw new FormatException($"RFM rule condition '{condition}' has an unknown operator."),
            };
            if (!holds) return false;
        }
        return true;
    }
}
