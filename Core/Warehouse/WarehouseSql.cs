using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>
/// The ETL's SQL, step by step (<see cref="WarehouseEtl"/> runs it in one REPEATABLE READ transaction). The warehouse's
/// figures are defined here, once:
/// <list type="bullet">
/// <item>Business day: <c>dw.business_day(t)</c> = <c>(t AT TIME ZONE 'America/Sao_Paulo')::date</c>, as the live KPIs.</item>
/// <item>Revenue of an order item: <see cref="Revenue"/> — its price when the order's status is revenue-bearing
/// (<see cref="OrderStatuses.RevenueBearing"/>), else 0; freight is passed on to carriers and is not revenue (the live
/// KPIs use the same definition, Core/Realtime/LiveKpis.cs).</item>
/// <item>Delivery days, delay days and on-time flag: <see cref="DeliveryDays"/>, <see cref="DelayDays"/>,
/// <see cref="OnTime"/>, in whole business days; null until delivered.</item>
/// <item>Customer lifetime value: <see cref="CustomerFigures"/> — the sum of revenue over all the customer's orders.</item>
/// </list>
/// Work tables (temporary, dropped at commit): <c>etl_days</c> (the business days being reloaded),
/// <c>etl_orders</c> (their orders) and <c>etl_customers</c> (customers whose lifetime figures must be recomputed).
/// </summary>
internal static class WarehouseSql
{
    /// <summary>Statuses an order can still leave; anything else (delivered, canceled, unavailable, returned) is final.</summary>
    public static readonly IReadOnlyList<string> OpenStatuses = [OrderStatuses.Processing, OrderStatuses.Invoiced, OrderStatuses.Shipped];

    /// <summary>Run kinds written chunk by chunk (sim.run_chunks); other kinds (imports) replace data in one go.</summary>
    public static readonly string[] ChunkedRunKinds = [RunKinds.History, RunKinds.Live];

    /// <summary>The item's order brings revenue. Parameter: @revenueStatuses = <see cref="OrderStatuses.RevenueBearing"/>.</summary>
    public const string IsRevenue = "o.status = ANY(@revenueStatuses)";

    /// <summary>
    /// THE revenue of an order item (BRL): its price, when the order's status is revenue-bearing; 0 for canceled,
    /// unavailable and returned orders. Freight is not revenue (the marketplace passes it on to the carrier).
    /// </summary>
    public const string Revenue = $"CASE WHEN {IsRevenue} THEN i.price ELSE 0 END";

    /// <summary>Whole business days from purchase to delivery; null until delivered.</summary>
    public const string DeliveryDays = "dw.business_day(d.delivered_at) - o.date_key";

    /// <summary>Delivered business day minus promised business day (negative: early); null until delivered.</summary>
    public const string DelayDays = "dw.business_day(d.delivered_at) - dw.business_day(d.promised_at)";

    /// <summary>Delivered on or before the promised business day (delay_days &lt;= 0); null until delivered.</summary>
    public const string OnTime = "dw.business_day(d.delivered_at) <= dw.business_day(d.promised_at)";

    public const string ReadState = "SELECT last_run_at IS NOT NULL FROM dw.etl_state WHERE id = 1 FOR UPDATE";

    /// <summary>An import (a run without chunks) completed since the last load: it may have replaced anything.</summary>
    public const string UnseenImport = """
        SELECT EXISTS (
            SELECT 1 FROM sim.runs r
            WHERE r.kind <> ALL(@chunkedKinds) AND r.status = @completed AND r.finished_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM dw.etl_sources s
                              WHERE s.run_id = r.id AND s.chunk_no = -1 AND s.finished_at = r.finished_at))
        """;

