using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>
/// The ETL's SQL for the aggregates of the product, seller and customer analytics (migration
/// 20261125000000_AnalyticsAggregates), run by <see cref="WarehouseEtl"/> in the load's transaction, after the fact rows
/// of the reloaded days (<c>etl_days</c>) are written. Definitions:
/// <list type="bullet">
/// <item><c>agg_daily_basket_pairs</c>: for each revenue-bearing order with at least two items, each unordered pair of
/// distinct categories (level category) and of distinct products (level product, keys as text) it holds, counted once
/// per order; item_a &lt; item_b (byte order).</item>
/// <item><c>agg_daily_seller</c>: per seller, the orders holding an item of theirs, counted once per order: status
/// (revenue-bearing; canceled or unavailable), the seller's revenue-bearing items and revenue, and the order's delivery
/// and latest review (as <see cref="WarehouseSql.DelayDays"/> and <see cref="WarehouseSql.OnTime"/>).</item>
/// <item><c>agg_daily_charges</c>: per day, ship state, category ('' = all categories, an order counted once) and
/// first payment type, over the items of revenue-bearing and returned orders: orders, price + freight charged, returned
/// orders and the price of returned items (refunds) — finance's payment fees and refunds.</item>
/// <item><c>agg_monthly_product</c>: revenue-bearing sales per calendar month and product (orders counted per day and
/// added up: an order has one day); the months of the products of the reloaded days are aggregated again from
/// <c>agg_daily_product</c>.</item>
/// <item><c>agg_customer_value</c>: customers with a revenue-bearing order per state and CLV bucket
/// (<see cref="CustomerLifetimeValueAnalytics.BucketEdges"/>), kept by deltas: the contributions of the customers whose
/// row may have changed are taken away before the row is written and added after.</item>
/// <item><c>agg_daily_product</c>: revenue-bearing orders, items and revenue per day and product (top products).</item>
/// <item><c>agg_weekly_seller</c>: <c>agg_daily_seller</c> per week (Monday) and seller, all ship states together;
/// the weeks of the reloaded days are added up again.</item>
/// <item><c>agg_customer_day</c>: revenue-bearing orders and revenue (in centavos) per day, customer and ship state (RFM).</item>
/// <item><c>customer_months</c>: the months in which a customer made a revenue-bearing purchase, with the first such day
/// and the customer's cohort month and state; <c>agg_cohort_month</c> and <c>agg_cohort_day</c> count them per cohort,
/// state and month (first day): the cohort retention matrix. Kept by deltas: the rows of the customers whose figures
/// may have changed (<c>etl_customers</c>) are subtracted, written again and added.</item>
/// <item><c>product_lifecycle</c> and its counts per category and stage <c>agg_lifecycle_stages</c>: <see cref="ProductLifecycleAnalytics"/>'s rules, recomputed when the reference month
/// moves or a reloaded day falls in or before it.</item>
/// </list>
/// </summary>
internal static class AnalyticsAggregatesSql
{
    private static readonly string NotFulfilled = $"'{OrderStatuses.Canceled}', '{OrderStatuses.Unavailable}'";

