using Ecom.Aspire.Core.Analytics;

namespace Ecom.Aspire.Integration.Tests.Analytics;

/// <summary>Product lifecycle and cross-selling on <see cref="CatalogShop"/>; every expected figure was computed by hand.</summary>
[Collection(ServersCollection.Name)]
public sealed class AnalyticsProductsTests(ServersFixture servers)
{
    [Fact]
    public async Task Lifecycle_stages_and_their_figures_are_as_computed_by_hand()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_lifecycle", seed: CatalogShop.SeedAsync);

        var answer = await warehouse.GetAsync<ProductLifecycleAnswer>("/api/analytics/products/lifecycle");
        // Latest day 2024-07-10: the last complete month is June; recent = April..June, prior = January..March.
        Assert.Equal((new DateOnly(2024, 6, 1), new DateOnly(2024, 4, 1), new DateOnly(2024, 1, 1)), (answer.ReferenceMonth, answer.RecentFrom, answer.PriorFrom));
        Assert.Equal(new LifecycleThresholds(3, 0.20m, -0.20m, 0.50m), answer.Thresholds);
        // Recent revenue 300 + 300 + 300 + 50 × 2 + 0 + 300 + 100 = 1,400 over 7 products.
        // Growth: A (300 vs 100) and G (nothing in the prior months: sales came back) = 400 (0.2857); Maturity: B (300 vs 300) = 300;
        // Decline: C (300 vs 900, −0.6667) and F (300 vs 300 but 100 a month against a 1,000 peak: 0.1) = 600; Introduction: D
        // (first sale 05-10) = 100; Inactive: E (nothing since January).
        Assert.Equal(
        [
            new LifecycleStage("Inactive", "recent revenue = 0", 1, 0.1429m, 0m, 0m),
            new LifecycleStage("Introduction", "first sale within the 3 recent months", 1, 0.1429m, 100m, 0.0714m),
            new LifecycleStage("Growth", "prior revenue = 0 or growth rate >= 0.20", 2, 0.2857m, 400m, 0.2857m),
            new LifecycleStage("Decline", "growth rate <= -0.20 or share of peak < 0.50", 2, 0.2857m, 600m, 0.4286m),
            new LifecycleStage("Maturity", "any other", 1, 0.1429m, 300m, 0.2143m),
        ], answer.Stages);

        // Ages: from the first sale to 2024-06-30: 2024-01-10 → 172 days, 2023-12-10 → 203, 2024-05-10 → 51.
        // Share of peak = recent / 3 / best month: A 100 / 100 = 1; D 33.33 / 50 = 0.6667; G 33.33 / 100 = 0.3333; E 0.
        Assert.Equal(
        [
            new LifecycleProduct(1, "Produto A", "housewares", "Growth", new(2024, 1, 10), 172, 300m, 100m, 2m, new(2024, 1, 1), 100m, 1m, 400m, null),
            new LifecycleProduct(2, "Produto B", "housewares", "Maturity", new(2024, 1, 10), 172, 300m, 300m, 0m, new(2024, 1, 1), 100m, 1m, 600m, null),
            new LifecycleProduct(3, "Produto C", "housewares", "Decline", new(2024, 1, 10), 172, 300m, 900m, -0.6667m, new(2024, 1, 1), 300m, 0.3333m, 1200m, null),
            new LifecycleProduct(6, "Produto F", "housewares", "Decline", new(2023, 12, 10), 203, 300m, 300m, 0m, new(2023, 12, 1), 1000m, 0.1m, 1600m, null),
            new LifecycleProduct(4, "Produto D", "toys", "Introduction", new(2024, 5, 10), 51, 100m, 0m, null, new(2024, 5, 1), 50m, 0.6667m, 100m, null),
            new LifecycleProduct(7, "Produto G", "housewares", "Growth", new(2023, 12, 10), 203, 100m, 0m, null, new(2023, 12, 1), 100m, 0.3333m, 200m, null),
            new LifecycleProduct(5, "Produto E", "housewares", "Inactive", new(2024, 1, 10), 172, 0m, 80m, -1m, new(2024, 1, 1), 80m, 0m, 80m, null),
        ], answer.Products);

