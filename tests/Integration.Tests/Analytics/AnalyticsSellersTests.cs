using Ecom.Aspire.Core.Analytics;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>
/// Seller ranking, delivery by seller and customer lifetime value on the hand-made warehouse of
/// <see cref="AnalyticsWarehouse"/>; every expected figure was computed by hand. Seller 1 (Loja Azul) sold in orders 10
/// (delivered on time, 258.90, review 5) and 12 (canceled); seller 2 (Casa Norte) in orders 11 (delivered 3 days late,
/// 199.00, review 3), 13 (in transit, 40.00) and 14 (delivered on the day, 40.00, no review).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AnalyticsSellersTests(ServersFixture servers)
{
    private const string TwoDays = "from=2024-02-29&to=2024-03-01";

    [Fact]
    public async Task Seller_ranking_scores_are_as_computed_by_hand()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_sellers");

        // Revenue percentiles: 258.90 ≤ 279.00, so Loja Azul 1 / 2 = 0.5 and Casa Norte 2 / 2 = 1.
        // Loja Azul: on time 1 / 1, review (5 − 1) / 4 = 1, cancellation 1 / 2 → 100 × (0.4 × 0.5 + 0.25 × 1 + 0.2 × 1 + 0.15 × 0.5) = 72.50.
        // Casa Norte: on time 1 / 2, review (3 − 1) / 4 = 0.5, no cancellation → 100 × (0.4 + 0.25 × 0.5 + 0.2 × 0.5 + 0.15) = 77.50.
        var all = await warehouse.GetAsync<SellerRankingAnswer>($"/api/analytics/sellers/ranking?{TwoDays}&minOrders=1");
        Assert.Equal((2L, 1), (all.Sellers, all.MinOrders));
        Assert.Equal(
        [
            new RankedSeller(1, 2, "Casa Norte", "Recife", "PE", 77.50m, 1m, 0.5m, 0.5m, 1m, 3, 3, 0, 279.00m, 2, 1, 0.5m, 1, 3m, 0m),
            new RankedSeller(2, 1, "Loja Azul", "São Paulo", "SP", 72.50m, 0.5m, 1m, 1m, 0.5m, 2, 1, 1, 258.90m, 1, 1, 1m, 1, 5m, 0.5m),
        ], all.Ranking);

        // Shipped to SP only (orders 10, 12, 14): Loja Azul 258.90 (percentile 1) → 100 × (0.4 + 0.25 + 0.2 + 0.075) = 92.50;
        // Casa Norte 40.00 (0.5), on time, no review (0.5), no cancellation → 100 × (0.2 + 0.25 + 0.1 + 0.15) = 70.00.
        var sp = await warehouse.GetAsync<SellerRankingAnswer>($"/api/analytics/sellers/ranking?{TwoDays}&minOrders=1&state=SP");
        Assert.Equal([(1L, 92.50m), (2L, 70.00m)], sp.Ranking.Select(s => (s.SellerKey, s.Score)));
        Assert.Null(sp.Ranking[1].AverageReview);

        // At least 3 orders: Casa Norte alone, the top revenue of the ranked sellers (percentile 1): 77.50 again. Default 5: nobody.
        var three = await warehouse.GetAsync<SellerRankingAnswer>($"/api/analytics/sellers/ranking?{TwoDays}&minOrders=3");
        Assert.Equal([(2L, 77.50m)], three.Ranking.Select(s => (s.SellerKey, s.Score)));
        var none = await warehouse.GetAsync<SellerRankingAnswer>($"/api/analytics/sellers/ranking?{TwoDays}");
        Assert.Equal((0L, 5), (none.Sellers, none.MinOrders));
        Assert.Empty(none.Ranking);

        var csv = await warehouse.GetCsvAsync($"/api/analytics/sellers/ranking?{TwoDays}&minOrders=1&format=csv");
        Assert.StartsWith("Rank,SellerKey,Name,City,State,Score,", csv[0]);
        Assert.StartsWith("1,2,Casa Norte,Recife,PE,77.50,", csv[1]);
    }

    [Fact]
    public async Task Delivery_by_seller_lists_the_sellers_with_the_most_late_orders_first()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_delivery_sellers");

        // Casa Norte: orders 11 (14 days, 3 late), 13 (in transit), 14 (7 days, on the day): delivered 2, averages 21 / 2 = 10.50 days,
        // delay 3 / 2 = 1.50, lateness 3 / 1. Loja Azul: order 10 (7 days, 2 early); order 12 has no delivery record.
        var delivery = await warehouse.GetAsync<DeliveryAnswer>($"/api/analytics/delivery?{TwoDays}");
        Assert.Equal((20, 2L), (delivery.SellerLimit, delivery.Sellers));
        Assert.Equal(
        [
            new DeliveryRow("seller", "2", 3, 2, 1, 1, 1, 0.5m, 10.50m, 1.50m, 3.00m, "Casa Norte"),
            new DeliveryRow("seller", "1", 1, 1, 0, 1, 0, 1m, 7m, -2m, null, "Loja Azul"),
        ], delivery.BySeller);

        var first = await warehouse.GetAsync<DeliveryAnswer>($"/api/analytics/delivery?{TwoDays}&sellerLimit=1");
        Assert.Equal((2L, "2"), (first.Sellers, first.BySeller.Single().Key));
        // Shipped to SP: Loja Azul's order 10 and Casa Norte's order 14, both on time; no late order, so the lowest on-time share
        // comes first (both 1), then the seller key.
        var sp = await warehouse.GetAsync<DeliveryAnswer>($"/api/analytics/delivery?{TwoDays}&state=SP");
        Assert.Equal(["1", "2"], sp.BySeller.Select(r => r.Key));

        var csv = await warehouse.GetCsvAsync($"/api/analytics/delivery?{TwoDays}&format=csv");
        Assert.Contains("seller,2,3,2,1,1,1,0.5,10.5,1.5,3,Casa Norte", csv);
    }

    [Fact]
    public async Task Customer_lifetime_value_is_computed_once_in_the_warehouse_as_by_hand()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_clv");

        // Ana: orders 10 (258.90, 02-29) and 14 (40.00, 03-01): 298.90, ticket 149.45, lifespan 1 day → pace (2 − 1) × 365 / max(1, 30)
        // = 12.1667 orders a year → predicted 149.45 × 12.1667 = 1,818.31; CLV 2,117.21 (bucket 6: 2,000 to 5,000).
        // Bruno: orders 11 (199.00, 02-29 in São Paulo) and 13 (40.00, shipped, 03-01): 239.00, ticket 119.50, predicted
        // 119.50 × 12.1667 = 1,453.92; CLV 1,692.92 (bucket 5). Carla has no order and is not counted.
        var answer = await warehouse.GetAsync<ClvAnswer>("/api/analytics/customers/clv");
        Assert.Equal((2L, 4L, 537.90m, 3272.23m, 3810.13m, 268.95m, 1905.07m, 134.48m),
            (answer.Customers, answer.Orders, answer.LifetimeRevenue, answer.PredictedRevenue12m, answer.Clv, answer.AverageLifetimeRevenue,
             answer.AverageClv, answer.AverageTicket));
        Assert.Equal([0L, 0, 0, 0, 0, 1, 1, 0], answer.Buckets.Select(b => b.Customers));
        Assert.Equal(new ClvBucket(6, 2000m, 5000m, 1, 0.5m, 2, 298.90m, 1818.31m, 2117.21m, 0.5557m), answer.Buckets[6]);
        Assert.Equal(new ClvBucket(7, 5000m, null, 0, 0m, 0, 0m, 0m, 0m, 0m), answer.Buckets[7]);
        Assert.Equal(
        [
            new ClvCustomer(1, 1, "Campinas", "SP", "vip", 2, 298.90m, 149.45m, new(2024, 2, 29, 13, 0, 0, TimeSpan.Zero),
                new(2024, 3, 1, 20, 0, 0, TimeSpan.Zero), 1, 1818.31m, 2117.21m),
            new ClvCustomer(2, 2, "Recife", "PE", "regular", 2, 239.00m, 119.50m, new(2024, 3, 1, 1, 30, 0, TimeSpan.Zero),
                new(2024, 3, 1, 18, 0, 0, TimeSpan.Zero), 1, 1453.92m, 1692.92m),
        ], answer.TopCustomers);

        var pe = await warehouse.GetAsync<ClvAnswer>("/api/analytics/customers/clv?state=pe&limit=1");
        Assert.Equal(("PE", 1L, 1692.92m, 2L), (pe.State, pe.Customers, pe.Clv, pe.TopCustomers.Single().CustomerKey));

        var csv = await warehouse.GetCsvAsync("/api/analytics/customers/clv?format=csv");
        Assert.Equal("Bucket,From,To,Customers,CustomerShare,Orders,LifetimeRevenue,PredictedRevenue12m,Clv,ClvShare", csv[0]);
        Assert.Equal(9, csv.Length);
    }
}