    public static readonly string InsertDayAggregates = $"""
        INSERT INTO dw.agg_daily_basket_pairs (date_key, level, item_a, item_b, orders)
        WITH lines AS (
            SELECT f.date_key, f.order_id, f.category, f.product_key::text AS product
            FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
            WHERE f.is_revenue
        ), basket AS (
            SELECT l.* FROM lines l
            JOIN (SELECT order_id FROM lines GROUP BY order_id HAVING count(*) > 1) m ON m.order_id = l.order_id
        )
        SELECT a.date_key, '{CrossSellAnalytics.CategoryLevel}', a.category, b.category, count(DISTINCT a.order_id)
        FROM basket a JOIN basket b ON b.order_id = a.order_id AND a.category COLLATE "C" < b.category COLLATE "C"
        GROUP BY a.date_key, a.category, b.category
        UNION ALL
        SELECT a.date_key, '{CrossSellAnalytics.ProductLevel}', a.product, b.product, count(DISTINCT a.order_id)
        FROM basket a JOIN basket b ON b.order_id = a.order_id AND a.product COLLATE "C" < b.product COLLATE "C"
        GROUP BY a.date_key, a.product, b.product
        ORDER BY 1;

        INSERT INTO dw.agg_daily_seller (date_key, seller_key, state, orders, revenue_orders, canceled_orders, items, revenue,
                                         delivery_orders, delivered, on_time, late, delivery_days_sum, delay_days_sum, late_days_sum,
                                         reviewed, review_score_sum)
        SELECT o.date_key, o.seller_key, o.state,
               count(*), count(*) FILTER (WHERE o.is_revenue), count(*) FILTER (WHERE o.status IN ({NotFulfilled})),
               sum(o.items), sum(o.revenue),
               count(o.carrier), count(o.delivered_at), count(*) FILTER (WHERE o.on_time), count(*) FILTER (WHERE NOT o.on_time),
               coalesce(sum(o.delivery_days), 0), coalesce(sum(o.delay_days), 0), coalesce(sum(greatest(o.delay_days, 0)), 0),
               count(o.review_score), coalesce(sum(o.review_score), 0)
        FROM (SELECT f.date_key, f.seller_key, f.order_id, min(f.customer_state) AS state, bool_or(f.is_revenue) AS is_revenue,
                     min(f.status) AS status, count(*) FILTER (WHERE f.is_revenue) AS items, sum(f.revenue) AS revenue,
                     min(f.carrier) AS carrier, min(f.delivered_at) AS delivered_at, bool_and(f.on_time) AS on_time,
                     min(f.delivery_days) AS delivery_days, min(f.delay_days) AS delay_days, min(f.review_score) AS review_score
              FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
              GROUP BY f.date_key, f.seller_key, f.order_id) o
        GROUP BY o.date_key, o.seller_key, o.state
        ORDER BY o.date_key;

        INSERT INTO dw.agg_customer_day (date_key, customer_key, state, orders, revenue_cents)
        SELECT f.date_key, f.customer_key, f.customer_state, count(DISTINCT f.order_id), (sum(f.revenue) * 100)::bigint
        FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
        WHERE f.is_revenue
        GROUP BY f.date_key, f.customer_key, f.customer_state
        ORDER BY f.date_key;

        INSERT INTO dw.agg_daily_product (date_key, product_key, category, orders, items, revenue)
        SELECT f.date_key, f.product_key, min(f.category), count(DISTINCT f.order_id), count(*), sum(f.revenue)
        FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
        WHERE f.is_revenue
        GROUP BY f.date_key, f.product_key
        ORDER BY f.date_key;

        INSERT INTO dw.agg_daily_charges (date_key, state, category, payment_type, orders, charged, returned_orders, refunds)
        SELECT f.date_key, f.customer_state, CASE WHEN GROUPING(f.category) = 1 THEN '' ELSE f.category END, coalesce(f.payment_type, ''),
               count(DISTINCT f.order_id), sum(f.price + f.freight),
               count(DISTINCT f.order_id) FILTER (WHERE f.status = '{OrderStatuses.Returned}'),
               coalesce(sum(f.price) FILTER (WHERE f.status = '{OrderStatuses.Returned}'), 0)
        FROM dw.fact_sales f JOIN etl_days d ON d.day = f.date_key
        WHERE f.is_revenue OR f.status = '{OrderStatuses.Returned}'
        GROUP BY GROUPING SETS ((f.date_key, f.customer_state, f.payment_type), (f.date_key, f.customer_state, f.category, f.payment_type))
        ORDER BY 1;

        """;

