using System.Globalization;

namespace Ecom.Aspire.Web.Services;

/// <summary>One class of a colour scale: values from <see cref="Low"/> to <see cref="High"/> get <see cref="Color"/>.</summary>
public sealed record ColorBucket(decimal Low, decimal High, string Color);

/// <summary>
/// A sequential colour scale for choropleths and heatmaps, in <see cref="Colors"/>.Count classes (the highest values
/// the darkest; a missing value gets <see cref="NoData"/>). Two ways to make the classes:
/// <list type="bullet">
/// <item>equal intervals (the constructor): [min, max] is cut into classes of equal width; a value's class =
/// floor((value − min) / (max − min) × classes), the maximum in the last; when every value is equal, all are in the
/// darkest class. Right for shares on one scale (retention);</item>
/// <item>ranks (<see cref="Ranked"/>): a value's class = round(rank × (classes − 1) / (n − 1)), rank = the position of
/// its first occurrence among the n values sorted (equal values share a class); the lowest value is in the lightest
/// class, the highest in the darkest, the others spread evenly. Right for skewed measures (São Paulo alone sells as
/// much as many states together: with equal intervals every other state would be the lightest).</item>
/// </list>
/// The legend (<see cref="Buckets"/>) gives each class's range. The palette is ColorBrewer's "Greens" (5 classes),
/// readable for the colour-blind and in grey print.
/// </summary>
public sealed class ColorScale
{
    public const string NoData = "#e0e0e0";

    public static readonly IReadOnlyList<string> Greens = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"];

    public decimal Min { get; }
    public decimal Max { get; }
    public IReadOnlyList<string> Colors { get; }

    /// <summary>The classes, lowest first, for the legend (empty when there is no value).</summary>
    public IReadOnlyList<ColorBucket> Buckets { get; }

    private readonly IReadOnlyList<decimal>? _ranked;

    /// <summary>A scale whose classes follow the ranks of the values (see the class summary).</summary>
    public static ColorScale Ranked(IEnumerable<decimal> values, IReadOnlyList<string>? colors = null) => new(values.Order().ToList(), colors, ranked: true);

    private ColorScale(List<decimal> sorted, IReadOnlyList<string>? colors, bool ranked)
    {
        Colors = colors ?? Greens;
        _ranked = sorted;
        if (sorted.Count == 0)
        {
            Buckets = [];
            return;
        }
        Min = sorted[0];
        Max = sorted[^1];
        Buckets = [.. sorted.GroupBy(v => ClassOf(v)).OrderBy(g => g.Key).Select(g => new ColorBucket(g.Min(), g.Max(), Colors[g.Key]))];
    }

    public ColorScale(IEnumerable<decimal> values, IReadOnlyList<string>? colors = null)
    {
        Colors = colors ?? Greens;
        var list = values.ToList();
        if (list.Count == 0)
        {
            Buckets = [];
            return;
        }
        Min = list.Min();
        Max = list.Max();
        var width = (Max - Min) / Colors.Count;
        Buckets = width == 0
            ? [new ColorBucket(Min, Max, Colors[^1])]
            : [.. Colors.Select((c, i) => new ColorBucket(Min + width * i, i == Colors.Count - 1 ? Max : Min + width * (i + 1), c))];
    }

    /// <summary>The class of <paramref name="value"/>: 0 (lightest) to Colors.Count − 1; −1 for a missing value.</summary>
    public int ClassOf(decimal? value)
    {
        if (value is not { } v) return -1;
        if (_ranked is { } sorted)
        {
            if (sorted.Count == 0) return -1;
            if (sorted.Count == 1) return Colors.Count - 1;
            var rank = 0;
            while (rank < sorted.Count - 1 && sorted[rank] < v) rank++;
            return (int)Math.Round(rank * (Colors.Count - 1) / (double)(sorted.Count - 1), MidpointRounding.AwayFromZero);
        }
        if (Buckets.Count == 0) return -1;
        if (Max == Min) return Colors.Count - 1;
        var index = (int)((v - Min) / (Max - Min) * Colors.Count);
        return Math.Clamp(index, 0, Colors.Count - 1);
    }

    public string ColorOf(decimal? value) => ClassOf(value) is var i and >= 0 ? Colors[i] : NoData;

    /// <summary>Dark text on the light classes, white on the dark ones.</summary>
    public string TextColorOf(decimal? value) => ClassOf(value) >= Colors.Count - 2 ? "#ffffff" : "#1b1b1b";

    public static string Percent(decimal? share, int decimals = 1) =>
        share is { } s ? (s * 100).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Formats.Culture) + " %" : "—";
}
