using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations;

/// <summary>
/// The warehouse aggregates of the product, seller and customer analytics (Core/Analytics), loaded by the same
/// incremental ETL as the daily aggregates (Core/Warehouse/WarehouseSql.cs, where each figure is defined):
/// <list type="bullet">
/// <item><c>dw.agg_monthly_product</c>: revenue-bearing sales per calendar month and product;</item>
/// <item><c>dw.product_lifecycle</c>: each product's lifecycle stage with the figures that justify it;</item>
/// <item><c>dw.agg_daily_basket_pairs</c>: orders holding two given categories or products, per day;</item>
/// <item><c>dw.agg_daily_seller</c>: sales, cancellations, delivery and reviews per day, seller and ship state;</item>
/// <item><c>dw.agg_daily_charges</c>: amounts charged and refunds per day, state, category and payment type (finance's
/// payment fees and refunds), and <c>items_with_cost</c> on <c>dw.agg_daily_orders</c>;</item>
/// <item>customer lifetime value columns on <c>dw.dim_customer</c> (generated from the lifetime figures the ETL writes)
/// and <c>dw.agg_customer_value</c>, its distribution per state.</item>
/// </list>
/// bi_reader reads them through the default privileges of schema dw. Also an index on shop.reviews (order_id,
/// created_at) for the ETL's lookup of each order's latest review.
/// </summary>
[DbContext(typeof(EcomDbContext))]
[Migration("20261125000000_AnalyticsAggregates")]
public sealed class AnalyticsAggregates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE dw.agg_monthly_product (
                month       date          NOT NULL,
                product_key bigint        NOT NULL,
                orders      integer       NOT NULL,
                items       integer       NOT NULL,
                revenue     numeric(14,2) NOT NULL,
                first_day   date          NOT NULL,
                last_day    date          NOT NULL,
                PRIMARY KEY (month, product_key)
            );
            CREATE INDEX ix_agg_monthly_product_product ON dw.agg_monthly_product (product_key, month);
            COMMENT ON TABLE dw.agg_monthly_product IS 'Per calendar month (of the purchase business day) and product: revenue-bearing orders, items and revenue, first and last day with such a sale.';

            CREATE TABLE dw.product_lifecycle (
                product_key     bigint        PRIMARY KEY,
                reference_month date          NOT NULL,
                stage           text          NOT NULL,
                first_sale_day  date          NOT NULL,
                age_days        integer       NOT NULL,
                recent_revenue  numeric(14,2) NOT NULL,
                prior_revenue   numeric(14,2) NOT NULL,
                growth_rate     numeric(12,4),
                peak_month      date          NOT NULL,
                peak_revenue    numeric(14,2) NOT NULL,
                share_of_peak   numeric(12,4),
                lifetime_revenue numeric(14,2) NOT NULL
            );
            CREATE INDEX ix_product_lifecycle_stage ON dw.product_lifecycle (stage, recent_revenue DESC, product_key);
            CREATE INDEX ix_product_lifecycle_recent ON dw.product_lifecycle (recent_revenue DESC, product_key);
            CREATE TABLE dw.agg_lifecycle_stages (
                category        text          NOT NULL,
                stage           text          NOT NULL,
                reference_month date          NOT NULL,
                products        integer       NOT NULL,
                recent_revenue  numeric(16,2) NOT NULL,
                PRIMARY KEY (category, stage)
            );
            COMMENT ON TABLE dw.agg_lifecycle_stages IS 'dw.product_lifecycle counted per product category and stage: products and their recent revenue.';

            CREATE TABLE dw.agg_daily_product (
                date_key    date          NOT NULL,
                product_key bigint        NOT NULL,
                category    text          NOT NULL,
                orders      integer       NOT NULL,
                items       integer       NOT NULL,
                revenue     numeric(14,2) NOT NULL,
                PRIMARY KEY (date_key, product_key)
            );
            COMMENT ON TABLE dw.agg_daily_product IS 'Per purchase business day and product: revenue-bearing orders, items and revenue (all ship states).';
            COMMENT ON TABLE dw.product_lifecycle IS 'Lifecycle stage of every product sold up to the reference month (the last complete month of the warehouse): Introduction, Growth, Maturity, Decline or Inactive, with the figures of the rules (Core/Analytics/ProductLifecycleAnalytics.cs).';
            COMMENT ON COLUMN dw.product_lifecycle.recent_revenue IS 'Revenue of the 3 months ending with the reference month.';
            COMMENT ON COLUMN dw.product_lifecycle.prior_revenue IS 'Revenue of the 3 months before those.';
            COMMENT ON COLUMN dw.product_lifecycle.growth_rate IS '(recent - prior) / prior; null when prior is 0.';
            COMMENT ON COLUMN dw.product_lifecycle.share_of_peak IS 'Average monthly revenue of the 3 recent months / revenue of the best month (up to the reference month).';

            CREATE TABLE dw.agg_daily_basket_pairs (
                date_key date    NOT NULL,
                level    text    NOT NULL,
                item_a   text    NOT NULL,
                item_b   text    NOT NULL,
                orders   integer NOT NULL,
                PRIMARY KEY (date_key, level, item_a, item_b)
            );
            COMMENT ON TABLE dw.agg_daily_basket_pairs IS 'Per purchase business day: revenue-bearing orders holding both item_a and item_b (item_a < item_b), level category (category names) or product (product keys as text).';

            CREATE TABLE dw.agg_daily_seller (
                date_key          date          NOT NULL,
                seller_key        bigint        NOT NULL,
                state             char(2)       NOT NULL,
                orders            integer       NOT NULL,
                revenue_orders    integer       NOT NULL,
                canceled_orders   integer       NOT NULL,
                items             integer       NOT NULL,
                revenue           numeric(14,2) NOT NULL,
                delivery_orders   integer       NOT NULL,
                delivered         integer       NOT NULL,
                on_time           integer       NOT NULL,
                late              integer       NOT NULL,
                delivery_days_sum bigint        NOT NULL,
                delay_days_sum    bigint        NOT NULL,
                late_days_sum     bigint        NOT NULL,
                reviewed          integer       NOT NULL,
                review_score_sum  bigint        NOT NULL,
                PRIMARY KEY (date_key, seller_key, state)
            );
            CREATE INDEX ix_agg_daily_seller_seller ON dw.agg_daily_seller (seller_key, date_key);
            COMMENT ON TABLE dw.agg_daily_seller IS 'Per purchase business day, seller and ship state, counted per order of the seller (an order with items of two sellers counts for each): orders (any status), revenue-bearing orders, canceled or unavailable orders, revenue-bearing items and revenue; orders with a delivery record, delivered, on time, late and the sums of delivery_days, delay_days, positive delays; reviewed orders and the sum of their scores.';

            ALTER TABLE dw.dim_customer
                ADD COLUMN average_ticket numeric(14,2) GENERATED ALWAYS AS
                    (CASE WHEN orders > 0 THEN round(lifetime_revenue / orders, 2) END) STORED,
                ADD COLUMN lifespan_days integer GENERATED ALWAYS AS
                    (dw.business_day(last_order_at) - dw.business_day(first_order_at)) STORED,
                ADD COLUMN predicted_revenue_12m numeric(14,2) GENERATED ALWAYS AS
                    (CASE WHEN orders >= 2 THEN round(lifetime_revenue / orders * least(52.0,
                        (orders - 1) * 365.0 / greatest(dw.business_day(last_order_at) - dw.business_day(first_order_at), 30)), 2)
                     ELSE 0 END) STORED,
                ADD COLUMN clv numeric(14,2) GENERATED ALWAYS AS
                    (lifetime_revenue + CASE WHEN orders >= 2 THEN round(lifetime_revenue / orders * least(52.0,
                        (orders - 1) * 365.0 / greatest(dw.business_day(last_order_at) - dw.business_day(first_order_at), 30)), 2)
                     ELSE 0 END) STORED;
            CREATE INDEX ix_dim_customer_clv ON dw.dim_customer (clv DESC, customer_key) WHERE orders > 0;
            COMMENT ON COLUMN dw.dim_customer.average_ticket IS 'lifetime_revenue / orders; null without a revenue-bearing order.';
            COMMENT ON COLUMN dw.dim_customer.lifespan_days IS 'Business day of the last revenue-bearing purchase minus that of the first.';
            COMMENT ON COLUMN dw.dim_customer.predicted_revenue_12m IS 'Expected revenue of the next 365 days at the observed pace: average_ticket x min(52, (orders - 1) x 365 / max(lifespan_days, 30)); 0 with fewer than 2 orders.';
            COMMENT ON COLUMN dw.dim_customer.clv IS 'Customer lifetime value: lifetime_revenue + predicted_revenue_12m.';

            CREATE TABLE dw.agg_customer_value (
                state             char(2)       NOT NULL,
                bucket            smallint      NOT NULL,
                customers         integer       NOT NULL,
                orders            bigint        NOT NULL,
                lifetime_revenue  numeric(16,2) NOT NULL,
                predicted_revenue numeric(16,2) NOT NULL,
                clv               numeric(16,2) NOT NULL,
                PRIMARY KEY (state, bucket)
            );
            CREATE TABLE dw.agg_daily_charges (
                date_key        date          NOT NULL,
                state           char(2)       NOT NULL,
                category        text          NOT NULL,
                payment_type    text          NOT NULL,
                orders          integer       NOT NULL,
                charged         numeric(14,2) NOT NULL,
                returned_orders integer       NOT NULL,
                refunds         numeric(14,2) NOT NULL,
                PRIMARY KEY (date_key, category, state, payment_type)
            );
            COMMENT ON TABLE dw.agg_daily_charges IS 'Per purchase business day, ship state, category and first payment type, over the items of revenue-bearing and returned orders: orders, amount charged (price + freight), returned orders and refunds (price of returned items). category = '''' holds the totals of all categories (an order counts once); a category''s rows count an order with items of two categories in each.';

            ALTER TABLE dw.agg_daily_orders ADD COLUMN items_with_cost integer NOT NULL DEFAULT 0;
            COMMENT ON COLUMN dw.agg_daily_orders.items_with_cost IS 'Revenue-bearing items whose cost is known (cost sums their costs).';

            -- The ETL reads the latest review of each order: with this index that is one index probe per order whatever the
            -- statistics say (on a freshly written shop, the planner otherwise walked ix_reviews_created_at for every order).
            CREATE INDEX ix_reviews_order_id_created_at ON shop.reviews (order_id, created_at DESC, id DESC);

            COMMENT ON TABLE dw.agg_customer_value IS 'Customers with a revenue-bearing order per state (the customer''s) and CLV bucket (Core/Analytics/CustomerLifetimeValueAnalytics.cs: 0 = under R$ 50, 1 = 50 to 100, 2 = 100 to 200, 3 = 200 to 500, 4 = 500 to 1000, 5 = 1000 to 2000, 6 = 2000 to 5000, 7 = 5000 or more), with their sums.';
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS shop.ix_reviews_order_id_created_at;
            DROP TABLE IF EXISTS dw.agg_customer_value;
            DROP TABLE IF EXISTS dw.agg_daily_product;
            DROP TABLE IF EXISTS dw.agg_lifecycle_stages;
            DROP TABLE IF EXISTS dw.agg_daily_charges;
            ALTER TABLE dw.agg_daily_orders DROP COLUMN IF EXISTS items_with_cost;
            DROP INDEX IF EXISTS dw.ix_dim_customer_clv;
            ALTER TABLE dw.dim_customer DROP COLUMN IF EXISTS clv, DROP COLUMN IF EXISTS predicted_revenue_12m,
                DROP COLUMN IF EXISTS lifespan_days, DROP COLUMN IF EXISTS average_ticket;
            DROP TABLE IF EXISTS dw.agg_daily_seller;
            DROP TABLE IF EXISTS dw.agg_daily_basket_pairs;
            DROP TABLE IF EXISTS dw.product_lifecycle;
            DROP TABLE IF EXISTS dw.agg_monthly_product;
            """);
    }
}
