using Dapper;
using Ecom.Aspire.Core.Ml.Anomalies;
using Ecom.Aspire.Core.Ml.Forecasting;
using Npgsql;
using NpgsqlTypes;

namespace Ecom.Aspire.Core.Ml;

/// <summary>Writes trained models to schema ml (one transaction per run); keeps the newest <see cref="KeepRuns"/> runs of each kind.</summary>
public static class MlStore
{
    public const string ForecastKind = "forecast";
    public const string AnomaliesKind = "anomalies";
    public const int KeepRuns = 10;

    public sealed record RunInfo(string Kind, string Model, DateTimeOffset TrainedAt, int Seed, DateOnly? DataFrom, DateOnly? DataTo, double Seconds);

    public static async Task<int> SaveForecastAsync(NpgsqlDataSource dataSource, RunInfo run, ForecastRunMetrics metrics, IReadOnlyList<ScopeForecast> forecasts, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var id = await InsertRunAsync(connection, run, MlJson.Serialize(metrics), null, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ml.forecasts (run_id, scope, week_start, actual, forecast, lower, upper) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var f in forecasts)
            {
                for (var i = 0; i < f.History.Count; i++)
                    await RowAsync(copy, id, f.Scope, f.History.Weeks[i], f.History.Revenue[i], null, null, null, ct);
                foreach (var p in f.Forecast)
                    await RowAsync(copy, id, f.Scope, p.WeekStart, null, p.Forecast, p.Lower, p.Upper, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await PruneAsync(connection, ForecastKind, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    public static async Task<int> SaveAnomaliesAsync(NpgsqlDataSource dataSource, RunInfo run, AnomalyReport report, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var id = await InsertRunAsync(connection, run, MlJson.Serialize(report), report.ModelZip, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ml.anomalies (run_id, order_id, purchased_at, category, source, score, total, reason) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var f in report.Flagged)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(f.OrderId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(f.PurchasedAt.UtcDateTime, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(f.Category, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(f.Source, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(f.Score, NpgsqlDbType.Double, ct);
                await copy.WriteAsync(Math.Round((decimal)f.Total, 2), NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(f.Reason, NpgsqlDbType.Text, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await PruneAsync(connection, AnomaliesKind, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    private static async Task<int> InsertRunAsync(NpgsqlConnection connection, RunInfo run, string metrics, byte[]? zip, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO ml.model_runs (kind, model, trained_at, seed, data_from, data_to, seconds, metrics, model_zip)
            VALUES (@Kind, @Model, @TrainedAt, @Seed, @DataFrom, @DataTo, @Seconds, @Metrics::jsonb, @Zip)
            RETURNING id
            """, new
        {
            run.Kind, run.Model, TrainedAt = run.TrainedAt.UtcDateTime, run.Seed,
            DataFrom = run.DataFrom?.ToDateTime(TimeOnly.MinValue), DataTo = run.DataTo?.ToDateTime(TimeOnly.MinValue),
            run.Seconds, Metrics = metrics, Zip = zip,
        }, cancellationToken: ct));

    private static async Task RowAsync(NpgsqlBinaryImporter copy, int id, string scope, DateOnly week, double? actual, double? forecast, double? lower, double? upper, CancellationToken ct)
    {
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(id, NpgsqlDbType.Integer, ct);
        await copy.WriteAsync(scope, NpgsqlDbType.Text, ct);
        await copy.WriteAsync(week, NpgsqlDbType.Date, ct);
        foreach (var value in new[] { actual, forecast, lower, upper })
        {
            if (value is { } v) await copy.WriteAsync(Math.Round((decimal)v, 2), NpgsqlDbType.Numeric, ct);
            else await copy.WriteNullAsync(ct);
        }
    }

    private static Task PruneAsync(NpgsqlConnection connection, string kind, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM ml.model_runs WHERE kind = @kind AND id NOT IN (SELECT id FROM ml.model_runs WHERE kind = @kind ORDER BY id DESC LIMIT @keep)
            """, new { kind, keep = KeepRuns }, cancellationToken: ct));
}