    private const string WeeklySellerColumns = """
        orders, revenue_orders, canceled_orders, items, revenue, delivery_orders, delivered, on_time, late,
        delivery_days_sum, delay_days_sum, late_days_sum, reviewed, review_score_sum
        """;

    private const string WeeklySellerSums = """
        sum(a.orders), sum(a.revenue_orders), sum(a.canceled_orders), sum(a.items), sum(a.revenue), sum(a.delivery_orders),
        sum(a.delivered), sum(a.on_time), sum(a.late), sum(a.delivery_days_sum), sum(a.delay_days_sum), sum(a.late_days_sum),
        sum(a.reviewed), sum(a.review_score_sum)
        """;

    /// <summary>Full rebuild: every week of every seller from the daily rows.</summary>
    public static readonly string InsertAllWeeklySellers = $"""
        INSERT INTO dw.agg_weekly_seller (week, seller_key, {WeeklySellerColumns})
        SELECT date_trunc('week', a.date_key::timestamp)::date, a.seller_key, {WeeklySellerSums}
        FROM dw.agg_daily_seller a
        GROUP BY 1, 2
        ORDER BY 1;
        """;

    /// <summary>Incremental: the weeks of the reloaded days are added up again from the daily rows.</summary>
    public static readonly string RefreshWeeklySellers = $"""
        CREATE TEMP TABLE etl_weeks ON COMMIT DROP AS
        SELECT DISTINCT date_trunc('week', day::timestamp)::date AS week FROM etl_days;
        ANALYZE etl_weeks;
        DELETE FROM dw.agg_weekly_seller a USING etl_weeks w WHERE a.week = w.week;
        INSERT INTO dw.agg_weekly_seller (week, seller_key, {WeeklySellerColumns})
        SELECT w.week, a.seller_key, {WeeklySellerSums}
        FROM etl_weeks w
        JOIN dw.agg_daily_seller a ON a.date_key >= w.week AND a.date_key < w.week + 7
        GROUP BY w.week, a.seller_key;
        """;

    /// <summary>Full rebuild: every month of every product from the daily rows.</summary>
    public const string InsertAllMonthlyProducts = """
        INSERT INTO dw.agg_monthly_product (month, product_key, category, orders, items, revenue, first_day, last_day)
        SELECT date_trunc('month', a.date_key::timestamp)::date, a.product_key, min(a.category), sum(a.orders), sum(a.items), sum(a.revenue),
               min(a.date_key), max(a.date_key)
        FROM dw.agg_daily_product a
        GROUP BY 1, 2
        ORDER BY 1;
        """;

    /// <summary>
    /// Incremental: the months of the products whose daily rows were removed or written again
    /// (<c>etl_month_products</c>, filled when the days were removed) are added up again from the daily rows.
    /// </summary>
    public const string RefreshMonthlyProducts = """
        INSERT INTO etl_month_products (month, product_key)
        SELECT DISTINCT date_trunc('month', a.date_key::timestamp)::date, a.product_key
        FROM dw.agg_daily_product a JOIN etl_days d ON d.day = a.date_key
        ON CONFLICT DO NOTHING;
        ANALYZE etl_month_products;
        DELETE FROM dw.agg_monthly_product a USING etl_month_products m WHERE a.month = m.month AND a.product_key = m.product_key;
        INSERT INTO dw.agg_monthly_product (month, product_key, category, orders, items, revenue, first_day, last_day)
        SELECT m.month, m.product_key, min(a.category), sum(a.orders), sum(a.items), sum(a.revenue), min(a.date_key), max(a.date_key)
        FROM etl_month_products m
        JOIN dw.agg_daily_product a ON a.product_key = m.product_key
             AND a.date_key >= m.month AND a.date_key < (m.month + interval '1 month')::date
        GROUP BY m.month, m.product_key;
        """;

