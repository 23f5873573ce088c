using Dapper;
using Ecom.Aspire.Core.Browse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Browse;

/// <summary>The lists of /api/browse against SQL over the same simulated shop: totals, pages, search and filters.</summary>
[Collection(ServersCollection.Name)]
public sealed class BrowseListTests(ServersFixture servers)
{
    [Fact]
    public async Task Customers_are_paged_by_id_with_the_total()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var connection = new NpgsqlConnection(shop.Database);
        var total = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.customers");
        var expected = (await connection.QueryAsync<long>("SELECT id FROM shop.customers ORDER BY id OFFSET 20 LIMIT 10")).ToList();

        var page = await shop.GetAsync<BrowsePage<CustomerRow>>("/api/browse/customers?page=3&pageSize=10");

        Assert.Equal((total, 3, 10, true), (page.Total, page.Page, page.PageSize, page.HasMore));
        Assert.Equal(expected, page.Items.Select(c => c.Id));
        var last = await shop.GetAsync<BrowsePage<CustomerRow>>($"/api/browse/customers?page={(total + 99) / 100}&pageSize=100");
        Assert.False(last.HasMore);
        Assert.Equal(total - ((total + 99) / 100 - 1) * 100, last.Items.Count);
    }

    [Fact]
    public async Task Customers_are_found_by_the_start_of_name_city_or_CPF_and_filtered_by_state()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var connection = new NpgsqlConnection(shop.Database);
        var sample = await connection.QuerySingleAsync<(long Id, string Name, string Cpf, string State)>(
            "SELECT id, name, cpf, state FROM shop.customers ORDER BY id OFFSET 7 LIMIT 1");
        var prefix = sample.Name[..4];
        var byName = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM shop.customers WHERE name ILIKE @p OR city ILIKE @p OR email ILIKE @p", new { p = prefix + "%" });

        var found = await shop.GetAsync<BrowsePage<CustomerRow>>($"/api/browse/customers?q={Uri.EscapeDataString(prefix.ToUpperInvariant())}&pageSize=100");
        Assert.Equal(byName, found.Total);
        Assert.Contains(found.Items, c => c.Id == sample.Id);

        var byCpf = await shop.GetAsync<BrowsePage<CustomerRow>>($"/api/browse/customers?q={sample.Cpf[..9]}");
        Assert.Equal([sample.Id], byCpf.Items.Select(c => c.Id));

        var byId = await shop.GetAsync<BrowsePage<CustomerRow>>($"/api/browse/customers?q={sample.Id}");
        Assert.Contains(byId.Items, c => c.Id == sample.Id && c.Name == sample.Name);

        var inState = await shop.GetAsync<BrowsePage<CustomerRow>>($"/api/browse/customers?state={sample.State.ToLowerInvariant()}&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.customers WHERE state = @s", new { s = sample.State }), inState.Total);
        Assert.All(inState.Items, c => Assert.Equal(sample.State, c.State));
    }

    [Fact]
    public async Task Orders_are_newest_first_and_filtered_by_status_state_and_customer()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var connection = new NpgsqlConnection(shop.Database);
        var newest = (await connection.QueryAsync<long>("SELECT id FROM shop.orders ORDER BY purchased_at DESC, id DESC LIMIT 25")).ToList();

        var first = await shop.GetAsync<BrowsePage<OrderRow>>("/api/browse/orders");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders"), first.Total);
        Assert.Equal(newest, first.Items.Select(o => o.Id));

        var filtered = await shop.GetAsync<BrowsePage<OrderRow>>("/api/browse/orders?status=Canceled&state=SP&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders WHERE status = 'canceled' AND ship_state = 'SP'"), filtered.Total);
        Assert.True(filtered.Total > 0);
        Assert.All(filtered.Items, o => Assert.Equal(("canceled", "SP"), (o.Status, o.ShipState)));

        var customer = await connection.ExecuteScalarAsync<long>("SELECT customer_id FROM shop.orders GROUP BY customer_id ORDER BY count(*) DESC, customer_id LIMIT 1");
        var theirs = await shop.GetAsync<BrowsePage<OrderRow>>($"/api/browse/orders?q={customer}&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.orders WHERE customer_id = @customer OR id = @customer", new { customer }), theirs.Total);
        Assert.Contains(theirs.Items, o => o.CustomerId == customer);
        Assert.Equal(0, (await shop.GetAsync<BrowsePage<OrderRow>>("/api/browse/orders?q=maria")).Total);
    }

    [Fact]
    public async Task Products_and_sellers_are_searched_and_filtered()
    {
        var shop = await BrowseShop.GetAsync(servers);
        await using var connection = new NpgsqlConnection(shop.Database);
        var category = await connection.ExecuteScalarAsync<string>("SELECT category FROM shop.products GROUP BY category ORDER BY count(*) DESC, category LIMIT 1");
        var inCategory = await shop.GetAsync<BrowsePage<ProductRow>>($"/api/browse/products?category={category}&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.products WHERE category = @category", new { category }), inCategory.Total);
        Assert.All(inCategory.Items, p => Assert.Equal(category, p.Category));

        var name = await connection.ExecuteScalarAsync<string>("SELECT name FROM shop.products ORDER BY id LIMIT 1");
        var byName = await shop.GetAsync<BrowsePage<ProductRow>>($"/api/browse/products?q={Uri.EscapeDataString(name![..5].ToLowerInvariant())}&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.products WHERE name ILIKE @p", new { p = name[..5] + "%" }), byName.Total);

        var viral = await shop.GetAsync<BrowsePage<ProductRow>>("/api/browse/products?lifecycle=viral&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.products WHERE lifecycle = 'viral'"), viral.Total);

        var sellers = await shop.GetAsync<BrowsePage<SellerRow>>("/api/browse/sellers?state=SP&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.sellers WHERE state = 'SP'"), sellers.Total);
        Assert.True(sellers.Total > 0);
        var city = sellers.Items[0].City;
        var byCity = await shop.GetAsync<BrowsePage<SellerRow>>($"/api/browse/sellers?q={Uri.EscapeDataString(city)}&pageSize=100");
        Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM shop.sellers WHERE name ILIKE @p OR city ILIKE @p", new { p = city + "%" }), byCity.Total);
        // LIKE's wildcards in the search are plain characters.
        Assert.Equal(0, (await shop.GetAsync<BrowsePage<SellerRow>>("/api/browse/sellers?q=%25")).Total);
    }
}