    /// <summary>
    /// For the load's transaction only: memory for its sorts and hashes (the default 4 MB spills a million rows to
    /// disk); no JIT, whose compilation costs more than the small queries of an incremental load; and the random page
    /// cost of SSD storage, so that the few days of an incremental load are read by index lookups, not table scans.
    /// </summary>
    public const string SessionSettings =
        "SET LOCAL work_mem = '64MB'; SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL jit = off; SET LOCAL random_page_cost = 1.1;";

    public const string CreateWorkTables = """
        CREATE TEMP TABLE etl_days (day date PRIMARY KEY) ON COMMIT DROP;
        CREATE TEMP TABLE etl_customers (customer_key bigint PRIMARY KEY) ON COMMIT DROP;
        CREATE TEMP TABLE etl_month_products (month date, product_key bigint, PRIMARY KEY (month, product_key)) ON COMMIT DROP;
        """;

    /// <summary>
    /// The business days whose rows may differ from the warehouse since the last load:
    /// orders purchased after the watermark (new orders);
    /// days of live batches committed since (new orders and status changes of live mode, any day);
    /// days of fact rows in an open status whose order now has another status, or is gone;
    /// days of simulation chunks completed (or completed again) since they were last loaded (history written in any
    /// order, chunks re-run);
    /// days of orders reviewed after the review watermark (reviews arrive after delivery).
    /// Lookups of single orders are LATERAL ... LIMIT 1 so that they stay index lookups whatever the table sizes.
    /// </summary>
    public static readonly string ChangedDays = $"""
        INSERT INTO etl_days (day)
        SELECT dw.business_day(o.purchased_at) FROM shop.orders o
        WHERE o.purchased_at > (SELECT coalesce(watermark, '-infinity') FROM dw.etl_state WHERE id = 1)
        UNION
        SELECT b.day FROM sim.live_batches b
        WHERE b.id > (SELECT coalesce(live_batch_id, 0) FROM dw.etl_state WHERE id = 1)
        UNION
        SELECT f.date_key FROM dw.fact_sales f
        LEFT JOIN LATERAL (SELECT o.status FROM shop.orders o WHERE o.id = f.order_id LIMIT 1) o ON true
        WHERE f.status IN ({Quoted(OpenStatuses)}) AND o.status IS DISTINCT FROM f.status
        UNION
        SELECT g.day::date
        FROM sim.run_chunks c
        CROSS JOIN LATERAL generate_series(c.from_date::timestamp, c.to_date::timestamp, interval '1 day') AS g (day)
        WHERE c.chunk_no <> 0 AND c.status = @completed AND c.finished_at IS NOT NULL
          AND c.from_date IS NOT NULL AND c.to_date IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM dw.etl_sources s
                          WHERE s.run_id = c.run_id AND s.chunk_no = c.chunk_no AND s.finished_at = c.finished_at)
        UNION
        SELECT dw.business_day(o.purchased_at) FROM shop.reviews r
        CROSS JOIN LATERAL (SELECT o.purchased_at FROM shop.orders o WHERE o.id = r.order_id LIMIT 1) o
        WHERE r.created_at > (SELECT coalesce(review_watermark, '-infinity') FROM dw.etl_state WHERE id = 1);
        ANALYZE etl_days;
        """;

    /// <summary>
    /// Incremental: remember the customers of the rows about to go (and the products and months of the daily product
    /// rows), then remove the days from the fact and the aggregates.
    /// </summary>
    public const string DeleteDays = """
        INSERT INTO etl_customers (customer_key)
        SELECT DISTINCT f.customer_key FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
        ON CONFLICT DO NOTHING;
        DELETE FROM dw.fact_sales f USING etl_days d WHERE f.date_key = d.day;
        DELETE FROM dw.agg_daily_orders a USING etl_days d WHERE a.date_key = d.day;
        DELETE FROM dw.agg_daily_sales a USING etl_days d WHERE a.date_key = d.day;
        DELETE FROM dw.agg_daily_delivery a USING etl_days d WHERE a.date_key = d.day;
        DELETE FROM dw.agg_daily_basket_pairs a USING etl_days d WHERE a.date_key = d.day;
        DELETE FROM dw.agg_daily_seller a USING etl_days d WHERE a.date_key = d.day;
        DELETE FROM dw.agg_daily_charges a USING etl_days d WHERE a.date_key = d.day;
        WITH gone AS (DELETE FROM dw.agg_daily_product a USING etl_days d WHERE a.date_key = d.day RETURNING a.date_key, a.product_key)
        INSERT INTO etl_month_products (month, product_key)
        SELECT DISTINCT date_trunc('month', date_key::timestamp)::date, product_key FROM gone
        ON CONFLICT DO NOTHING;
        DELETE FROM dw.agg_customer_day a USING etl_days d WHERE a.date_key = d.day;
        """;