    /// <summary>Full rebuild: every customer's active months, with their cohort and state from dim_customer (written before).</summary>
    private const string AllCustomerMonthRows = """
        INSERT INTO dw.customer_months (customer_key, month, first_day, cohort_month, state)
        SELECT m.customer_key, m.month, m.first_day, c.cohort_month, c.state
        FROM (SELECT f.customer_key, date_trunc('month', f.date_key::timestamp)::date AS month, min(f.date_key) AS first_day
              FROM dw.fact_sales f
              WHERE f.is_revenue
              GROUP BY 1, 2) m
        JOIN dw.dim_customer c ON c.customer_key = m.customer_key;
        """;

    /// <summary>Incremental: the same for the customers of etl_customers, one index lookup each.</summary>
    private const string ChangedCustomerMonthRows = """
        INSERT INTO dw.customer_months (customer_key, month, first_day, cohort_month, state)
        SELECT c.customer_key, m.month, m.first_day, c.cohort_month, c.state
        FROM etl_customers t
        JOIN dw.dim_customer c ON c.customer_key = t.customer_key
        CROSS JOIN LATERAL (
            SELECT date_trunc('month', f.date_key::timestamp)::date AS month, min(f.date_key) AS first_day
            FROM dw.fact_sales f
            WHERE f.customer_key = t.customer_key AND f.is_revenue
            GROUP BY 1) m;
        """;

    /// <summary>Full rebuild: every customer's active months and their counts.</summary>
    public static readonly string InsertAllCohortActivity = $"""
        {AllCustomerMonthRows}
        INSERT INTO dw.agg_cohort_month (cohort_month, month, state, customers)
        SELECT cohort_month, month, state, count(*) FROM dw.customer_months GROUP BY 1, 2, 3;
        INSERT INTO dw.agg_cohort_day (first_day, cohort_month, state, customers)
        SELECT first_day, cohort_month, state, count(*) FROM dw.customer_months GROUP BY 1, 2, 3;
        """;

    /// <summary>
    /// Incremental: the active months of the customers of <c>etl_customers</c> (after their dim_customer rows are
    /// written) are subtracted from the counts as they were, written again and added as they are now; counts that
    /// reach zero go.
    /// </summary>
    public static readonly string RefreshCohortActivity = $"""
        CREATE TEMP TABLE etl_cohort_delta ON COMMIT DROP AS
        SELECT m.cohort_month, m.month, m.first_day, m.state, -count(*)::integer AS customers
        FROM dw.customer_months m JOIN etl_customers t ON t.customer_key = m.customer_key
        GROUP BY 1, 2, 3, 4;
        DELETE FROM dw.customer_months m USING etl_customers t WHERE m.customer_key = t.customer_key;
        {ChangedCustomerMonthRows}
        INSERT INTO etl_cohort_delta (cohort_month, month, first_day, state, customers)
        SELECT m.cohort_month, m.month, m.first_day, m.state, count(*)::integer
        FROM dw.customer_months m JOIN etl_customers t ON t.customer_key = m.customer_key
        GROUP BY 1, 2, 3, 4;

        INSERT INTO dw.agg_cohort_month AS a (cohort_month, month, state, customers)
        SELECT cohort_month, month, state, sum(customers) FROM etl_cohort_delta GROUP BY 1, 2, 3 HAVING sum(customers) <> 0
        ON CONFLICT (cohort_month, month, state) DO UPDATE SET customers = a.customers + excluded.customers;
        DELETE FROM dw.agg_cohort_month a USING etl_cohort_delta d
        WHERE a.cohort_month = d.cohort_month AND a.month = d.month AND a.state = d.state AND a.customers = 0;

        INSERT INTO dw.agg_cohort_day AS a (first_day, cohort_month, state, customers)
        SELECT first_day, cohort_month, state, sum(customers) FROM etl_cohort_delta GROUP BY 1, 2, 3 HAVING sum(customers) <> 0
        ON CONFLICT (first_day, cohort_month, state) DO UPDATE SET customers = a.customers + excluded.customers;
        DELETE FROM dw.agg_cohort_day a USING etl_cohort_delta d
        WHERE a.first_day = d.first_day AND a.cohort_month = d.cohort_month AND a.state = d.state AND a.customers = 0;
        """;

