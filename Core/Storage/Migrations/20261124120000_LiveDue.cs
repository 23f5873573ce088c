using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations;

/// <summary>
/// sim.live_due: the live producer's schedule of open live orders, the next instant at which each one's status
/// changes (its deterministic timeline, Core/Simulation/LiveOrderTimeline). The status step reads only the due rows
/// instead of every open order; a row goes away when its order reaches a final status. Simulator bookkeeping, not a
/// fact of the shop: shop tables never hold a date later than "now".
/// </summary>
[DbContext(typeof(EcomDbContext))]
[Migration("20261124120000_LiveDue")]
public sealed class LiveDue : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE sim.live_due (
                order_id bigint      PRIMARY KEY REFERENCES shop.orders (id) ON DELETE CASCADE,
                due_at   timestamptz NOT NULL
            );
            CREATE INDEX ix_live_due_due_at ON sim.live_due (due_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE IF EXISTS sim.live_due;");
    }
}