    /// <summary>Full rebuild: everything goes (calendar included: it is regenerated for the years loaded).</summary>
    public const string TruncateAll = """
        TRUNCATE dw.fact_sales, dw.agg_daily_orders, dw.agg_daily_sales, dw.agg_daily_delivery,
                 dw.agg_daily_basket_pairs, dw.agg_daily_seller, dw.agg_monthly_product, dw.product_lifecycle, dw.agg_customer_value,
                 dw.agg_daily_charges, dw.agg_daily_product, dw.agg_lifecycle_stages, dw.agg_customer_day, dw.agg_weekly_seller, dw.customer_months,
                 dw.agg_cohort_month, dw.agg_cohort_day, dw.dim_customer, dw.dim_product, dw.dim_seller, dw.dim_date, dw.etl_sources;
        """;

    /// <summary>
    /// Incremental: the orders of the days being reloaded. A São Paulo day lies within [day 00:00 UTC, day+1 06:00 UTC)
    /// (UTC−3, or UTC−2 in the old summer time), so each day is an index range scan on shop.orders.purchased_at,
    /// narrowed to the exact business day.
    /// </summary>
    public const string SelectDayOrders = """
        CREATE TEMP TABLE etl_orders ON COMMIT DROP AS
        SELECT o.id, o.customer_id, o.status, o.purchased_at, d.day AS date_key, o.ship_city, o.ship_state
        FROM etl_days d
        JOIN shop.orders o
          ON o.purchased_at >= d.day::timestamp AT TIME ZONE 'UTC'
         AND o.purchased_at < (d.day + 1)::timestamp AT TIME ZONE 'UTC' + interval '6 hours'
         AND dw.business_day(o.purchased_at) = d.day;
        ALTER TABLE etl_orders ADD PRIMARY KEY (id);
        ANALYZE etl_orders;
        """;

    /// <summary>Full rebuild: every order, and every day that has one.</summary>
    public const string SelectAllOrders = """
        CREATE TEMP TABLE etl_orders ON COMMIT DROP AS
        SELECT o.id, o.customer_id, o.status, o.purchased_at, dw.business_day(o.purchased_at) AS date_key, o.ship_city, o.ship_state
        FROM shop.orders o;
        ALTER TABLE etl_orders ADD PRIMARY KEY (id);
        ANALYZE etl_orders;
        INSERT INTO etl_days (day) SELECT DISTINCT date_key FROM etl_orders;
        ANALYZE etl_days;
        """;

