using Dapper;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// The rows of seller figures that add up to a period, read by the seller ranking and delivery by seller: the whole
/// weeks (Monday to Sunday) inside the period from <c>dw.agg_weekly_seller</c>, the days before the first and after the
/// last of them from <c>dw.agg_daily_seller</c>: a seller's 30 days are a handful of rows instead of one per day and
/// ship state. With a state filter the days only (the weekly rows have no state). The same figures either way.
/// </summary>
internal static class SellerPeriodSource
{
    /// <summary>A FROM item aliased <c>a</c> with seller_key and <paramref name="columns"/> (columns of agg_daily_seller, comma-separated).</summary>
    public static string From(AnalyticsFilter filter, string columns) => filter.State is not null
        ? $"""
          (SELECT d.seller_key, {columns} FROM dw.agg_daily_seller d
           WHERE d.date_key BETWEEN CAST(@from AS date) AND CAST(@to AS date){filter.Conditions("d.state", null)}) a
          """
        : $"""
          (SELECT w.seller_key, {columns} FROM dw.agg_weekly_seller w
           WHERE w.week BETWEEN CAST(@firstWeek AS date) AND CAST(@lastWeek AS date)
           UNION ALL
           SELECT d.seller_key, {columns} FROM dw.agg_daily_seller d
           WHERE d.date_key BETWEEN CAST(@headFrom AS date) AND CAST(@headTo AS date)
              OR d.date_key BETWEEN CAST(@tailFrom AS date) AND CAST(@tailTo AS date)) a
          """;

    /// <summary>The parameters of <see cref="From"/>: the period, the state and the weeks and days it splits into.</summary>
    public static DynamicParameters Parameters(AnalyticsPeriod period, AnalyticsFilter filter)
    {
        var (firstWeek, lastWeek) = WholeWeeks(period);
        var noWeeks = firstWeek > lastWeek;
        var empty = (From: period.To.AddDays(1), To: period.To);
        var head = noWeeks ? (From: period.From, To: period.To) : (From: period.From, To: firstWeek.AddDays(-1));
        var tail = noWeeks ? empty : (From: lastWeek.AddDays(7), To: period.To);
        var parameters = new DynamicParameters(new { from = period.From, to = period.To });
        if (filter.State is not null) parameters.Add("state", filter.State);
        else parameters.AddDynamicParams(new { firstWeek, lastWeek, headFrom = head.From, headTo = head.To, tailFrom = tail.From, tailTo = tail.To });
        return parameters;
    }

    /// <summary>The Monday of the first week that starts on or after <c>from</c> and that of the last week that ends on or before <c>to</c> (first &gt; last: none).</summary>
    internal static (DateOnly First, DateOnly Last) WholeWeeks(AnalyticsPeriod period)
    {
        var first = period.From.AddDays(((int)DayOfWeek.Monday - (int)period.From.DayOfWeek + 7) % 7);
        var last = period.To.AddDays(-(((int)period.To.DayOfWeek - (int)DayOfWeek.Sunday + 7) % 7)).AddDays(-6);
        return (first, last);
    }
}