        // Filters: the declining products, two at most, and the toys only.
        var decline = await warehouse.GetAsync<ProductLifecycleAnswer>("/api/analytics/products/lifecycle?stage=decline&limit=1");
        Assert.Equal(("Decline", 3L), (decline.Stage, decline.Products.Single().ProductKey));
        var toys = await warehouse.GetAsync<ProductLifecycleAnswer>("/api/analytics/products/lifecycle?category=toys");
        Assert.Equal([0L, 1, 0, 0, 0], toys.Stages.Select(s => s.Products));
        Assert.Equal(4L, toys.Products.Single().ProductKey);

        var csv = await warehouse.GetCsvAsync("/api/analytics/products/lifecycle?format=csv");
        Assert.StartsWith("ProductKey,Name,Category,Stage,FirstSaleDay,AgeDays,RecentRevenue", csv[0]);
        Assert.Equal(8, csv.Length);
    }

    [Fact]
    public async Task Cross_selling_pairs_have_the_support_confidence_and_lift_computed_by_hand()
    {
        await using var warehouse = await AnalyticsWarehouse.StartAsync(servers, "an_crosssell", seed: CatalogShop.SeedAsync);
        const string July = "from=2024-07-01&to=2024-07-31";

        // N = 8 revenue-bearing orders in July (7 baskets and product D's order; the canceled basket does not count).
        // n(bed_bath_table) = 5, n(watches_gifts) = 4, n(books_general_interest) = 3. Together: bed + watches 3 orders, bed + books 2,
        // books + watches 1 (below the minimum of 2 orders).
        // bed + watches: support 3 / 8 = 0.375, confidence 3 / 5 = 0.6 and 3 / 4 = 0.75, lift 3 × 8 / (5 × 4) = 1.2.
        // bed + books: support 2 / 8 = 0.25, confidence 2 / 5 = 0.4 and 2 / 3 = 0.6667, lift 2 × 8 / (5 × 3) = 1.0667.
        var categories = await warehouse.GetAsync<CrossSellAnswer>($"/api/analytics/products/cross-sell?{July}");
        Assert.Equal(("category", 8L, 2L), (categories.Level, categories.Orders, categories.MinOrders));
        Assert.Equal(
        [
            new CrossSellPair(1, "bed_bath_table", "bed_bath_table", "watches_gifts", "watches_gifts", 3, 5, 4, 0.375m, 0.6m, 0.75m, 1.2m),
            new CrossSellPair(2, "bed_bath_table", "bed_bath_table", "books_general_interest", "books_general_interest", 2, 5, 3, 0.25m, 0.4m, 0.6667m, 1.0667m),
        ], categories.Pairs);

        // Products (one per category here): keys compare as text, so Romance (10) comes before Lençol (8).
        var products = await warehouse.GetAsync<CrossSellAnswer>($"/api/analytics/products/cross-sell?{July}&level=product");
        Assert.Equal(
        [
            new CrossSellPair(1, "8", "Lençol", "9", "Pulseira", 3, 5, 4, 0.375m, 0.6m, 0.75m, 1.2m),
            new CrossSellPair(2, "10", "Romance", "8", "Lençol", 2, 3, 5, 0.25m, 0.6667m, 0.4m, 1.0667m),
        ], products.Pairs);

        // minSupport 0.3: at least ceil(0.3 × 8) = 3 orders together; limit 1 keeps the first pair.
        var frequent = await warehouse.GetAsync<CrossSellAnswer>($"/api/analytics/products/cross-sell?{July}&minSupport=0.3");
        Assert.Equal((3L, "watches_gifts"), (frequent.MinOrders, frequent.Pairs.Single().ItemB));
        var first = await warehouse.GetAsync<CrossSellAnswer>($"/api/analytics/products/cross-sell?{July}&limit=1");
        Assert.Equal("watches_gifts", first.Pairs.Single().ItemB);

        var csv = await warehouse.GetCsvAsync($"/api/analytics/products/cross-sell?{July}&format=csv");
        Assert.Equal("Rank,ItemA,NameA,ItemB,NameB,Orders,OrdersA,OrdersB,Support,ConfidenceAToB,ConfidenceBToA,Lift", csv[0]);
        Assert.Equal(3, csv.Length);
    }
}