    /// <summary>width_bucket's answer for a CLV: 0 below the first edge, i for [edge i−1, edge i), the number of edges at or above the last.</summary>
    private static readonly string Bucket =
        $"width_bucket(c.clv, ARRAY[{string.Join(", ", CustomerLifetimeValueAnalytics.BucketEdges.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)))}]::numeric[])";

    private static readonly string CustomerValueRows = $"""
        INSERT INTO dw.agg_customer_value (state, bucket, customers, orders, lifetime_revenue, predicted_revenue, clv)
        SELECT c.state, {Bucket}, count(*), sum(c.orders), sum(c.lifetime_revenue), sum(c.predicted_revenue_12m), sum(c.clv)
        FROM dw.dim_customer c
        WHERE c.orders > 0 {"{0}"}
        GROUP BY c.state, {Bucket};
        """;

    /// <summary>Full rebuild: the distribution of every customer.</summary>
    public static readonly string InsertAllCustomerValue = string.Format(CustomerValueRows, "");

    /// <summary>The contributions of the customers of etl_customers to agg_customer_value, times {0} (1 or −1).</summary>
    private static readonly string CustomerValueDelta = $"""
        SELECT c.state, {Bucket} AS bucket, {"{0}"} * count(*)::integer AS customers, {"{0}"} * sum(c.orders)::bigint AS orders,
               {"{0}"} * sum(c.lifetime_revenue) AS lifetime_revenue, {"{0}"} * sum(c.predicted_revenue_12m) AS predicted_revenue,
               {"{0}"} * sum(c.clv) AS clv
        FROM dw.dim_customer c JOIN etl_customers t ON t.customer_key = c.customer_key
        WHERE c.orders > 0
        GROUP BY 1, 2
        """;

    /// <summary>
    /// Incremental, run before the customers' dim_customer rows are written (<see cref="WarehouseSql.UpsertCustomers"/>):
    /// their contributions as they were, to be taken away.
    /// </summary>
    public static readonly string CaptureCustomerValueBefore =
        $"CREATE TEMP TABLE etl_value_delta ON COMMIT DROP AS {string.Format(CustomerValueDelta, "-1")};";

    /// <summary>
    /// Incremental, after the rows are written: the customers' contributions as they are now are added to the delta,
    /// which is applied to the distribution; buckets left without customers go.
    /// </summary>
    public static readonly string RefreshCustomerValue = $"""
        INSERT INTO etl_value_delta {string.Format(CustomerValueDelta, "1")};
        INSERT INTO dw.agg_customer_value AS a (state, bucket, customers, orders, lifetime_revenue, predicted_revenue, clv)
        SELECT state, bucket, sum(customers), sum(orders), sum(lifetime_revenue), sum(predicted_revenue), sum(clv)
        FROM etl_value_delta GROUP BY 1, 2
        ON CONFLICT (state, bucket) DO UPDATE SET
            customers = a.customers + excluded.customers, orders = a.orders + excluded.orders,
            lifetime_revenue = a.lifetime_revenue + excluded.lifetime_revenue,
            predicted_revenue = a.predicted_revenue + excluded.predicted_revenue, clv = a.clv + excluded.clv;
        DELETE FROM dw.agg_customer_value a USING etl_value_delta d WHERE a.state = d.state AND a.bucket = d.bucket AND a.customers = 0;
        """;

    /// <summary>The last complete month of the warehouse: the month before that of (latest purchase day + 1).</summary>
    private const string ReferenceMonth =
        "SELECT (date_trunc('month', (max(date_key) + 1)::timestamp) - interval '1 month')::date AS m FROM dw.fact_sales";

