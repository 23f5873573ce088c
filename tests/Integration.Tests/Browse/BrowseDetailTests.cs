using System.Net;
using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Core.Browse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Browse;

/// <summary>An order with everything it holds, a customer with orders and RFM segment, and what an unknown id or a bad parameter gives.</summary>
[Collection(ServersCollection.Name)]
public sealed class BrowseDetailTests(ServersFixture servers)
{
    [Fact]
    public async Task An_order_opens_with_its_items_payments_delivery_and_review()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var connection = new NpgsqlConnection(shop.Database);
        var id = await connection.ExecuteScalarAsync<long>("""
            SELECT o.id FROM shop.orders o JOIN shop.reviews r ON r.order_id = o.id JOIN shop.deliveries d ON d.order_id = o.id
            WHERE o.item_count >= 2 AND d.delivered_at IS NOT NULL ORDER BY o.id LIMIT 1
            """);
        var items = (await connection.QueryAsync<(long Product, decimal Price)>("SELECT product_id, price FROM shop.order_items WHERE order_id = @id ORDER BY item_no", new { id })).ToList();
        var payments = await connection.ExecuteScalarAsync<decimal>("SELECT sum(amount) FROM shop.payments WHERE order_id = @id", new { id });
        var (carrier, score, customer) = await connection.QuerySingleAsync<(string, short, string)>("""
            SELECT d.carrier, r.score, c.name FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id
            JOIN shop.reviews r ON r.order_id = o.id JOIN shop.customers c ON c.id = o.customer_id WHERE o.id = @id LIMIT 1
            """, new { id });

        var order = await shop.GetAsync<OrderDetail>($"/api/browse/orders/{id}");

        Assert.Equal(id, order.Id);
        Assert.Equal(items, order.Items.Select(i => (i.ProductId, i.Price)));
        Assert.All(order.Items, i => Assert.False(string.IsNullOrEmpty(i.ProductName) || string.IsNullOrEmpty(i.SellerName)));
        Assert.Equal(payments, order.Payments.Sum(p => p.Amount));
        Assert.Equal(carrier, order.Delivery!.Carrier);
        Assert.NotNull(order.Delivery.DelayDays);
        Assert.Equal(score, Assert.Single(order.Reviews).Score);
        Assert.Equal(customer, order.CustomerName);
    }

    [Fact]
    public async Task A_customer_opens_with_their_orders_and_lifetime()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var connection = new NpgsqlConnection(shop.Database);
        var id = await connection.ExecuteScalarAsync<long>("SELECT customer_id FROM shop.orders GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1");
        var orders = (await connection.QueryAsync<long>("SELECT id FROM shop.orders WHERE customer_id = @id ORDER BY purchased_at DESC, id DESC", new { id })).ToList();

        var customer = await shop.GetAsync<CustomerDetail>($"/api/browse/customers/{id}");

        Assert.Equal(orders.Count, customer.OrdersTotal);
        Assert.Equal(orders, customer.Orders.Select(o => o.Id));
        Assert.Equal(await connection.ExecuteScalarAsync<int>("SELECT orders FROM dw.dim_customer WHERE customer_key = @id", new { id }), customer.Lifetime!.Orders);
        Assert.NotNull(customer.Rfm);
        Assert.Equal(customer.Rfm.Frequency, customer.Lifetime.Orders);
        Assert.Contains(customer.Rfm.Segment, RfmAnalytics.SegmentRules.Select(r => r.Name));
    }

    [Fact]
    public async Task Each_customers_segment_adds_up_to_the_RFM_analysis_of_the_same_period()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var dataSource = NpgsqlDataSource.Create(shop.Database);
        await using var connection = await dataSource.OpenConnectionAsync();
        var to = DateOnly.FromDateTime(await connection.ExecuteScalarAsync<DateTime>("SELECT max(date_key) FROM dw.agg_daily_orders"));
        var period = new AnalyticsPeriod(to.AddDays(-(CustomerRfm.PeriodDays - 1)), to);
        var analysis = await RfmAnalytics.ReadAsync(dataSource, new AnalyticsQuery(period, AnalyticsFilter.None), TimeProvider.System, CancellationToken.None);
        var buyers = await connection.QueryAsync<long>("SELECT DISTINCT customer_key FROM dw.fact_sales WHERE is_revenue");

        var tally = new Dictionary<string, long>();
        foreach (var buyer in buyers)
        {
            var rfm = (await CustomerRfm.ReadAsync(dataSource, buyer, TimeProvider.System, CancellationToken.None))!;
            Assert.Equal(period, rfm.Period);
            Assert.Equal(analysis.Thresholds.Monetary, rfm.MonetaryLimits);
            tally[rfm.Segment] = tally.GetValueOrDefault(rfm.Segment) + 1;
        }

        Assert.True(analysis.Customers > 100);
        Assert.Equal(analysis.Segments.Where(s => s.Customers > 0).ToDictionary(s => s.Segment, s => s.Customers), tally);
        // A customer without a revenue-bearing purchase has no segment.
        var idle = await connection.QueryFirstAsync<long>(
            "SELECT id FROM shop.customers c WHERE NOT EXISTS (SELECT 1 FROM dw.fact_sales f WHERE f.customer_key = c.id AND f.is_revenue) ORDER BY id");
        Assert.Null((await shop.GetAsync<CustomerDetail>($"/api/browse/customers/{idle}")).Rfm);
    }

    [Theory]
    [InlineData("/api/browse/customers/999999999", "Customer not found")]
    [InlineData("/api/browse/orders/999999999", "Order not found")]
    public async Task An_unknown_id_is_a_404_problem(string url, string title)
    {
        var shop = await BrowseShop.GetAsync(servers);
        var response = await shop.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(title, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/browse/customers?pageSize=0", "pageSize")]
    [InlineData("/api/browse/customers?pageSize=101", "pageSize")]
    [InlineData("/api/browse/orders?page=abc", "page")]
    [InlineData("/api/browse/orders?page=0", "page")]
    [InlineData("/api/browse/orders?page=5000&pageSize=25", "page")]
    [InlineData("/api/browse/orders?status=lost", "status")]
    [InlineData("/api/browse/sellers?state=XX", "state")]
    [InlineData("/api/browse/products?lifecycle=eternal", "lifecycle")]
    [InlineData("/api/browse/products?category=", "category")]
    public async Task A_bad_parameter_is_a_400_naming_it(string url, string parameter)
    {
        var shop = await BrowseShop.GetAsync(servers);
        var response = await shop.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), body);
    }

    [Fact]
    public async Task A_search_too_long_is_a_400_naming_q()
    {
        var shop = await BrowseShop.GetAsync(servers);
        var response = await shop.Client.GetAsync($"/api/browse/customers?q={new string('a', 101)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"q\"", await response.Content.ReadAsStringAsync());
    }
}
