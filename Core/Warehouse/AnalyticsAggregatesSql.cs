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
/// added up: an order has one day); the months of the reloaded days are aggregated again from <c>agg_daily_product</c>.</item>
/// <item><c>agg_customer_value</c>: customers with a revenue-bearing order per state and CLV bucket
/// (<see cref="CustomerLifetimeValueAnalytics.BucketEdges"/>), recomputed from <c>dim_customer</c> when a customer's
/// row may have changed.</item>
/// <item><c>agg_daily_product</c>: revenue-bearing orders, items and revenue per day and product (top products).</item>
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
        GROUP BY a.date_key, a.product, b.product;

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
        GROUP BY GROUPING SETS ((f.date_key, f.customer_state, f.payment_type), (f.date_key, f.customer_state, f.category, f.payment_type));

        CREATE TEMP TABLE etl_months ON COMMIT DROP AS
        SELECT DISTINCT date_trunc('month', day::timestamp)::date AS month FROM etl_days;
        ANALYZE etl_months;
        DELETE FROM dw.agg_monthly_product a USING etl_months m WHERE a.month = m.month;
        INSERT INTO dw.agg_monthly_product (month, product_key, orders, items, revenue, first_day, last_day)
        SELECT m.month, a.product_key, sum(a.orders), sum(a.items), sum(a.revenue), min(a.date_key), max(a.date_key)
        FROM etl_months m
        JOIN dw.agg_daily_product a ON a.date_key >= m.month AND a.date_key < (m.month + interval '1 month')::date
        GROUP BY m.month, a.product_key;
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

    /// <summary>
    /// Incremental: the distribution of the states of the customers whose rows may have changed (their state before the
    /// load, in <c>etl_value_states</c>, and after it) is computed again.
    /// </summary>
    public static readonly string RefreshCustomerValue = $"""
        INSERT INTO etl_value_states (state)
        SELECT DISTINCT c.state FROM dw.dim_customer c JOIN etl_customers t ON t.customer_key = c.customer_key
        ON CONFLICT DO NOTHING;
        DELETE FROM dw.agg_customer_value a USING etl_value_states s WHERE a.state = s.state;
        {string.Format(CustomerValueRows, "AND c.state IN (SELECT state FROM etl_value_states)")}
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