    /// <summary>Incremental: must the lifecycle be computed again? Yes when the reference month moved or a reloaded day lies in or before it.</summary>
    public const string LifecycleIsStale = $"""
        SELECT r.m IS DISTINCT FROM (SELECT max(reference_month) FROM dw.product_lifecycle)
            OR EXISTS (SELECT 1 FROM etl_days d WHERE d.day < (r.m + interval '1 month')::date)
        FROM ({ReferenceMonth}) r
        """;

    /// <summary>Every product sold up to the reference month, classified by <see cref="ProductLifecycleAnalytics"/>'s rules.</summary>
    public static readonly string RefreshLifecycle = $"""
        DELETE FROM dw.product_lifecycle;
        INSERT INTO dw.product_lifecycle (product_key, reference_month, stage, first_sale_day, age_days, recent_revenue, prior_revenue,
                                          growth_rate, peak_month, peak_revenue, share_of_peak, lifetime_revenue)
        WITH ref AS ({ReferenceMonth}),
        p AS (
            SELECT a.product_key, r.m AS reference_month, min(a.first_day) AS first_sale_day,
                   coalesce(sum(a.revenue) FILTER (WHERE a.month > (r.m - interval '{ProductLifecycleAnalytics.WindowMonths} months')::date), 0) AS recent,
                   coalesce(sum(a.revenue) FILTER (WHERE a.month <= (r.m - interval '{ProductLifecycleAnalytics.WindowMonths} months')::date
                                                     AND a.month > (r.m - interval '{2 * ProductLifecycleAnalytics.WindowMonths} months')::date), 0) AS prior,
                   max(a.revenue) AS peak_revenue,
                   (array_agg(a.month ORDER BY a.revenue DESC, a.month))[1] AS peak_month,
                   sum(a.revenue) AS lifetime
            FROM dw.agg_monthly_product a CROSS JOIN ref r
            WHERE a.month <= r.m
            GROUP BY a.product_key, r.m
        ), f AS (
            SELECT p.*,
                   CASE WHEN prior > 0 THEN round((recent - prior) / prior, 4) END AS growth,
                   CASE WHEN peak_revenue > 0 THEN round(recent / {ProductLifecycleAnalytics.WindowMonths} / peak_revenue, 4) END AS share
            FROM p
        )
        SELECT product_key, reference_month,
               CASE WHEN recent = 0 THEN '{ProductLifecycleAnalytics.Inactive}'
                    WHEN first_sale_day >= (reference_month - interval '{ProductLifecycleAnalytics.WindowMonths - 1} months')::date THEN '{ProductLifecycleAnalytics.Introduction}'
                    WHEN prior = 0 OR growth >= {Invariant(ProductLifecycleAnalytics.GrowthThreshold)} THEN '{ProductLifecycleAnalytics.Growth}'
                    WHEN growth <= {Invariant(ProductLifecycleAnalytics.DeclineThreshold)} OR share < {Invariant(ProductLifecycleAnalytics.DeclineShareOfPeak)} THEN '{ProductLifecycleAnalytics.Decline}'
                    ELSE '{ProductLifecycleAnalytics.Maturity}' END,
               first_sale_day, ((reference_month + interval '1 month')::date - 1) - first_sale_day,
               recent, prior, growth, peak_month, peak_revenue, share, lifetime
        FROM f;
        """;

    /// <summary>The products of each category and stage (run after every lifecycle refresh, and in incremental loads, whose products may have moved).</summary>
    public const string RefreshLifecycleStages = """
        DELETE FROM dw.agg_lifecycle_stages;
        INSERT INTO dw.agg_lifecycle_stages (category, stage, reference_month, products, recent_revenue)
        SELECT p.category, l.stage, l.reference_month, count(*), sum(l.recent_revenue)
        FROM dw.product_lifecycle l JOIN dw.dim_product p ON p.product_key = l.product_key
        GROUP BY p.category, l.stage, l.reference_month;
        """;

    private static string Invariant(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
