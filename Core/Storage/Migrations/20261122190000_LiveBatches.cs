using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations;

/// <summary>
/// sim.live_batches: one row per live batch committed to PostgreSQL (new orders, or status changes), written in the
/// same transaction as its rows. Redis marks each applied batch id; a reconcile reads the ids its snapshot includes,
/// so a batch is counted exactly once (DESIGN.md section 5). Plain SQL: the table is bookkeeping, not an EF entity.
/// </summary>
[DbContext(typeof(EcomDbContext))]
[Migration("20261122190000_LiveBatches")]
public sealed class LiveBatches : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE sim.live_batches (
                id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                run_id       integer REFERENCES sim.runs (id),
                day          date        NOT NULL,
                kind         text        NOT NULL CHECK (kind IN ('orders', 'status')),
                orders       integer     NOT NULL,
                committed_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX ix_live_batches_day ON sim.live_batches (day);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE IF EXISTS sim.live_batches;");
    }
}
