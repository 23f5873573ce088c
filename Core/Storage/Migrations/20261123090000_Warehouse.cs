using Ecom.Aspire.Core.Warehouse;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations;

/// <summary>
/// The warehouse (DESIGN.md section 6): schema <c>dw</c> with a star schema at order-item grain, the daily aggregates
/// the dashboard reads, the ETL's bookkeeping, a flat view for Superset and the read-only role <c>bi_reader</c>.
/// Plain SQL: the warehouse is written by the ETL (Core/Warehouse/WarehouseEtl.cs) with SQL, not through EF entities.
/// Every figure is defined once, in the ETL (Core/Warehouse/WarehouseSql.cs), and described here with COMMENT ON so
/// that BI tools show the definitions next to the columns.
/// </summary>
[DbContext(typeof(EcomDbContext))]
[Migration("20261123090000_Warehouse")]
public sealed class WarehouseSchema : Migration
{
    /// <summary>Statuses an order can still leave (the ETL re-checks fact rows in these statuses on every run).</summary>
    private static readonly string OpenStatuses = string.Join(", ", WarehouseSql.OpenStatuses.Select(s => $"'{s}'"));

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($$"""
            CREATE SCHEMA dw;
            COMMENT ON SCHEMA dw IS 'Warehouse: star schema at order-item grain and daily aggregates, loaded from shop by the ETL (read-only for bi_reader).';

            -- The business day of an instant: its calendar date in America/Sao_Paulo (as Core/Realtime/BusinessDay.cs).
            CREATE FUNCTION dw.business_day(instant timestamptz) RETURNS date
                LANGUAGE sql IMMUTABLE PARALLEL SAFE
                RETURN (instant AT TIME ZONE 'America/Sao_Paulo')::date;

            CREATE TABLE dw.dim_location (
                state           char(2)  PRIMARY KEY,
                ibge_code       smallint NOT NULL,
                name            text     NOT NULL,
                region          text     NOT NULL,
                capital         text     NOT NULL,
                population_2022 integer  NOT NULL
            );
            COMMENT ON TABLE dw.dim_location IS 'The 27 UFs (IBGE, Censo 2022): state code, name, region, capital.';
            -- Core/Data/brazil-ufs.csv (IBGE, Censo Demográfico 2022).
            INSERT INTO dw.dim_location (state, ibge_code, name, region, capital, population_2022) VALUES
                ('RO', 11, 'Rondônia', 'Norte', 'Porto Velho', 1581196),
                ('AC', 12, 'Acre', 'Norte', 'Rio Branco', 830018),
                ('AM', 13, 'Amazonas', 'Norte', 'Manaus', 3941613),
                ('RR', 14, 'Roraima', 'Norte', 'Boa Vista', 636707),
                ('PA', 15, 'Pará', 'Norte', 'Belém', 8120131),
                ('AP', 16, 'Amapá', 'Norte', 'Macapá', 733759),
                ('TO', 17, 'Tocantins', 'Norte', 'Palmas', 1511460),
                ('MA', 21, 'Maranhão', 'Nordeste', 'São Luís', 6776699),
                ('PI', 22, 'Piauí', 'Nordeste', 'Teresina', 3271199),
                ('CE', 23, 'Ceará', 'Nordeste', 'Fortaleza', 8794957),
                ('RN', 24, 'Rio Grande do Norte', 'Nordeste', 'Natal', 3302729),
                ('PB', 25, 'Paraíba', 'Nordeste', 'João Pessoa', 3974687),
                ('PE', 26, 'Pernambuco', 'Nordeste', 'Recife', 9058931),
                ('AL', 27, 'Alagoas', 'Nordeste', 'Maceió', 3127683),
                ('SE', 28, 'Sergipe', 'Nordeste', 'Aracaju', 2210004),
                ('BA', 29, 'Bahia', 'Nordeste', 'Salvador', 14141626),
                ('MG', 31, 'Minas Gerais', 'Sudeste', 'Belo Horizonte', 20539989),
                ('ES', 32, 'Espírito Santo', 'Sudeste', 'Vitória', 3833712),
                ('RJ', 33, 'Rio de Janeiro', 'Sudeste', 'Rio de Janeiro', 16055174),
                ('SP', 35, 'São Paulo', 'Sudeste', 'São Paulo', 44411238),
                ('PR', 41, 'Paraná', 'Sul', 'Curitiba', 11444380),
                ('SC', 42, 'Santa Catarina', 'Sul', 'Florianópolis', 7610361),
                ('RS', 43, 'Rio Grande do Sul', 'Sul', 'Porto Alegre', 10882965),
                ('MS', 50, 'Mato Grosso do Sul', 'Centro-Oeste', 'Campo Grande', 2757013),
                ('MT', 51, 'Mato Grosso', 'Centro-Oeste', 'Cuiabá', 3658649),
                ('GO', 52, 'Goiás', 'Centro-Oeste', 'Goiânia', 7056495),
                ('DF', 53, 'Distrito Federal', 'Centro-Oeste', 'Brasília', 2817381);

            CREATE TABLE dw.dim_date (
                date_key        date     PRIMARY KEY,
                year            smallint NOT NULL,
                quarter         smallint NOT NULL,
                month           smallint NOT NULL,
                month_name      text     NOT NULL,
                year_month      char(7)  NOT NULL,
                day_of_month    smallint NOT NULL,
                iso_year        smallint NOT NULL,
                iso_week        smallint NOT NULL,
                weekday         smallint NOT NULL,
                weekday_name    text     NOT NULL,
                is_weekend      boolean  NOT NULL,
                is_holiday      boolean  NOT NULL,
                holiday_name    text,
                retail_event    text,
                is_black_friday boolean  NOT NULL,
                is_cyber_monday boolean  NOT NULL,
                is_carnaval     boolean  NOT NULL
            );
            COMMENT ON TABLE dw.dim_date IS 'Calendar of business days (America/Sao_Paulo), whole years covering the sales, with the Brazilian retail calendar.';
            COMMENT ON COLUMN dw.dim_date.weekday IS 'ISO weekday: 1 = Monday ... 7 = Sunday.';
            COMMENT ON COLUMN dw.dim_date.holiday_name IS 'National holiday (feriado nacional), or null.';
            COMMENT ON COLUMN dw.dim_date.retail_event IS 'Retail date: Black Friday, Cyber Monday, Dia do Consumidor, Dia das Mães, Dia dos Namorados, Dia dos Pais, Dia das Crianças, Véspera de Natal; or null.';
            COMMENT ON COLUMN dw.dim_date.is_carnaval IS 'Carnaval Monday or Tuesday (47 days before Easter for the Tuesday).';

            CREATE TABLE dw.dim_customer (
                customer_key     bigint        PRIMARY KEY,
                city             text          NOT NULL,
                state            char(2)       NOT NULL,
                region           text,
                persona          text,
                signup_at        timestamptz   NOT NULL,
                signup_date      date          NOT NULL,
                first_order_at   timestamptz,
                last_order_at    timestamptz,
                orders           integer       NOT NULL DEFAULT 0,
                lifetime_revenue numeric(14,2) NOT NULL DEFAULT 0,
                cohort_month     date
            );
            CREATE INDEX ix_dim_customer_cohort_month ON dw.dim_customer (cohort_month);
            CREATE INDEX ix_dim_customer_state ON dw.dim_customer (state);
            COMMENT ON TABLE dw.dim_customer IS 'One row per shop customer (customer_key = shop.customers.id), with lifetime figures over revenue-bearing orders. No personal data (name, CPF, e-mail, phone).';
            COMMENT ON COLUMN dw.dim_customer.orders IS 'Revenue-bearing orders of the customer.';
            COMMENT ON COLUMN dw.dim_customer.lifetime_revenue IS 'Customer lifetime value to date: the sum of fact_sales.revenue over all the customer''s orders.';
            COMMENT ON COLUMN dw.dim_customer.first_order_at IS 'First revenue-bearing purchase.';
            COMMENT ON COLUMN dw.dim_customer.cohort_month IS 'First day of the month (business day, America/Sao_Paulo) of the first revenue-bearing purchase; null without one.';

            CREATE TABLE dw.dim_product (
                product_key  bigint        PRIMARY KEY,
                name         text          NOT NULL,
                category     text          NOT NULL,
                price        numeric(12,2) NOT NULL,
                cost         numeric(12,2),
                lifecycle    text,
                launched_at  timestamptz,
                weight_grams integer
            );
            CREATE INDEX ix_dim_product_category ON dw.dim_product (category);
            COMMENT ON COLUMN dw.dim_product.lifecycle IS 'Lifecycle the simulation gave the product (ground truth); null for imported data.';

            CREATE TABLE dw.dim_seller (
                seller_key bigint      PRIMARY KEY,
                name       text        NOT NULL,
                city       text        NOT NULL,
                state      char(2)     NOT NULL,
                region     text,
                joined_at  timestamptz NOT NULL
            );
            CREATE INDEX ix_dim_seller_state ON dw.dim_seller (state);

            CREATE TABLE dw.fact_sales (
                order_id       bigint        NOT NULL,
                item_no        smallint      NOT NULL,
                date_key       date          NOT NULL,
                purchased_at   timestamptz   NOT NULL,
                customer_key   bigint        NOT NULL,
                product_key    bigint        NOT NULL,
                seller_key     bigint        NOT NULL,
                customer_city  text          NOT NULL,
                customer_state char(2)       NOT NULL,
                seller_state   char(2)       NOT NULL,
                category       text          NOT NULL,
                status         text          NOT NULL,
                is_revenue     boolean       NOT NULL,
                price          numeric(12,2) NOT NULL,
                freight        numeric(12,2) NOT NULL,
                cost           numeric(12,2),
                revenue        numeric(12,2) NOT NULL,
                carrier        text,
                promised_at    timestamptz,
                delivered_at   timestamptz,
                delivery_days  integer,
                delay_days     integer,
                on_time        boolean,
                review_score   smallint,
                payment_type   text,
                installments   smallint,
                PRIMARY KEY (order_id, item_no)
            );
            CREATE INDEX ix_fact_sales_date_key ON dw.fact_sales (date_key);
            -- Covering: customer lifetime figures are recomputed from an index-only scan.
            CREATE INDEX ix_fact_sales_customer_key ON dw.fact_sales (customer_key) INCLUDE (order_id, is_revenue, revenue, purchased_at, date_key);
            CREATE INDEX ix_fact_sales_product_key_date_key ON dw.fact_sales (product_key, date_key);
            CREATE INDEX ix_fact_sales_seller_key_date_key ON dw.fact_sales (seller_key, date_key);
            -- Orders that can still change status: the ETL compares them with shop.orders on every run.
            CREATE INDEX ix_fact_sales_open ON dw.fact_sales (order_id) INCLUDE (status, date_key) WHERE status IN ({{OpenStatuses}});
            COMMENT ON TABLE dw.fact_sales IS 'One row per order item. Day = business day of the purchase (America/Sao_Paulo). Delivery, review and payment figures are the order''s, repeated on each of its items.';
            COMMENT ON COLUMN dw.fact_sales.date_key IS 'Business day of the purchase: (purchased_at AT TIME ZONE ''America/Sao_Paulo'')::date.';
            COMMENT ON COLUMN dw.fact_sales.customer_city IS 'City the order ships to (shop.orders.ship_city).';
            COMMENT ON COLUMN dw.fact_sales.customer_state IS 'State the order ships to (shop.orders.ship_state), as the live KPIs count it.';
            COMMENT ON COLUMN dw.fact_sales.is_revenue IS 'The order''s status is revenue-bearing (processing, invoiced, shipped, delivered); canceled, unavailable and returned orders are not.';
            COMMENT ON COLUMN dw.fact_sales.revenue IS 'item price when is_revenue, else 0 (BRL); freight is not revenue. The one revenue definition, shared with the live KPIs.';
            COMMENT ON COLUMN dw.fact_sales.cost IS 'Unit cost of the item at the time of sale (COGS); null when the source does not know it.';
            COMMENT ON COLUMN dw.fact_sales.delivery_days IS 'Business day of delivery minus business day of purchase, in days; null until delivered.';
            COMMENT ON COLUMN dw.fact_sales.delay_days IS 'Business day of delivery minus promised business day, in days (negative: early); null until delivered.';
            COMMENT ON COLUMN dw.fact_sales.on_time IS 'delay_days <= 0 (delivered on or before the promised day); null until delivered.';
            COMMENT ON COLUMN dw.fact_sales.review_score IS 'Score (1-5) of the order''s most recent review; null without one.';
            COMMENT ON COLUMN dw.fact_sales.payment_type IS 'Type of the order''s first payment (lowest sequence); installments are that payment''s.';

            CREATE TABLE dw.agg_daily_orders (
                date_key       date          NOT NULL,
                state          char(2)       NOT NULL,
                orders         integer       NOT NULL,
                revenue_orders integer       NOT NULL,
                items          integer       NOT NULL,
                revenue        numeric(14,2) NOT NULL,
                freight        numeric(14,2) NOT NULL,
                cost           numeric(14,2) NOT NULL,
                customers      integer       NOT NULL,
                PRIMARY KEY (date_key, state)
            );
            COMMENT ON TABLE dw.agg_daily_orders IS 'Per business day and state (ship state): orders placed (any status), revenue-bearing orders, and their items, revenue, freight, cost and distinct buyers. Sums over days and states are exact except customers (distinct per cell).';

            CREATE TABLE dw.agg_daily_sales (
                date_key        date          NOT NULL,
                state           char(2)       NOT NULL,
                category        text          NOT NULL,
                orders          integer       NOT NULL,
                revenue_orders  integer       NOT NULL,
                items           integer       NOT NULL,
                items_with_cost integer       NOT NULL,
                revenue         numeric(14,2) NOT NULL,
                freight         numeric(14,2) NOT NULL,
                cost            numeric(14,2) NOT NULL,
                PRIMARY KEY (date_key, state, category)
            );
            CREATE INDEX ix_agg_daily_sales_category ON dw.agg_daily_sales (category, date_key);
            COMMENT ON TABLE dw.agg_daily_sales IS 'Per business day, state and category. items, revenue, freight and cost count revenue-bearing items only (cost: known costs; items_with_cost says how many). An order with items in two categories counts once in each: use agg_daily_orders for order totals.';

            CREATE TABLE dw.agg_daily_delivery (
                date_key          date    NOT NULL,
                state             char(2) NOT NULL,
                carrier           text    NOT NULL,
                orders            integer NOT NULL,
                delivered         integer NOT NULL,
                on_time           integer NOT NULL,
                late              integer NOT NULL,
                delivery_days_sum bigint  NOT NULL,
                delay_days_sum    bigint  NOT NULL,
                late_days_sum     bigint  NOT NULL,
                PRIMARY KEY (date_key, state, carrier)
            );
            CREATE INDEX ix_agg_daily_delivery_carrier ON dw.agg_daily_delivery (carrier, date_key);
            COMMENT ON TABLE dw.agg_daily_delivery IS 'Per purchase business day, ship state and carrier, counted per order: orders with a delivery record, delivered ones, on time / late among the delivered, and sums of delivery_days, delay_days (early deliveries count negative) and of positive delays. Average delay = delay_days_sum / delivered.';

            CREATE TABLE dw.etl_state (
                id                 smallint PRIMARY KEY CHECK (id = 1),
                watermark          timestamptz,
                review_watermark   timestamptz,
                customer_watermark timestamptz,
                live_batch_id      bigint,
                last_run_at        timestamptz,
                last_mode          text,
                last_days          integer,
                last_rows          bigint,
                last_seconds       numeric(10,3),
                version            bigint NOT NULL DEFAULT 0
            );
            INSERT INTO dw.etl_state (id) VALUES (1);
            COMMENT ON TABLE dw.etl_state IS 'The ETL''s watermarks (latest purchase, review, signup and live batch loaded) and its last run. version grows each time a run rewrites warehouse data (a cache of warehouse figures is stale when it changes).';

            CREATE TABLE dw.etl_sources (
                run_id      integer     NOT NULL,
                chunk_no    integer     NOT NULL,
                finished_at timestamptz NOT NULL,
                PRIMARY KEY (run_id, chunk_no)
            );
            COMMENT ON TABLE dw.etl_sources IS 'Completed simulation chunks (and imports: chunk_no -1) the ETL has loaded, with their finish time: a chunk written or rewritten since is reloaded.';

            CREATE VIEW dw.sales_flat AS
            SELECT f.order_id, f.item_no,
                   f.date_key AS purchase_date, f.purchased_at, d.year, d.quarter, d.month, d.year_month, d.iso_week,
                   d.weekday_name, d.is_weekend, d.holiday_name, d.retail_event,
                   f.status, f.is_revenue,
                   f.customer_key, c.persona AS customer_persona, c.cohort_month AS customer_cohort_month,
                   f.customer_city, f.customer_state, cl.name AS customer_state_name, cl.region AS customer_region,
                   f.product_key, p.name AS product_name, f.category, p.lifecycle AS product_lifecycle,
                   f.seller_key, s.name AS seller_name, s.city AS seller_city, f.seller_state,
                   sl.name AS seller_state_name, sl.region AS seller_region,
                   f.price, f.freight, f.cost, f.revenue,
                   f.carrier, f.promised_at, f.delivered_at, f.delivery_days, f.delay_days, f.on_time,
                   f.review_score, f.payment_type, f.installments
            FROM dw.fact_sales f
            LEFT JOIN dw.dim_date d ON d.date_key = f.date_key
            LEFT JOIN dw.dim_customer c ON c.customer_key = f.customer_key
            LEFT JOIN dw.dim_location cl ON cl.state = f.customer_state
            LEFT JOIN dw.dim_product p ON p.product_key = f.product_key
            LEFT JOIN dw.dim_seller s ON s.seller_key = f.seller_key
            LEFT JOIN dw.dim_location sl ON sl.state = f.seller_state;
            COMMENT ON VIEW dw.sales_flat IS 'fact_sales with the names of its dimensions, one row per order item: the dataset for Superset.';

            -- The ETL watches reviews written since its last run (a review arrives days after its order).
            CREATE INDEX ix_reviews_created_at ON shop.reviews (created_at);

            -- bi_reader: may read dw and nothing else. A role belongs to the whole server, so it may already exist
            -- (another database of the same server); two databases migrating at once may both try to create it.
            -- It cannot log in until the Worker sets its password from configuration (Ecom:BiReaderPassword).
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bi_reader') THEN
                    BEGIN
                        CREATE ROLE bi_reader NOLOGIN;
                    EXCEPTION WHEN duplicate_object OR unique_violation THEN
                        NULL;
                    END;
                END IF;
            END
            $$;
            GRANT USAGE ON SCHEMA dw TO bi_reader;
            GRANT SELECT ON ALL TABLES IN SCHEMA dw TO bi_reader;
            ALTER DEFAULT PRIVILEGES IN SCHEMA dw GRANT SELECT ON TABLES TO bi_reader;
            REVOKE ALL ON SCHEMA shop, sim FROM bi_reader;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // The role stays: it belongs to the server and other databases may use it.
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS shop.ix_reviews_created_at;
            ALTER DEFAULT PRIVILEGES IN SCHEMA dw REVOKE SELECT ON TABLES FROM bi_reader;
            DROP SCHEMA IF EXISTS dw CASCADE;
            """);
    }
}