    /// <summary>One fact row per item of the selected orders, with the order's delivery, latest review and first payment.</summary>
    public const string InsertFacts = $"""
        INSERT INTO dw.fact_sales (
            order_id, item_no, date_key, purchased_at, customer_key, product_key, seller_key,
            customer_city, customer_state, seller_state, category, status, is_revenue,
            price, freight, cost, revenue,
            carrier, promised_at, delivered_at, delivery_days, delay_days, on_time,
            review_score, payment_type, installments)
        SELECT o.id, i.item_no, o.date_key, o.purchased_at, o.customer_id, i.product_id, i.seller_id,
               o.ship_city, o.ship_state, s.state, p.category, o.status, {IsRevenue},
               i.price, i.freight, i.cost, {Revenue},
               d.carrier, d.promised_at, d.delivered_at, {DeliveryDays}, {DelayDays}, {OnTime},
               rv.score, pay.type, pay.installments
        FROM etl_orders o
        JOIN shop.order_items i ON i.order_id = o.id
        JOIN shop.products p ON p.id = i.product_id
        JOIN shop.sellers s ON s.id = i.seller_id
        LEFT JOIN shop.deliveries d ON d.order_id = o.id
        LEFT JOIN LATERAL (SELECT r.score FROM shop.reviews r WHERE r.order_id = o.id
                           ORDER BY r.created_at DESC, r.id DESC LIMIT 1) rv ON true
        LEFT JOIN LATERAL (SELECT pm.type, pm.installments FROM shop.payments pm WHERE pm.order_id = o.id
                           ORDER BY pm.seq LIMIT 1) pay ON true
        """;

    /// <summary>
    /// Incremental loads touch a few days: their orders' rows are found by key. A merge join would read the shop's
    /// indexes from their first key to the day's orders instead (the planner cannot tell that a day's ids are clustered).
    /// </summary>
    public const string KeyLookups = "SET LOCAL enable_mergejoin = off";

    /// <summary>A world chunk (customers, sellers, products) completed since the last load: look for new dimension rows everywhere.</summary>
    public const string UnseenWorldChunk = """
        SELECT EXISTS (
            SELECT 1 FROM sim.run_chunks c
            WHERE c.chunk_no = 0 AND c.status = @completed AND c.finished_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM dw.etl_sources s
                              WHERE s.run_id = c.run_id AND s.chunk_no = 0 AND s.finished_at = c.finished_at))
        """;

    /// <summary>
    /// Customer lifetime figures over the customer's fact rows: revenue-bearing orders; lifetime revenue = customer
    /// lifetime value to date = the sum of fact_sales.revenue; first and last revenue-bearing purchase; cohort month =
    /// month of the first revenue-bearing purchase's business day. {0} selects the customers. A customer without fact
    /// rows has 0 orders, 0 revenue and nulls (coalesced where this is joined).
    /// </summary>
    private const string CustomerFigures = """
        SELECT f.customer_key,
               (count(DISTINCT f.order_id) FILTER (WHERE f.is_revenue))::integer AS orders,
               sum(f.revenue) AS lifetime_revenue,
               min(f.purchased_at) FILTER (WHERE f.is_revenue) AS first_order_at,
               max(f.purchased_at) FILTER (WHERE f.is_revenue) AS last_order_at,
               date_trunc('month', (min(f.date_key) FILTER (WHERE f.is_revenue))::timestamp)::date AS cohort_month
        FROM dw.fact_sales f
        WHERE {0}
        GROUP BY f.customer_key
        """;

    /// <summary>Customer rows with their figures, from <c>shop.customers c</c> joined as {0}; figures of the customers {1}.</summary>
    private const string CustomerRows = """
        INSERT INTO dw.dim_customer AS x (customer_key, city, state, region, persona, signup_at, signup_date,
                                          orders, lifetime_revenue, first_order_at, last_order_at, cohort_month)
        SELECT c.id, c.city, c.state, l.region, c.persona, c.signup_at, dw.business_day(c.signup_at),
               coalesce(v.orders, 0), coalesce(v.lifetime_revenue, 0), v.first_order_at, v.last_order_at, v.cohort_month
        FROM {0}
        LEFT JOIN dw.dim_location l ON l.state = c.state
        LEFT JOIN ({1}) v ON v.customer_key = c.id
        """;

    /// <summary>Full rebuild: every customer, with figures over the whole fact table.</summary>
    public static readonly string InsertAllCustomers =
        string.Format(CustomerRows, "shop.customers c", string.Format(CustomerFigures, "true")) + ";";

