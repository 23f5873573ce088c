namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// Weekly revenue of one scope: <see cref="Weeks"/>[i] is the Monday of week i (weeks of business days in
/// America/Sao_Paulo, Monday first, consecutive, every week complete) and <see cref="Revenue"/>[i] its revenue.
/// </summary>
public sealed record WeeklySeries(string Scope, IReadOnlyList<DateOnly> Weeks, IReadOnlyList<double> Revenue)
{
    public int Count => Weeks.Count;

    /// <summary>The Monday of the week of <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// Weekly sums of daily revenue between two days: only the complete weeks (a partial first or last week would read
    /// as a collapse); days without sales count zero.
    /// </summary>
    public static WeeklySeries FromDays(string scope, DateOnly firstDay, DateOnly lastDay, IReadOnlyDictionary<DateOnly, double> revenueByDay)
    {
        var monday = MondayOf(firstDay);
        if (monday < firstDay) monday = monday.AddDays(7);
        var weeks = new List<DateOnly>();
        var revenue = new List<double>();
        for (; monday.AddDays(6) <= lastDay; monday = monday.AddDays(7))
        {
            var sum = 0.0;
            for (var d = 0; d < 7; d++) sum += revenueByDay.TryGetValue(monday.AddDays(d), out var r) ? r : 0;
            weeks.Add(monday);
            revenue.Add(sum);
        }
        return new WeeklySeries(scope, weeks, revenue);
    }
}
