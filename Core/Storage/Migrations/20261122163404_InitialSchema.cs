using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.EnsureSchema(
                name: "shop");

            migrationBuilder.EnsureSchema(
                name: "sim");

            migrationBuilder.CreateTable(
                name: "runs",
                schema: "sim",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    kind = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: true),
                    to_date = table.Column<DateOnly>(type: "date", nullable: true),
                    chunks_total = table.Column<int>(type: "integer", nullable: false),
                    chunks_done = table.Column<int>(type: "integer", nullable: false),
                    rows_written = table.Column<long>(type: "bigint", nullable: false),
                    watermark = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                schema: "shop",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    cpf = table.Column<string>(type: "char(11)", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    email = table.Column<string>(type: "text", nullable: true),
                    phone = table.Column<string>(type: "text", nullable: true),
                    city = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "char(2)", nullable: false),
                    zip_prefix = table.Column<string>(type: "char(5)", nullable: true),
                    persona = table.Column<string>(type: "text", nullable: true),
                    signup_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                    table.ForeignKey(
                        name: "fk_customers_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_events",
                schema: "shop",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    intensity = table.Column<double>(type: "double precision", nullable: false),
                    state = table.Column<string>(type: "char(2)", nullable: true),
                    category = table.Column<string>(type: "text", nullable: true),
                    product_id = table.Column<long>(type: "bigint", nullable: true),
                    description = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_market_events_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "products",
                schema: "shop",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    category = table.Column<string>(type: "text", nullable: false),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    weight_grams = table.Column<int>(type: "integer", nullable: true),
                    length_cm = table.Column<int>(type: "integer", nullable: true),
                    height_cm = table.Column<int>(type: "integer", nullable: true),
                    width_cm = table.Column<int>(type: "integer", nullable: true),
                    lifecycle = table.Column<string>(type: "text", nullable: true),
                    launched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_products_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "run_chunks",
                schema: "sim",
                columns: table => new
                {
                    run_id = table.Column<int>(type: "integer", nullable: false),
                    chunk_no = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    from_date = table.Column<DateOnly>(type: "date", nullable: true),
                    to_date = table.Column<DateOnly>(type: "date", nullable: true),
                    rows = table.Column<long>(type: "bigint", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    worker = table.Column<string>(type: "text", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_chunks", x => new { x.run_id, x.chunk_no });
                    table.ForeignKey(
                        name: "fk_run_chunks_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sellers",
                schema: "shop",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    city = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "char(2)", nullable: false),
                    zip_prefix = table.Column<string>(type: "char(5)", nullable: true),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sellers", x => x.id);
                    table.ForeignKey(
                        name: "fk_sellers_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                schema: "shop",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    customer_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    purchased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    canceled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ship_city = table.Column<string>(type: "text", nullable: false),
                    ship_state = table.Column<string>(type: "char(2)", nullable: false),
                    ship_zip_prefix = table.Column<string>(type: "char(5)", nullable: true),
                    item_count = table.Column<short>(type: "smallint", nullable: false),
                    items_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    freight_total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_orders", x => x.id);
                    table.CheckConstraint("ck_orders_approved_after_purchase", "approved_at IS NULL OR approved_at >= purchased_at");
                    table.CheckConstraint("ck_orders_status", "status IN ('processing', 'invoiced', 'shipped', 'delivered', 'canceled', 'unavailable', 'returned')");
                    table.CheckConstraint("ck_orders_total", "total = items_total + freight_total");
                    table.ForeignKey(
                        name: "fk_orders_customers_customer_id",
                        column: x => x.customer_id,
                        principalSchema: "shop",
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_orders_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deliveries",
                schema: "shop",
                columns: table => new
                {
                    order_id = table.Column<long>(type: "bigint", nullable: false),
                    carrier = table.Column<string>(type: "text", nullable: false),
                    shipped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    promised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    distance_km = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deliveries", x => x.order_id);
                    table.CheckConstraint("ck_deliveries_order", "delivered_at IS NULL OR (shipped_at IS NOT NULL AND delivered_at >= shipped_at)");
                    table.ForeignKey(
                        name: "fk_deliveries_orders_order_id",
                        column: x => x.order_id,
                        principalSchema: "shop",
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "labels",
                schema: "sim",
                columns: table => new
                {
                    order_id = table.Column<long>(type: "bigint", nullable: false),
                    run_id = table.Column<int>(type: "integer", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: false),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_labels", x => x.order_id);
                    table.ForeignKey(
                        name: "fk_labels_orders_order_id",
                        column: x => x.order_id,
                        principalSchema: "shop",
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_labels_runs_run_id",
                        column: x => x.run_id,
                        principalSchema: "sim",
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "order_items",
                schema: "shop",
                columns: table => new
                {
                    order_id = table.Column<long>(type: "bigint", nullable: false),
                    item_no = table.Column<short>(type: "smallint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    seller_id = table.Column<long>(type: "bigint", nullable: false),
                    price = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    freight = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    cost = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_items", x => new { x.order_id, x.item_no });
                    table.CheckConstraint("ck_order_items_price", "price >= 0 AND freight >= 0");
                    table.ForeignKey(
                        name: "fk_order_items_orders_order_id",
                        column: x => x.order_id,
                        principalSchema: "shop",
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_order_items_products_product_id",
                        column: x => x.product_id,
                        principalSchema: "shop",
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_order_items_sellers_seller_id",
                        column: x => x.seller_id,
                        principalSchema: "shop",
                        principalTable: "sellers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payments",
                schema: "shop",
                columns: table => new
                {
                    order_id = table.Column<long>(type: "bigint", nullable: false),
                    seq = table.Column<short>(type: "smallint", nullable: false),
                    type = table.Column<string>(type: "text", nullable: false),
                    installments = table.Column<short>(type: "smallint", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => new { x.order_id, x.seq });
                    table.CheckConstraint("ck_payments_installments", "installments BETWEEN 0 AND 24");
                    table.CheckConstraint("ck_payments_type", "type IN ('credit_card', 'boleto', 'voucher', 'debit_card', 'pix')");
                    table.ForeignKey(
                        name: "fk_payments_orders_order_id",
                        column: x => x.order_id,
                        principalSchema: "shop",
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                schema: "shop",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    order_id = table.Column<long>(type: "bigint", nullable: false),
                    score = table.Column<short>(type: "smallint", nullable: false),
                    title = table.Column<string>(type: "text", nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews", x => x.id);
                    table.CheckConstraint("ck_reviews_score", "score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "fk_reviews_orders_order_id",
                        column: x => x.order_id,
                        principalSchema: "shop",
                        principalTable: "orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_run_id",
                schema: "shop",
                table: "customers",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_signup_at",
                schema: "shop",
                table: "customers",
                column: "signup_at");

            migrationBuilder.CreateIndex(
                name: "ix_customers_state",
                schema: "shop",
                table: "customers",
                column: "state");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_carrier",
                schema: "shop",
                table: "deliveries",
                column: "carrier");

            migrationBuilder.CreateIndex(
                name: "ix_labels_kind",
                schema: "sim",
                table: "labels",
                column: "kind");

            migrationBuilder.CreateIndex(
                name: "ix_labels_run_id",
                schema: "sim",
                table: "labels",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_market_events_run_id",
                schema: "shop",
                table: "market_events",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_market_events_starts_at",
                schema: "shop",
                table: "market_events",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_order_items_product_id",
                schema: "shop",
                table: "order_items",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_order_items_seller_id",
                schema: "shop",
                table: "order_items",
                column: "seller_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_customer_id_purchased_at",
                schema: "shop",
                table: "orders",
                columns: new[] { "customer_id", "purchased_at" });

            migrationBuilder.CreateIndex(
                name: "ix_orders_purchased_at",
                schema: "shop",
                table: "orders",
                column: "purchased_at");

            migrationBuilder.CreateIndex(
                name: "ix_orders_run_id",
                schema: "shop",
                table: "orders",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_orders_ship_state_purchased_at",
                schema: "shop",
                table: "orders",
                columns: new[] { "ship_state", "purchased_at" });

            migrationBuilder.CreateIndex(
                name: "ix_products_category",
                schema: "shop",
                table: "products",
                column: "category");

            migrationBuilder.CreateIndex(
                name: "ix_products_run_id",
                schema: "shop",
                table: "products",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_order_id",
                schema: "shop",
                table: "reviews",
                column: "order_id");

            migrationBuilder.CreateIndex(
                name: "ix_sellers_run_id",
                schema: "shop",
                table: "sellers",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_sellers_state",
                schema: "shop",
                table: "sellers",
                column: "state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deliveries",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "labels",
                schema: "sim");

            migrationBuilder.DropTable(
                name: "market_events",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "order_items",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "payments",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "reviews",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "run_chunks",
                schema: "sim");

            migrationBuilder.DropTable(
                name: "products",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "sellers",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "orders",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "customers",
                schema: "shop");

            migrationBuilder.DropTable(
                name: "runs",
                schema: "sim");
        }
    }
}
