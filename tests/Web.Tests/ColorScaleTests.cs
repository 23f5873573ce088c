using Ecom.Aspire.Web.Services;

namespace Ecom.Aspire.Web.Tests;

public sealed class ColorScaleTests
{
    [Fact]
    public void Cuts_the_range_into_five_classes_of_equal_width()
    {
        // Range 0..100: classes of width 20; a value's class = floor(value / 20), the maximum in the last class.
        var scale = new ColorScale([0m, 10m, 20m, 50m, 100m]);

        Assert.Equal([0, 0, 1, 2, 4], new decimal?[] { 0m, 10m, 20m, 50m, 100m }.Select(scale.ClassOf));
        Assert.Equal("#edf8e9", scale.ColorOf(0m));
        Assert.Equal("#74c476", scale.ColorOf(50m));
        Assert.Equal("#006d2c", scale.ColorOf(100m));
        Assert.Equal([(0m, 20m), (20m, 40m), (40m, 60m), (60m, 80m), (80m, 100m)], scale.Buckets.Select(b => (b.Low, b.High)));
        Assert.Equal(ColorScale.Greens, scale.Buckets.Select(b => b.Color));
    }

    [Fact]
    public void A_missing_value_is_grey_and_equal_values_are_all_dark()
    {
        var scale = new ColorScale([7m, 7m]);
        Assert.Equal(ColorScale.NoData, scale.ColorOf(null));
        Assert.Equal("#006d2c", scale.ColorOf(7m));
        Assert.Single(scale.Buckets);

        var empty = new ColorScale([]);
        Assert.Equal(ColorScale.NoData, empty.ColorOf(3m));
        Assert.Empty(empty.Buckets);
    }

    [Fact]
    public void Ranked_classes_spread_skewed_values_over_the_palette()
    {
        // Ranks 0..6 of 7 values: class = round(rank × 4 / 6) = 0, 1, 1, 2, 3, 3, 4; the two 5s tie at rank 1.
        var scale = ColorScale.Ranked([1m, 5m, 5m, 9m, 40m, 1000m, 50_000m]);

        Assert.Equal([0, 1, 1, 2, 3, 3, 4], new decimal?[] { 1m, 5m, 5m, 9m, 40m, 1000m, 50_000m }.Select(scale.ClassOf));
        Assert.Equal([(1m, 1m), (5m, 5m), (9m, 9m), (40m, 1000m), (50_000m, 50_000m)], scale.Buckets.Select(b => (b.Low, b.High)));
        Assert.Equal(ColorScale.NoData, scale.ColorOf(null));
        Assert.Equal("#006d2c", ColorScale.Ranked([3m]).ColorOf(3m));
    }
}
