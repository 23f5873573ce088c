using System.Text.Json;
using Dapper;
using Ecom.Aspire.Core.Ml.Anomalies;
using Ecom.Aspire.Core.Ml.Forecasting;
using Npgsql;

namespace Ecom.Aspire.Core.Ml;

/// <summary>A week of the history (actual) or of the forecast (forecast with its interval).</summary>
public sealed record ForecastWeek(DateOnly WeekStart, decimal? Actual, decimal? Forecast, decimal? Lower, decimal? Upper);

/// <summary>GET /api/forecast: the newest forecast run's answer for one scope.</summary>
public sealed record ForecastAnswer(
    int RunId, DateTimeOffset TrainedAt, string Scope, string ChosenModel, double? Mape, double IntervalLevel,
    IReadOnlyList<BacktestResult> Backtest, IReadOnlyList<ForecastWeek> History, IReadOnlyList<ForecastWeek> Forecast,
    IReadOnlyList<string> Scopes);

/// <summary>A flagged order as the Api lists it.</summary>
public sealed record AnomalyView(long OrderId, DateTimeOffset PurchasedAt, string Category, string Source, double Score, decimal Total, string Reason);

/// <summary>GET /api/anomalies: one page of the newest anomaly run's flagged orders, newest first, with the counts per category of the filter's period.</summary>
public sealed record AnomalyPage(
    int RunId, DateTimeOffset TrainedAt, int Page, int PageSize, long Total, IReadOnlyList<AnomalyView> Items, IReadOnlyDictionary<string, long> Categories);

/// <summary>GET /api/anomalies/metrics: the newest anomaly run's evaluation.</summary>
public sealed record AnomalyMetricsAnswer(int RunId, DateTimeOffset TrainedAt, int Seed, AnomalyReport Report);

/// <summary>A model run (GET /api/models), with its metrics as stored.</summary>
public sealed record ModelRunView(int Id, string Kind, string Model, DateTimeOffset TrainedAt, int Seed, DateOnly? DataFrom, DateOnly? DataTo, double Seconds, JsonElement Metrics);

/// <summary>Reads what the training stored in schema ml (always the newest run of a kind).</summary>
public static class MlQueries
{
    private sealed record RunRow(int Id, DateTime TrainedAt, int Seed, string Metrics);

