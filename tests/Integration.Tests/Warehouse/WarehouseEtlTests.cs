using Dapper;
using Ecom.Aspire.Core.Warehouse;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Warehouse;

/// <summary>
/// The ETL on <see cref="WarehouseShop"/>: every expected figure below was computed by hand from that dataset
/// (revenue = item prices of revenue-bearing orders, freight excluded; days in America/Sao_Paulo).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class WarehouseEtlTests(ServersFixture servers)
{
    [Fact]
    public async Task The_first_load_computes_revenue_delivery_and_lifetime_value_as_computed_by_hand()
    {
        var (db, dataSource) = await SeededAsync("dw_values");
        await using var _ = dataSource;

        var result = await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);

        Assert.Equal(EtlMode.Full, result.Mode);
        Assert.Equal("first load", result.Reason);
        Assert.Equal(2, result.Days);
        Assert.Equal(6, result.Rows);

        Assert.Equal(
        [
            "10/1 2024-02-29 SP bed_bath_table delivered rev=t 59.90 days=7 delay=-2 on_time=t review=5 credit_card x3 Correios",
            "10/2 2024-02-29 SP watches_gifts delivered rev=t 199.00 days=7 delay=-2 on_time=t review=5 credit_card x3 Correios",
            "11/1 2024-02-29 PE watches_gifts delivered rev=t 199.00 days=14 delay=3 on_time=f review=3 boleto x1 Jadlog",
            "12/1 2024-03-01 SP bed_bath_table canceled rev=f 0.00 days= delay= on_time= review= credit_card x1 ",
            "13/1 2024-03-01 PE books_general_interest shipped rev=t 40.00 days= delay= on_time= review= pix x1 Correios",
            "14/1 2024-03-01 SP books_general_interest delivered rev=t 40.00 days=7 delay=0 on_time=t review= debit_card x1 Correios",
        ], await LinesAsync(db, """
            SELECT format('%s/%s %s %s %s %s rev=%s %s days=%s delay=%s on_time=%s review=%s %s x%s %s',
                          order_id, item_no, date_key, customer_state, category, status, CASE WHEN is_revenue THEN 't' ELSE 'f' END,
                          revenue, delivery_days, delay_days, CASE WHEN on_time THEN 't' WHEN NOT on_time THEN 'f' END,
                          review_score, payment_type, installments, carrier)
            FROM dw.fact_sales ORDER BY order_id, item_no
            """));

        // date state: orders, revenue orders, items, revenue, freight, cost, customers
        Assert.Equal(
        [
            "2024-02-29 PE: 1 1 1 199.00 35.50 120.00 1",
            "2024-02-29 SP: 1 1 2 258.90 25.00 150.00 1",
            "2024-03-01 PE: 1 1 1 40.00 20.00 0.00 1",
            "2024-03-01 SP: 2 1 1 40.00 8.00 0.00 1",
        ], await LinesAsync(db, """
            SELECT format('%s %s: %s %s %s %s %s %s %s', date_key, state, orders, revenue_orders, items, revenue, freight, cost, customers)
            FROM dw.agg_daily_orders ORDER BY date_key, state
            """));

        // date state category: orders, revenue orders, items, items with a cost, revenue, freight, cost
        Assert.Equal(
        [
            "2024-02-29 PE watches_gifts: 1 1 1 1 199.00 35.50 120.00",
            "2024-02-29 SP bed_bath_table: 1 1 1 1 59.90 10.00 30.00",
            "2024-02-29 SP watches_gifts: 1 1 1 1 199.00 15.00 120.00",
            "2024-03-01 PE books_general_interest: 1 1 1 0 40.00 20.00 0.00",
            "2024-03-01 SP bed_bath_table: 1 0 0 0 0.00 0.00 0.00",
            "2024-03-01 SP books_general_interest: 1 1 1 0 40.00 8.00 0.00",
        ], await LinesAsync(db, """
            SELECT format('%s %s %s: %s %s %s %s %s %s %s', date_key, state, category, orders, revenue_orders, items, items_with_cost, revenue, freight, cost)
            FROM dw.agg_daily_sales ORDER BY date_key, state, category
            """));

        // date state carrier: orders, delivered, on time, late, sum of delivery days, of delay days, of late days
        Assert.Equal(
        [
            "2024-02-29 PE Jadlog: 1 1 0 1 14 3 3",
            "2024-02-29 SP Correios: 1 1 1 0 7 -2 0",
            "2024-03-01 PE Correios: 1 0 0 0 0 0 0",
            "2024-03-01 SP Correios: 1 1 1 0 7 0 0",
        ], await LinesAsync(db, """
            SELECT format('%s %s %s: %s %s %s %s %s %s %s', date_key, state, carrier, orders, delivered, on_time, late, delivery_days_sum, delay_days_sum, late_days_sum)
            FROM dw.agg_daily_delivery ORDER BY date_key, state, carrier
            """));

        // Customer lifetime value (item prices): Ana 258.90 + 40.00 (order 12 canceled); Bruno 199.00 + 40.00, whose first order
        // (2024-03-01T01:30Z) is a February order in São Paulo; Carla has none yet.
        Assert.Equal(
        [
            "1 SP Sudeste vip signup=2024-01-02: orders=2 clv=298.90 first=2024-02-29 13:00 last=2024-03-01 20:00 cohort=2024-02-01",
            "2 PE Nordeste regular signup=2024-01-05: orders=2 clv=239.00 first=2024-03-01 01:30 last=2024-03-01 18:00 cohort=2024-02-01",
            "3 SP Sudeste one_time signup=2024-02-20: orders=0 clv=0.00 first= last= cohort=",
        ], await LinesAsync(db, """
            SELECT format('%s %s %s %s signup=%s: orders=%s clv=%s first=%s last=%s cohort=%s', customer_key, state, region, persona,
                          signup_date, orders, lifetime_revenue, to_char(first_order_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),
                          to_char(last_order_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), cohort_month)
            FROM dw.dim_customer ORDER BY customer_key
            """));

        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(537.90m, await connection.ExecuteScalarAsync<decimal>("SELECT sum(revenue) FROM dw.agg_daily_orders"));
        // Of the 3 delivered orders, 2 were on time; delays -2, 3 and 0 days average 1/3 day.
        var delivery = await connection.QuerySingleAsync<(long Delivered, long OnTime, long DelaySum)>(
            "SELECT sum(delivered), sum(on_time), sum(delay_days_sum) FROM dw.agg_daily_delivery");
        Assert.Equal((3L, 2L, 1L), delivery);
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.dim_product"));
        Assert.Equal("Casa Norte PE Nordeste", await connection.ExecuteScalarAsync<string>(
            "SELECT format('%s %s %s', name, state, region) FROM dw.dim_seller WHERE seller_key = 2"));

        Assert.Equal(
            "Relógio watches_gifts Casa Norte Pernambuco Nordeste Thursday 2024-02 rev=199.00 late=3",
            await connection.ExecuteScalarAsync<string>("""
                SELECT format('%s %s %s %s %s %s %s rev=%s late=%s', product_name, category, seller_name, customer_state_name,
                              customer_region, weekday_name, year_month, revenue, delay_days)
                FROM dw.sales_flat WHERE order_id = 11
                """));
    }

    [Fact]
    public async Task The_calendar_holds_whole_years_with_the_brazilian_retail_dates()
    {
        var (db, dataSource) = await SeededAsync("dw_calendar");
        await using var _ = dataSource;
        await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(db);
        Assert.Equal(366, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.dim_date WHERE year = 2024"));
        Assert.Equal(366, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM dw.dim_date"));
        Assert.Equal(
        [
            "2024-02-12 Q1 w7 1 Monday weekend=f holiday= event= bf=f cm=f carnaval=t",
            "2024-02-13 Q1 w7 2 Tuesday weekend=f holiday= event= bf=f cm=f carnaval=t",
            "2024-02-29 Q1 w9 4 Thursday weekend=f holiday= event= bf=f cm=f carnaval=f",
            "2024-03-02 Q1 w9 6 Saturday weekend=t holiday= event= bf=f cm=f carnaval=f",
            "2024-03-29 Q1 w13 5 Friday weekend=f holiday=Sexta-feira Santa event= bf=f cm=f carnaval=f",
            "2024-05-12 Q2 w19 7 Sunday weekend=t holiday= event=Dia das Mães bf=f cm=f carnaval=f",
            "2024-10-12 Q4 w41 6 Saturday weekend=t holiday=Nossa Senhora Aparecida event=Dia das Crianças bf=f cm=f carnaval=f",
            "2024-11-20 Q4 w47 3 Wednesday weekend=f holiday=Dia Nacional de Zumbi e da Consciência Negra event= bf=f cm=f carnaval=f",
            "2024-11-29 Q4 w48 5 Friday weekend=f holiday= event=Black Friday bf=t cm=f carnaval=f",
            "2024-12-02 Q4 w49 1 Monday weekend=f holiday= event=Cyber Monday bf=f cm=t carnaval=f",
            "2024-12-30 Q4 w1 1 Monday weekend=f holiday= event= bf=f cm=f carnaval=f",
        ], await LinesAsync(db, """
            SELECT format('%s Q%s w%s %s %s weekend=%s holiday=%s event=%s bf=%s cm=%s carnaval=%s', date_key, quarter, iso_week, weekday,
                          weekday_name, CASE WHEN is_weekend THEN 't' ELSE 'f' END, holiday_name, retail_event,
                          CASE WHEN is_black_friday THEN 't' ELSE 'f' END, CASE WHEN is_cyber_monday THEN 't' ELSE 'f' END,
                          CASE WHEN is_carnaval THEN 't' ELSE 'f' END)
            FROM dw.dim_date
            WHERE date_key IN ('2024-02-12', '2024-02-13', '2024-02-29', '2024-03-02', '2024-03-29', '2024-05-12', '2024-10-12',
                               '2024-11-20', '2024-11-29', '2024-12-02', '2024-12-30')
            ORDER BY date_key
            """));
        Assert.Equal(2025, await connection.ExecuteScalarAsync<int>("SELECT iso_year FROM dw.dim_date WHERE date_key = '2024-12-30'"));
    }

    [Fact]
    public async Task Running_again_without_changes_reloads_nothing_and_changes_nothing()
    {
        var (db, dataSource) = await SeededAsync("dw_twice");
        await using var _ = dataSource;
        var etl = WarehouseShop.Etl(dataSource);
        var first = await etl.RunAsync(CancellationToken.None);
        var before = await WarehouseShop.FingerprintAsync(db);

        var second = await etl.RunAsync(CancellationToken.None);
        var third = await etl.RunAsync(CancellationToken.None);

        Assert.Equal((EtlMode.Incremental, 0, 0L), (second.Mode, second.Days, second.Rows));
        Assert.Equal((EtlMode.Incremental, 0, 0L), (third.Mode, third.Days, third.Rows));
        Assert.Equal(first.Version, third.Version);
        Assert.Equal(before, await WarehouseShop.FingerprintAsync(db));
    }

    [Fact]
    public async Task An_incremental_load_after_new_orders_status_changes_and_reviews_equals_a_rebuild()
    {
        var (db, dataSource) = await SeededAsync("dw_incremental");
        await using var _ = dataSource;
        var etl = WarehouseShop.Etl(dataSource);
        var version = (await etl.RunAsync(CancellationToken.None)).Version;

        await using var connection = new NpgsqlConnection(db);
        foreach (var (what, day, rows, sql) in WarehouseShop.Changes)
        {
            await connection.ExecuteAsync(sql);
            var result = await etl.RunAsync(CancellationToken.None);
            var expected = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True((EtlMode.Incremental, 1, (long)rows, expected, expected, version + 1) ==
                        (result.Mode, result.Days, result.Rows, result.FirstDay, result.LastDay, result.Version),
                $"{what}: {result} {result.FirstDay}..{result.LastDay} version {result.Version}");
            version = result.Version;
        }

        // A signup without an order reloads no day, but the customer dimension changes.
        await connection.ExecuteAsync("INSERT INTO shop.customers (id, name, city, state, persona, signup_at) VALUES (4, 'Davi Rocha', 'Olinda', 'PE', 'regular', '2024-03-05T10:00:00Z')");
        var signup = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((0, 0L, version + 1), (signup.Days, signup.Rows, signup.Version));
        Assert.Equal(
        [
            "10/1 returned rev=0.00 days=7 delay=-2 review=5",
            "10/2 returned rev=0.00 days=7 delay=-2 review=5",
            "11/1 delivered rev=199.00 days=14 delay=3 review=3",
            "12/1 canceled rev=0.00 days= delay= review=",
            "13/1 delivered rev=40.00 days=11 delay=-1 review=",
            "14/1 delivered rev=40.00 days=7 delay=0 review=4",
            "15/1 processing rev=199.00 days= delay= review=",
        ], await LinesAsync(db, """
            SELECT format('%s/%s %s rev=%s days=%s delay=%s review=%s', order_id, item_no, status, revenue, delivery_days, delay_days, review_score)
            FROM dw.fact_sales ORDER BY order_id, item_no
            """));
        // Ana's first order was returned: her lifetime value and cohort move to order 14 (March).
        Assert.Equal(
        [
            "1: orders=1 clv=40.00 cohort=2024-03-01",
            "2: orders=2 clv=239.00 cohort=2024-02-01",
            "3: orders=1 clv=199.00 cohort=2024-03-01",
            "4: orders=0 clv=0.00 cohort=",
        ], await LinesAsync(db, "SELECT format('%s: orders=%s clv=%s cohort=%s', customer_key, orders, lifetime_revenue, cohort_month) FROM dw.dim_customer ORDER BY 1"));
        Assert.Equal(
        [
            "2024-02-29 PE 199.00", "2024-02-29 SP 0.00", "2024-03-01 PE 40.00", "2024-03-01 SP 40.00", "2024-03-02 SP 199.00",
        ], await LinesAsync(db, "SELECT format('%s %s %s', date_key, state, revenue) FROM dw.agg_daily_orders ORDER BY date_key, state"));

        var incremental = await WarehouseShop.FingerprintAsync(db);
        var rebuild = await etl.RebuildAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Full, "requested", 3, 7L), (rebuild.Mode, rebuild.Reason, rebuild.Days, rebuild.Rows));
        Assert.Equal(incremental, await WarehouseShop.FingerprintAsync(db));
    }

    [Fact]
    public async Task History_written_into_past_days_by_a_chunk_and_an_import_are_picked_up()
    {
        var (db, dataSource) = await SeededAsync("dw_chunks");
        await using var _ = dataSource;
        var etl = WarehouseShop.Etl(dataSource);
        await etl.RunAsync(CancellationToken.None);

        // A history chunk for February completes after the load, with an order older than the watermark.
        await using var connection = new NpgsqlConnection(db);
        var runId = await connection.ExecuteScalarAsync<int>("""
            INSERT INTO sim.runs (kind, status, seed, parameters, from_date, to_date, chunks_total, chunks_done, rows_written, finished_at)
            VALUES ('history', 'completed', 1, '{}', '2024-02-01', '2024-02-29', 1, 1, 1, now()) RETURNING id
            """);
        await connection.ExecuteAsync("""
            INSERT INTO shop.orders (id, run_id, customer_id, status, purchased_at, approved_at, ship_city, ship_state, item_count, items_total, freight_total, total)
            VALUES (16, @runId, 2, 'delivered', '2024-02-10T15:00:00Z', '2024-02-10T15:05:00Z', 'Recife', 'PE', 1, 59.90, 25.00, 84.90);
            INSERT INTO shop.order_items (order_id, item_no, product_id, seller_id, price, freight, cost) VALUES (16, 1, 1, 1, 59.90, 25.00, 30.00);
            INSERT INTO shop.deliveries (order_id, carrier, shipped_at, promised_at, delivered_at)
            VALUES (16, 'Correios', '2024-02-12T12:00:00Z', '2024-02-20T12:00:00Z', '2024-02-22T15:00:00Z');
            INSERT INTO sim.run_chunks (run_id, chunk_no, status, from_date, to_date, rows, attempts, finished_at)
            VALUES (@runId, 1, 'completed', '2024-02-01', '2024-03-01', 3, 1, now());
            """, new { runId });

        var afterChunk = await etl.RunAsync(CancellationToken.None);
        Assert.Equal(EtlMode.Incremental, afterChunk.Mode);
        Assert.Equal(30, afterChunk.Days);
        Assert.Equal(7, afterChunk.Rows);
        Assert.Equal("2024-02-10 2 late=2 clv=298.90", await connection.ExecuteScalarAsync<string>("""
            SELECT format('%s %s late=%s clv=%s', f.date_key, f.customer_key, f.delay_days, c.lifetime_revenue)
            FROM dw.fact_sales f JOIN dw.dim_customer c ON c.customer_key = f.customer_key WHERE f.order_id = 16
            """));
        Assert.Equal(0, (await etl.RunAsync(CancellationToken.None)).Days);

        // The chunk runs again (it replaces its rows): its days are reloaded once more.
        await connection.ExecuteAsync("UPDATE sim.run_chunks SET finished_at = now() + interval '1 second' WHERE run_id = @runId", new { runId });
        Assert.Equal(30, (await etl.RunAsync(CancellationToken.None)).Days);

        var incremental = await WarehouseShop.FingerprintAsync(db);
        await etl.RebuildAsync(CancellationToken.None);
        Assert.Equal(incremental, await WarehouseShop.FingerprintAsync(db));

        // An import may replace anything: the next load is a rebuild, and the one after has nothing to do.
        await connection.ExecuteAsync("""
            INSERT INTO sim.runs (kind, status, seed, parameters, chunks_total, chunks_done, rows_written, finished_at)
            VALUES ('olist_import', 'completed', 0, '{}', 0, 0, 0, now())
            """);
        var afterImport = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Full, "import"), (afterImport.Mode, afterImport.Reason));
        var afterRebuild = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Incremental, 0), (afterRebuild.Mode, afterRebuild.Days));
        Assert.Equal(incremental, await WarehouseShop.FingerprintAsync(db));
    }

    [Fact]
    public async Task An_empty_shop_loads_nothing_and_its_first_orders_are_loaded_next_time()
    {
        var db = await servers.NewMigratedDatabaseAsync("dw_empty");
        await using var dataSource = NpgsqlDataSource.Create(db);
        var etl = WarehouseShop.Etl(dataSource);

        var empty = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Full, 0, 0L), (empty.Mode, empty.Days, empty.Rows));

        await WarehouseShop.SeedAsync(db);
        var loaded = await etl.RunAsync(CancellationToken.None);
        Assert.Equal((EtlMode.Incremental, 2, 6L), (loaded.Mode, loaded.Days, loaded.Rows));
        var incremental = await WarehouseShop.FingerprintAsync(db);
        await etl.RebuildAsync(CancellationToken.None);
        Assert.Equal(incremental, await WarehouseShop.FingerprintAsync(db));
    }

    private async Task<(string Db, NpgsqlDataSource DataSource)> SeededAsync(string prefix)
    {
        var db = await servers.NewMigratedDatabaseAsync(prefix);
        await WarehouseShop.SeedAsync(db);
        return (db, NpgsqlDataSource.Create(db));
    }

    private static async Task<List<string>> LinesAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        return [.. await connection.QueryAsync<string>(sql)];
    }
}