    /// <summary>
    /// Incremental: the customers of the rows deleted and reloaded, customers who signed up after the signup
    /// watermark and, after a world chunk, every customer the dimension lacks, are inserted or brought up to date.
    /// </summary>
    public static string UpsertCustomers(bool sweep) => $"""
        INSERT INTO etl_customers (customer_key) SELECT DISTINCT customer_id FROM etl_orders ON CONFLICT DO NOTHING;
        INSERT INTO etl_customers (customer_key)
        SELECT c.id FROM shop.customers c
        WHERE c.signup_at > (SELECT coalesce(customer_watermark, '-infinity') FROM dw.etl_state WHERE id = 1)
        ON CONFLICT DO NOTHING;
        {(sweep ? """
            INSERT INTO etl_customers (customer_key)
            SELECT c.id FROM shop.customers c WHERE NOT EXISTS (SELECT 1 FROM dw.dim_customer x WHERE x.customer_key = c.id)
            ON CONFLICT DO NOTHING;
            """ : "")}
        ANALYZE etl_customers;
        {AnalyticsAggregatesSql.CaptureCustomerValueBefore}
        {string.Format(CustomerRows, "etl_customers t JOIN shop.customers c ON c.id = t.customer_key",
            string.Format(CustomerFigures, "f.customer_key IN (SELECT customer_key FROM etl_customers)"))}
        ON CONFLICT (customer_key) DO UPDATE SET
            city = excluded.city, state = excluded.state, region = excluded.region, persona = excluded.persona,
            signup_at = excluded.signup_at, signup_date = excluded.signup_date, orders = excluded.orders,
            lifetime_revenue = excluded.lifetime_revenue, first_order_at = excluded.first_order_at,
            last_order_at = excluded.last_order_at, cohort_month = excluded.cohort_month
        WHERE (x.city, x.state, x.region, x.persona, x.signup_at, x.orders, x.lifetime_revenue, x.first_order_at, x.last_order_at, x.cohort_month)
              IS DISTINCT FROM (excluded.city, excluded.state, excluded.region, excluded.persona, excluded.signup_at, excluded.orders,
                                excluded.lifetime_revenue, excluded.first_order_at, excluded.last_order_at, excluded.cohort_month);
        """;

    private const string ProductRows = """
        INSERT INTO dw.dim_product AS x (product_key, name, category, price, cost, lifecycle, launched_at, weight_grams)
        SELECT p.id, p.name, p.category, p.price, p.cost, p.lifecycle, p.launched_at, p.weight_grams
        FROM {0}
        """;

    private const string SellerRows = """
        INSERT INTO dw.dim_seller AS x (seller_key, name, city, state, region, joined_at)
        SELECT s.id, s.name, s.city, s.state, l.region, s.joined_at
        FROM {0}
        LEFT JOIN dw.dim_location l ON l.state = s.state
        """;

    /// <summary>Full rebuild: every product and seller.</summary>
    public static readonly string InsertAllProductsAndSellers =
        string.Format(ProductRows, "shop.products p") + ";\n" + string.Format(SellerRows, "shop.sellers s") + ";";