    private static async Task<RunRow?> LatestAsync(NpgsqlConnection connection, string kind, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            "SELECT id AS Id, trained_at AS TrainedAt, seed AS Seed, metrics::text AS Metrics FROM ml.model_runs WHERE kind = @kind ORDER BY id DESC LIMIT 1",
            new { kind }, cancellationToken: ct));

    private static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    /// <summary>Null when no forecast was trained; an answer with an empty history when the scope is not among the run's.</summary>
    public static async Task<ForecastAnswer?> ForecastAsync(NpgsqlDataSource dataSource, ForecastScope scope, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await LatestAsync(connection, MlStore.ForecastKind, ct) is not { } run) return null;
        var metrics = MlJson.Deserialize<ForecastRunMetrics>(run.Metrics);
        var scopes = metrics.Scopes.Select(s => s.Scope).ToList();
        if (metrics.Scopes.FirstOrDefault(s => s.Scope == scope.ToString()) is not { } summary)
            return new ForecastAnswer(run.Id, Utc(run.TrainedAt), scope.ToString(), "", null, ForecastTrainer.IntervalLevel, [], [], [], scopes);
        var weeks = (await connection.QueryAsync<(DateTime Week, decimal? Actual, decimal? Forecast, decimal? Lower, decimal? Upper)>(new CommandDefinition("""
            SELECT week_start::timestamp, actual, forecast, lower, upper FROM ml.forecasts
            WHERE run_id = @id AND scope = @scope ORDER BY week_start
            """, new { id = run.Id, scope = scope.ToString() }, cancellationToken: ct)))
            .Select(w => new ForecastWeek(DateOnly.FromDateTime(w.Week), w.Actual, w.Forecast, w.Lower, w.Upper)).ToList();
        return new ForecastAnswer(run.Id, Utc(run.TrainedAt), summary.Scope, summary.ChosenModel, summary.Mape, summary.IntervalLevel,
            summary.Backtest, [.. weeks.Where(w => w.Actual is not null)], [.. weeks.Where(w => w.Forecast is not null)], scopes);
    }

    /// <param name="fromDay">First business day (America/Sao_Paulo, included), or null.</param>
    /// <param name="toDay">Last business day (included), or null.</param>
    public static async Task<AnomalyPage?> AnomaliesAsync(NpgsqlDataSource dataSource, int page, int pageSize, string? category,
        DateOnly? fromDay, DateOnly? toDay, CancellationToken ct)
    {
        DateTimeOffset? from = fromDay is { } f ? Simulation.SaoPauloTime.StartOfDay(f) : null;
        DateTimeOffset? to = toDay is { } t ? Simulation.SaoPauloTime.StartOfDay(t.AddDays(1)) : null;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (await LatestAsync(connection, MlStore.AnomaliesKind, ct) is not { } run) return null;
        var args = new { id = run.Id, category, from = from?.UtcDateTime, to = to?.UtcDateTime, take = pageSize, skip = (page - 1) * pageSize };
        const string period = "run_id = @id AND (@from::timestamptz IS NULL OR purchased_at >= @from) AND (@to::timestamptz IS NULL OR purchased_at < @to)";
        var counts = (await connection.QueryAsync<(string Category, long Count)>(new CommandDefinition(
            $"SELECT category, count(*) FROM ml.anomalies WHERE {period} GROUP BY category", args, cancellationToken: ct)))
            .ToDictionary(c => c.Category, c => c.Count);
        var categories = AnomalyCategories.All.ToDictionary(c => c, c => counts.GetValueOrDefault(c));
        var total = category is null ? counts.Values.Sum() : counts.GetValueOrDefault(category);
        var items = (await connection.QueryAsync<(long OrderId, DateTime PurchasedAt, string Category, string Source, double Score, decimal Total, string Reason)>(new CommandDefinition($"""
            SELECT order_id, purchased_at, category, source, score, total, reason FROM ml.anomalies
            WHERE {period} AND (@category::text IS NULL OR category = @category)
            ORDER BY purchased_at DESC, order_id DESC LIMIT @take OFFSET @skip
            """, args, cancellationToken: ct)))
            .Select(a => new AnomalyView(a.OrderId, Utc(a.PurchasedAt), a.Category, a.Source, a.Score, a.Total, a.Reason)).ToList();
        return new AnomalyPage(run.Id, Utc(run.TrainedAt), page, pageSize, total, items, categories);
    }

    public static async Task<AnomalyMetricsAnswer?> AnomalyMetricsAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await LatestAsync(connection, MlStore.AnomaliesKind, ct) is { } run
            ? new AnomalyMetricsAnswer(run.Id, Utc(run.TrainedAt), run.Seed, MlJson.Deserialize<AnomalyReport>(run.Metrics))
            : null;
    }

    public static async Task<IReadOnlyList<ModelRunView>> RunsAsync(NpgsqlDataSource dataSource, string? kind, int take, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(int Id, string Kind, string Model, DateTime TrainedAt, int Seed, DateTime? DataFrom, DateTime? DataTo, double Seconds, string Metrics)>(new CommandDefinition("""
            SELECT id, kind, model, trained_at, seed, data_from::timestamp, data_to::timestamp, seconds, metrics::text FROM ml.model_runs
            WHERE @kind::text IS NULL OR kind = @kind ORDER BY id DESC LIMIT @take
            """, new { kind, take }, cancellationToken: ct));
        return [.. rows.Select(r => new ModelRunView(r.Id, r.Kind, r.Model, Utc(r.TrainedAt), r.Seed,
            r.DataFrom is { } f ? DateOnly.FromDateTime(f) : null, r.DataTo is { } t ? DateOnly.FromDateTime(t) : null, r.Seconds,
            JsonDocument.Parse(r.Metrics).RootElement.Clone()))];
    }
}
