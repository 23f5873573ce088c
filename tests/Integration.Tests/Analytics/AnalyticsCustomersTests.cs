using System.Net;
using Dapper;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>Cohort retention and RFM segments on the hand-made warehouse of <see cref="AnalyticsWarehouse"/>, computed by hand.</summary>
[Collection(ServersCollection.Name)]
public sealed class AnalyticsCustomersTests(ServersFixture servers)
{
    [Fact]
    public async Task The_cohort_matrix_follows_customers_from_the_month_of_their_first_purchase()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_cohorts");
        const string url = "/api/analytics/customers/cohorts?from=2024-02-01&to=2024-03-31";

        // Ana (orders 10 on 02-29 and 14 on 03-01) and Bruno (11 on 02-29 in São Paulo, 13 on 03-01) first bought in
        // February and both bought again in March: February = 2 customers, retention 1 then 1. Nobody started in March
        // (Carla has no order): 0 customers, no retention.
        var cohorts = await warehouse.GetAsync<CohortAnswer>(url);
        Assert.Equal(["2024-02-01 2: 1,1", "2024-03-01 0: -"], cohorts.Cohorts.Select(Text));
        Assert.Equal(3, cohorts.Cells.Count);

        // Customers of SP only: Ana.
        var sp = await warehouse.GetAsync<CohortAnswer>(url + "&state=SP");
        Assert.Equal(["2024-02-01 1: 1,1", "2024-03-01 0: -"], sp.Cohorts.Select(Text));

        // After the changes of WarehouseShop (order 10 returned, Carla's order 15 on 03-02) and a load: Ana's first revenue-bearing
        // purchase is order 14 (March), so February holds Bruno alone (1, then 1) and March holds Ana and Carla (2: 1).
        await using (var connection = new NpgsqlConnection(warehouse.Database))
        await using (var dataSource = NpgsqlDataSource.Create(warehouse.Database))
        {
            foreach (var change in WarehouseShop.Changes) await connection.ExecuteAsync(change.Sql);
            await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        }
        var after = await warehouse.GetAsync<CohortAnswer>(url + "&format=json");
        Assert.Equal(["2024-02-01 1: 1,1", "2024-03-01 2: 1"], after.Cohorts.Select(Text));

        var csv = await warehouse.GetCsvAsync(url + "&format=csv");
        Assert.Equal("Cohort,Customers,MonthOffset,Active,Retention", csv[0]);
        Assert.StartsWith("2024-02-01,1,1,1,1", csv[2]);

        var category = await warehouse.Client.GetAsync(url + "&category=watches_gifts");
        Assert.Equal(HttpStatusCode.BadRequest, category.StatusCode);
        Assert.Contains("category", await category.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RFM_segments_follow_their_rules_and_show_their_thresholds()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_rfm");

        // As of 03-01: Ana (last purchase 03-01, 2 orders, 298.90) and Bruno (03-01, 2 orders, 239.00): recency 0 → R 5,
        // 2 orders → F 2: Regular. Monetary limits: 239.00 + 0.2 / 0.4 / 0.6 / 0.8 × 59.90 = 250.98, 262.96, 274.94, 286.92.
        var rfm = await warehouse.GetAsync<RfmAnswer>("/api/analytics/customers/rfm?from=2024-02-01&to=2024-03-01");
        Assert.Equal((new DateOnly(2024, 3, 1), 2L), (rfm.ReferenceDay, rfm.Customers));
        Assert.Equal([250.98m, 262.96m, 274.94m, 286.92m], rfm.Thresholds.Monetary);
        Assert.Equal([30m, 90m, 180m, 365m], rfm.Thresholds.RecencyDays);
        Assert.Equal(["VIP", "Loyal", "New", "At risk", "Churned", "Regular"], rfm.Segments.Select(s => s.Segment));
        var regular = rfm.Segments.Single(s => s.Segment == "Regular");
        // Averages: recency 0, frequency 2, monetary (298.90 + 239.00) / 2 = 268.95; revenue 537.90, all of it.
        Assert.Equal((2L, 1m, 0m, 2m, 268.95m, 537.90m, 1m),
            (regular.Customers, regular.CustomerShare, regular.AverageRecencyDays, regular.AverageFrequency, regular.AverageMonetary, regular.Revenue, regular.RevenueShare));
        Assert.All(rfm.Segments.Where(s => s.Segment != "Regular"), s => Assert.Equal(0, s.Customers));

        // On 02-29 alone each has one order that day: F 1, R 5 → New.
        Assert.Equal(2, (await Segment(warehouse, "from=2024-02-29&to=2024-02-29", "New")).Customers);
        // As of 2024-12-31: last purchase 305 days before → R 2 → At risk; as of 2025-06-30: 486 days → R 1 → Churned.
        Assert.Equal(2, (await Segment(warehouse, "from=2024-02-01&to=2024-12-31", "At risk")).Customers);
        Assert.Equal(2, (await Segment(warehouse, "from=2024-02-01&to=2025-06-30", "Churned")).Customers);

        var csv = await warehouse.GetCsvAsync("/api/analytics/customers/rfm?from=2024-02-01&to=2024-03-01&format=csv");
        Assert.Equal("Segment,Rule,Customers,CustomerShare,AverageRecencyDays,AverageFrequency,AverageMonetary,Revenue,RevenueShare", csv[0]);
        Assert.Equal(7, csv.Length);
    }

    private static async Task<RfmSegment> Segment(AnalyticsWarehouse warehouse, string period, string segment) =>
        (await warehouse.GetAsync<RfmAnswer>($"/api/analytics/customers/rfm?{period}")).Segments.Single(s => s.Segment == segment);

    private static string Text(CohortRow row) =>
        $"{AnalyticsPeriod.Text(row.Cohort)} {row.Customers}: " +
        (row.Retention.All(r => r is null) ? "-" : string.Join(",", row.Retention.Select(r => r?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture))));
}
