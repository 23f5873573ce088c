using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations;

/// <summary>
/// Aggregates that keep the customer and product analytics to a few thousand rows read whatever the warehouse's size
/// (Core/Analytics; the ETL's SQL and definitions are in Core/Warehouse/AnalyticsAggregatesSql.cs):
/// <list type="bullet">
/// <item><c>dw.customer_months</c>: each customer's active months (a revenue-bearing purchase in the month) with the
/// first such day, and the customer's cohort and state as last loaded; <c>dw.agg_cohort_month</c> and
/// <c>dw.agg_cohort_day</c> count them per cohort, state and month (or first day in the month): the retention matrix;</item>
/// <item><c>dw.agg_customer_day</c>: revenue-bearing orders and revenue per day, customer and ship state (RFM);</item>
/// <item><c>dw.agg_weekly_seller</c>: the seller figures of <c>dw.agg_daily_seller</c> per week (seller ranking, delivery by seller);</item>
/// <item><c>dw.agg_monthly_product.category</c> and indexes by month and revenue: the largest products of a month in
/// one index scan (top products' candidates); <c>dw.agg_daily_product</c> by product and day.</item>
/// </list>
/// An existing warehouse is rebuilt by its next load (the ETL state is reset), which fills them.
/// </summary>
[DbContext(typeof(EcomDbContext))]
[Migration("20261127000000_FastAnalytics")]
public sealed class FastAnalytics : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE dw.customer_months (
                customer_key bigint  NOT NULL,
                month        date    NOT NULL,
                first_day    date    NOT NULL,
                cohort_month date    NOT NULL,
                state        char(2) NOT NULL,
                PRIMARY KEY (customer_key, month)
            );
            COMMENT ON TABLE dw.customer_months IS 'A customer''s months with a revenue-bearing purchase (business days): the first such day in the month, and the customer''s cohort month and state (dim_customer) when the row was written.';

            CREATE TABLE dw.agg_cohort_month (
                cohort_month date    NOT NULL,
                month        date    NOT NULL,
                state        char(2) NOT NULL,
                customers    integer NOT NULL,
                PRIMARY KEY (cohort_month, month, state)
            );
            COMMENT ON TABLE dw.agg_cohort_month IS 'Customers of a cohort (month of their first revenue-bearing purchase) and state active in a month (a revenue-bearing purchase in it).';

            CREATE TABLE dw.agg_cohort_day (
                first_day    date    NOT NULL,
                cohort_month date    NOT NULL,
                state        char(2) NOT NULL,
                customers    integer NOT NULL,
                PRIMARY KEY (first_day, cohort_month, state)
            );
            COMMENT ON TABLE dw.agg_cohort_day IS 'Customers of a cohort and state whose first revenue-bearing purchase of a month fell on first_day: a month''s active customers up to a day inside it.';

            CREATE TABLE dw.agg_customer_day (
                date_key     date          NOT NULL,
                customer_key bigint        NOT NULL,
                state        char(2)       NOT NULL,
                orders        integer NOT NULL,
                revenue_cents bigint  NOT NULL,
                PRIMARY KEY (date_key, customer_key, state)
            );
            COMMENT ON TABLE dw.agg_customer_day IS 'Revenue-bearing orders and their revenue (in centavos: whole numbers, read and added up exactly and fast) per purchase business day, customer and ship state.';

            CREATE TABLE dw.agg_weekly_seller (
                week              date          NOT NULL,
                seller_key        bigint        NOT NULL,
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
                PRIMARY KEY (week, seller_key)
            );
            COMMENT ON TABLE dw.agg_weekly_seller IS 'dw.agg_daily_seller added up per week (Monday to Sunday, week = its Monday) and seller, all ship states together.';

            ALTER TABLE dw.agg_monthly_product ADD COLUMN category text NOT NULL DEFAULT '';
            CREATE INDEX ix_agg_monthly_product_month_revenue ON dw.agg_monthly_product (month, revenue DESC, product_key);
            CREATE INDEX ix_agg_monthly_product_month_category_revenue ON dw.agg_monthly_product (month, category, revenue DESC, product_key);
            CREATE INDEX ix_agg_daily_product_product ON dw.agg_daily_product (product_key, date_key);

            UPDATE dw.etl_state SET last_run_at = NULL WHERE id = 1;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS dw.ix_agg_daily_product_product;
            DROP INDEX IF EXISTS dw.ix_agg_monthly_product_month_category_revenue;
            DROP INDEX IF EXISTS dw.ix_agg_monthly_product_month_revenue;
            ALTER TABLE dw.agg_monthly_product DROP COLUMN IF EXISTS category;
            DROP TABLE IF EXISTS dw.agg_weekly_seller;
            DROP TABLE IF EXISTS dw.agg_customer_day;
            DROP TABLE IF EXISTS dw.agg_cohort_day;
            DROP TABLE IF EXISTS dw.agg_cohort_month;
            DROP TABLE IF EXISTS dw.customer_months;
            """);
    }
}
