using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ecom.Aspire.Core.Storage.Migrations;

/// <summary>
/// Schema ml: what the model training (Core/Ml, the <c>train</c> command and the recurring training job) writes and the
/// Api serves.
/// <list type="bullet">
/// <item><c>ml.model_runs</c>: one row per trained model (kind forecast or anomalies), with its seed, the data it saw,
/// the chosen model, its metrics as jsonb (backtest table, precision/recall/F1) and, for the anomaly detector, the
/// ML.NET model zip;</item>
/// <item><c>ml.forecasts</c>: per run and scope (total, region:…, category:…) the weekly history and the 8 forecast
/// weeks with their prediction interval;</item>
/// <item><c>ml.anomalies</c>: per run the flagged orders with their category, score and reason.</item>
/// </list>
/// Rows of a run go away with it (ON DELETE CASCADE); the training keeps the newest runs only.
/// </summary>
[DbContext(typeof(EcomDbContext))]
[Migration("20261126000000_MlModels")]
public sealed class MlModels : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE SCHEMA IF NOT EXISTS ml;

            CREATE TABLE ml.model_runs (
                id          integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind        text        NOT NULL CHECK (kind IN ('forecast', 'anomalies')),
                model       text        NOT NULL,
                trained_at  timestamptz NOT NULL,
                seed        integer     NOT NULL,
                data_from   date,
                data_to     date,
                seconds     double precision NOT NULL,
                metrics     jsonb       NOT NULL,
                model_zip   bytea
            );
            CREATE INDEX ix_model_runs_kind ON ml.model_runs (kind, id DESC);
            COMMENT ON TABLE ml.model_runs IS 'Trained models (Core/Ml): kind, chosen model, seed, the business days of the data, metrics (jsonb) and the ML.NET model zip where there is one.';

            CREATE TABLE ml.forecasts (
                run_id     integer       NOT NULL REFERENCES ml.model_runs (id) ON DELETE CASCADE,
                scope      text          NOT NULL,
                week_start date          NOT NULL,
                actual     numeric(14,2),
                forecast   numeric(14,2),
                lower      numeric(14,2),
                upper      numeric(14,2),
                PRIMARY KEY (run_id, scope, week_start)
            );
            COMMENT ON TABLE ml.forecasts IS 'Weekly revenue (Monday-first weeks of business days) per scope: actual for the history, forecast with its 80 % prediction interval (lower, upper) for the 8 weeks ahead.';

            CREATE TABLE ml.anomalies (
                run_id       integer       NOT NULL REFERENCES ml.model_runs (id) ON DELETE CASCADE,
                order_id     bigint        NOT NULL,
                purchased_at timestamptz   NOT NULL,
                category     text          NOT NULL,
                source       text          NOT NULL CHECK (source IN ('rule', 'pca')),
                score        double precision NOT NULL,
                total        numeric(14,2) NOT NULL,
                reason       text          NOT NULL,
                PRIMARY KEY (run_id, order_id)
            );
            CREATE INDEX ix_anomalies_run_time ON ml.anomalies (run_id, purchased_at DESC, order_id);
            COMMENT ON TABLE ml.anomalies IS 'Orders flagged by the anomaly detector of a run: category (a rule''s, or unusual_order for the PCA alone), the PCA score and the reason in plain words.';
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP SCHEMA IF EXISTS ml CASCADE;");
    }
}