    /// <summary>
    /// Incremental: products and sellers of the reloaded days are inserted or brought up to date; after a world chunk,
    /// every product and seller the dimensions lack is added.
    /// </summary>
    public static string UpsertProductsAndSellers(bool sweep) => $"""
        {string.Format(ProductRows, "(SELECT DISTINCT f.product_key FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key) t JOIN shop.products p ON p.id = t.product_key")}
        ON CONFLICT (product_key) DO UPDATE SET
            name = excluded.name, category = excluded.category, price = excluded.price, cost = excluded.cost,
            lifecycle = excluded.lifecycle, launched_at = excluded.launched_at, weight_grams = excluded.weight_grams
        WHERE (x.name, x.category, x.price, x.cost, x.lifecycle, x.launched_at, x.weight_grams)
              IS DISTINCT FROM (excluded.name, excluded.category, excluded.price, excluded.cost, excluded.lifecycle, excluded.launched_at, excluded.weight_grams);
        {string.Format(SellerRows, "(SELECT DISTINCT f.seller_key FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key) t JOIN shop.sellers s ON s.id = t.seller_key")}
        ON CONFLICT (seller_key) DO UPDATE SET
            name = excluded.name, city = excluded.city, state = excluded.state, region = excluded.region, joined_at = excluded.joined_at
        WHERE (x.name, x.city, x.state, x.region, x.joined_at)
              IS DISTINCT FROM (excluded.name, excluded.city, excluded.state, excluded.region, excluded.joined_at);
        {(sweep ? string.Format(ProductRows, "shop.products p") + " WHERE NOT EXISTS (SELECT 1 FROM dw.dim_product d WHERE d.product_key = p.id);\n"
                + string.Format(SellerRows, "shop.sellers s") + " WHERE NOT EXISTS (SELECT 1 FROM dw.dim_seller d WHERE d.seller_key = s.id);" : "")}
        """;

    /// <summary>Secondary indexes of the fact table (not its primary key): a full rebuild drops them and builds them again after the load.</summary>
    public const string FactSecondaryIndexes = """
        SELECT format('%I.%I', schemaname, indexname), indexdef FROM pg_indexes
        WHERE schemaname = 'dw' AND tablename = 'fact_sales'
          AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'dw.fact_sales'::regclass)
        ORDER BY indexname
        """;

    /// <summary>The daily aggregates of the reloaded days, from the fact rows just written.</summary>
    public const string InsertAggregates = """
        INSERT INTO dw.agg_daily_orders (date_key, state, orders, revenue_orders, items, items_with_cost, revenue, freight, cost, customers)
        SELECT f.date_key, f.customer_state,
               count(DISTINCT f.order_id),
               count(DISTINCT f.order_id) FILTER (WHERE f.is_revenue),
               count(*) FILTER (WHERE f.is_revenue),
               count(f.cost) FILTER (WHERE f.is_revenue),
               sum(f.revenue),
               coalesce(sum(f.freight) FILTER (WHERE f.is_revenue), 0),
               coalesce(sum(f.cost) FILTER (WHERE f.is_revenue), 0),
               count(DISTINCT f.customer_key) FILTER (WHERE f.is_revenue)
        FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
        GROUP BY f.date_key, f.customer_state
        ORDER BY 1;

        INSERT INTO dw.agg_daily_sales (date_key, state, category, orders, revenue_orders, items, items_with_cost, revenue, freight, cost)
        SELECT f.date_key, f.customer_state, f.category,
               count(DISTINCT f.order_id),
               count(DISTINCT f.order_id) FILTER (WHERE f.is_revenue),
               count(*) FILTER (WHERE f.is_revenue),
               count(f.cost) FILTER (WHERE f.is_revenue),
               sum(f.revenue),
               coalesce(sum(f.freight) FILTER (WHERE f.is_revenue), 0),
               coalesce(sum(f.cost) FILTER (WHERE f.is_revenue), 0)
        FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
        GROUP BY f.date_key, f.customer_state, f.category
        ORDER BY 1;

        INSERT INTO dw.agg_daily_delivery (date_key, state, carrier, orders, delivered, on_time, late,
                                           delivery_days_sum, delay_days_sum, late_days_sum)
        SELECT o.date_key, o.customer_state, o.carrier,
               count(*), count(o.delivered_at),
               count(*) FILTER (WHERE o.on_time), count(*) FILTER (WHERE NOT o.on_time),
               coalesce(sum(o.delivery_days), 0), coalesce(sum(o.delay_days), 0), coalesce(sum(greatest(o.delay_days, 0)), 0)
        FROM (SELECT DISTINCT ON (f.order_id) f.order_id, f.date_key, f.customer_state, f.carrier, f.delivered_at,
                     f.on_time, f.delivery_days, f.delay_days
              FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
              WHERE f.carrier IS NOT NULL
              ORDER BY f.order_id, f.item_no) o
        GROUP BY o.date_key, o.customer_state, o.carrier
        ORDER BY 1;
        """;

