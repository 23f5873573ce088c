using Dapper;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Simulation;

/// <summary>
/// What an analyst would check first on a generated dataset, checked in SQL on the rows as PostgreSQL holds them
/// (DESIGN.md section 3: temporal integrity, statuses agreeing with dates, valid CPFs, cities in their state).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class InvariantTests(ServersFixture servers)
{
    private static Task<(string Db, DateTimeOffset Now)>? _dataset;
    private static readonly Lock Gate = new();

    private Task<(string Db, DateTimeOffset Now)> DatasetAsync()
    {
        lock (Gate)
        {
            return _dataset ??= CreateAsync();
        }

        async Task<(string, DateTimeOffset)> CreateAsync()
        {
            var db = await servers.NewMigratedDatabaseAsync("invariants");
            // Up to "now": the last weeks hold orders not yet shipped or delivered.
            var now = DateTimeOffset.UtcNow;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var parameters = (Ecom.Aspire.Core.Simulation.SimulationParameters.Default(today) with
            {
                From = today.AddMonths(-14), To = today, Customers = 3_000, Seed = 11,
            }).Resolve(now);
            await SimulatedDatabase.SimulateAsync(db, parameters, workers: 2);
            return (db, parameters.Now!.Value);
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        var (db, now) = await DatasetAsync();
        await using var connection = new NpgsqlConnection(db);
        return await connection.ExecuteScalarAsync<long>(sql, new { now });
    }

    [Theory]
    [InlineData("approval before purchase", "SELECT count(*) FROM shop.orders WHERE approved_at < purchased_at")]
    [InlineData("cancellation before purchase", "SELECT count(*) FROM shop.orders WHERE canceled_at < purchased_at")]
    [InlineData("shipping before approval", "SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id WHERE d.shipped_at < coalesce(o.approved_at, o.purchased_at)")]
    [InlineData("delivery before shipping", "SELECT count(*) FROM shop.deliveries WHERE delivered_at < shipped_at OR (delivered_at IS NOT NULL AND shipped_at IS NULL)")]
    [InlineData("promise before purchase", "SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id WHERE d.promised_at < o.purchased_at")]
    [InlineData("review before purchase", "SELECT count(*) FROM shop.reviews r JOIN shop.orders o ON o.id = r.order_id WHERE r.created_at < o.purchased_at OR r.answered_at < r.created_at")]
    [InlineData("order before signup", "SELECT count(*) FROM shop.orders o JOIN shop.customers c ON c.id = o.customer_id WHERE o.purchased_at < c.signup_at")]
    [InlineData("seller sells before joining", "SELECT count(*) FROM shop.order_items i JOIN shop.orders o ON o.id = i.order_id JOIN shop.sellers s ON s.id = i.seller_id WHERE o.purchased_at < s.joined_at")]
    [InlineData("product sold before its launch", "SELECT count(*) FROM shop.order_items i JOIN shop.orders o ON o.id = i.order_id JOIN shop.products p ON p.id = i.product_id WHERE o.purchased_at < p.launched_at")]
    [InlineData("order after now", "SELECT count(*) FROM shop.orders WHERE purchased_at > @now OR approved_at > @now OR canceled_at > @now")]
    [InlineData("delivery event after now", "SELECT count(*) FROM shop.deliveries WHERE shipped_at > @now OR delivered_at > @now")]
    [InlineData("review after now", "SELECT count(*) FROM shop.reviews WHERE created_at > @now OR answered_at > @now")]
    [InlineData("signup after now", "SELECT count(*) FROM shop.customers WHERE signup_at > @now")]
    public async Task Dates_are_in_order_and_nothing_happens_after_now(string what, string sql)
    {
        Assert.True(await CountAsync(sql) == 0, $"rows with {what}");
    }

    [Theory]
    [InlineData("delivered without a delivery date", "SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id WHERE o.status IN ('delivered', 'returned') AND d.delivered_at IS NULL")]
    [InlineData("delivered date on an undelivered order", "SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id WHERE o.status IN ('processing', 'invoiced', 'shipped') AND d.delivered_at IS NOT NULL")]
    [InlineData("shipped without a shipping date", "SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id WHERE o.status IN ('shipped', 'delivered', 'returned') AND d.shipped_at IS NULL")]
    [InlineData("not yet shipped but has a shipping date", "SELECT count(*) FROM shop.orders o JOIN shop.deliveries d ON d.order_id = o.id WHERE o.status IN ('processing', 'invoiced') AND d.shipped_at IS NOT NULL")]
    [InlineData("canceled without a date", "SELECT count(*) FROM shop.orders WHERE status IN ('canceled', 'unavailable') AND canceled_at IS NULL")]
    [InlineData("a cancellation date on a live order", "SELECT count(*) FROM shop.orders WHERE status NOT IN ('canceled', 'unavailable') AND canceled_at IS NOT NULL")]
    [InlineData("sold but never approved", "SELECT count(*) FROM shop.orders WHERE status IN ('invoiced', 'shipped', 'delivered', 'returned') AND approved_at IS NULL")]
    [InlineData("an order without a delivery row", "SELECT count(*) FROM shop.orders o WHERE NOT EXISTS (SELECT 1 FROM shop.deliveries d WHERE d.order_id = o.id) AND o.status NOT IN ('canceled', 'unavailable')")]
    public async Task Statuses_agree_with_dates(string what, string sql)
    {
        Assert.True(await CountAsync(sql) == 0, $"orders {what}");
    }

    [Fact]
    public async Task Orders_placed_in_the_last_hours_are_not_delivered_yet()
    {
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM shop.orders WHERE purchased_at > @now - interval '1 day' AND status IN ('delivered', 'returned')"));
        Assert.True(await CountAsync("SELECT count(*) FROM shop.orders WHERE purchased_at > @now - interval '3 days' AND status IN ('processing', 'invoiced', 'shipped')") > 0,
            "recent orders are still on their way");
    }

    [Theory]
    [InlineData("whose payments do not sum to the total", "SELECT count(*) FROM shop.orders o WHERE o.total <> (SELECT coalesce(sum(p.amount), 0) FROM shop.payments p WHERE p.order_id = o.id)")]
    [InlineData("whose item count is wrong", "SELECT count(*) FROM shop.orders o WHERE o.item_count <> (SELECT count(*) FROM shop.order_items i WHERE i.order_id = o.id)")]
    [InlineData("whose items total is wrong", "SELECT count(*) FROM shop.orders o WHERE o.items_total <> (SELECT sum(i.price) FROM shop.order_items i WHERE i.order_id = o.id) OR o.freight_total <> (SELECT sum(i.freight) FROM shop.order_items i WHERE i.order_id = o.id)")]
    [InlineData("without items", "SELECT count(*) FROM shop.orders o WHERE NOT EXISTS (SELECT 1 FROM shop.order_items i WHERE i.order_id = o.id)")]
    [InlineData("with a missing customer, product or seller", "SELECT count(*) FROM shop.order_items i JOIN shop.orders o ON o.id = i.order_id LEFT JOIN shop.customers c ON c.id = o.customer_id LEFT JOIN shop.products p ON p.id = i.product_id LEFT JOIN shop.sellers s ON s.id = i.seller_id WHERE c.id IS NULL OR p.id IS NULL OR s.id IS NULL")]
    [InlineData("with a label on a missing order", "SELECT count(*) FROM sim.labels l LEFT JOIN shop.orders o ON o.id = l.order_id WHERE o.id IS NULL")]
    public async Task Money_and_references_add_up(string what, string sql)
    {
        Assert.True(await CountAsync(sql) == 0, $"orders {what}");
    }

    [Fact]
    public async Task Every_cpf_has_valid_check_digits_and_is_unique()
    {
        var (db, _) = await DatasetAsync();
        await using var connection = new NpgsqlConnection(db);
        var cpfs = (await connection.QueryAsync<string>("SELECT cpf FROM shop.customers")).ToList();
        Assert.NotEmpty(cpfs);
        Assert.All(cpfs, cpf => Assert.True(IsValidCpf(cpf), $"CPF {cpf}"));
        Assert.Equal(cpfs.Count, cpfs.Distinct().Count());
    }

    [Fact]
    public async Task Cities_belong_to_their_state()
    {
        var reference = ReferenceCities();
        var (db, _) = await DatasetAsync();
        await using var connection = new NpgsqlConnection(db);
        var places = await connection.QueryAsync<(string City, string State)>("""
            SELECT DISTINCT city, state FROM shop.customers
            UNION SELECT DISTINCT city, state FROM shop.sellers
            UNION SELECT DISTINCT ship_city, ship_state FROM shop.orders
            """);
        Assert.All(places, place => Assert.True(reference.Contains((place.City, place.State)), $"{place.City} is not a city of {place.State}"));
    }

    private static HashSet<(string City, string State)> ReferenceCities()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "brazil-cities.csv");
        var lines = File.ReadAllLines(path).Skip(1);
        var cities = new HashSet<(string, string)>();
        foreach (var line in lines)
        {
            // uf,ibge_code,city,population_2022,ddd,capital (a city's name may be quoted)
            var parts = ParseCsvLine(line);
            cities.Add((parts[2], parts[0]));
        }
        return cities;
    }

    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(ch);
        }
        fields.Add(current.ToString());
        return fields;
    }

    /// <summary>The CPF check digits (mod 11), written here independently of the generator's.</summary>
    private static bool IsValidCpf(string cpf)
    {
        if (cpf.Length != 11 || !cpf.All(char.IsAsciiDigit) || cpf.Distinct().Count() == 1) return false;
        var digits = cpf.Select(c => c - '0').ToArray();
        for (var check = 9; check <= 10; check++)
        {
            var sum = 0;
            for (var i = 0; i < check; i++) sum += digits[i] * (check + 1 - i);
            var expected = sum * 10 % 11 % 10;
            if (digits[check] != expected) return false;
        }
        return true;
    }
}