    public const string FactDateRange = "SELECT min(date_key), max(date_key) FROM dw.fact_sales";

    public const string CalendarRange = "SELECT min(date_key), max(date_key) FROM dw.dim_date";

    public const string InsertCalendar = """
        INSERT INTO dw.dim_date (date_key, year, quarter, month, month_name, year_month, day_of_month, iso_year, iso_week,
                                 weekday, weekday_name, is_weekend, is_holiday, holiday_name, retail_event,
                                 is_black_friday, is_cyber_monday, is_carnaval)
        SELECT * FROM unnest(@date_key, @year, @quarter, @month, @month_name, @year_month, @day_of_month, @iso_year, @iso_week,
                             @weekday, @weekday_name, @is_weekend, @is_holiday, @holiday_name, @retail_event,
                             @is_black_friday, @is_cyber_monday, @is_carnaval)
        ON CONFLICT (date_key) DO NOTHING
        """;

    /// <summary>Chunks and imports now loaded: each is reloaded again only if it is rewritten (a new finish time).</summary>
    public const string RememberSources = """
        INSERT INTO dw.etl_sources (run_id, chunk_no, finished_at)
        SELECT c.run_id, c.chunk_no, c.finished_at FROM sim.run_chunks c
        WHERE c.status = @completed AND c.finished_at IS NOT NULL
        UNION ALL
        SELECT r.id, -1, r.finished_at FROM sim.runs r
        WHERE r.kind <> ALL(@chunkedKinds) AND r.status = @completed AND r.finished_at IS NOT NULL
        ON CONFLICT (run_id, chunk_no) DO UPDATE SET finished_at = excluded.finished_at
        WHERE dw.etl_sources.finished_at IS DISTINCT FROM excluded.finished_at;
        """;

    /// <summary>
    /// The watermarks as of this run's snapshot, and the run's figures. The version grows when the load rewrote
    /// something (a rebuild, a reloaded day, a dimension row), so that caches of warehouse data know when to refresh.
    /// </summary>
    public const string SaveState = """
        UPDATE dw.etl_state SET
            watermark = (SELECT max(purchased_at) FROM shop.orders),
            review_watermark = (SELECT max(created_at) FROM shop.reviews),
            customer_watermark = (SELECT max(signup_at) FROM shop.customers),
            live_batch_id = (SELECT max(id) FROM sim.live_batches),
            last_run_at = now(), last_mode = @mode, last_days = @days, last_rows = @rows, last_seconds = @seconds,
            version = version + CASE WHEN @changed THEN 1 ELSE 0 END
        WHERE id = 1
        RETURNING version;
        """;

    /// <summary>
    /// After a rebuild (outside its transaction): statistics for the planner, and the visibility map that lets index-only
    /// scans (customer figures, dashboards) skip the table.
    /// </summary>
    public const string VacuumAll = """
        VACUUM (ANALYZE) dw.fact_sales, dw.agg_daily_orders, dw.agg_daily_sales, dw.agg_daily_delivery,
                         dw.agg_daily_basket_pairs, dw.agg_daily_seller, dw.agg_monthly_product, dw.product_lifecycle, dw.agg_customer_value,
                         dw.agg_daily_charges, dw.agg_daily_product, dw.agg_lifecycle_stages, dw.agg_customer_day, dw.agg_weekly_seller,
                         dw.customer_months, dw.agg_cohort_month, dw.agg_cohort_day, dw.dim_customer, dw.dim_product, dw.dim_seller, dw.dim_date;
        """;

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
