namespace Ecom.Aspire.Web.Services;

/// <summary>One model's rolling-origin backtest (MAPE in percent).</summary>
public sealed record BacktestRow(string Model, string Description, double? Mape, IReadOnlyList<double?> MapeByHorizon, int Forecasts);

/// <summary>A week of history (actual) or forecast (forecast, lower, upper).</summary>
public sealed record ForecastWeekView(DateOnly WeekStart, decimal? Actual, decimal? Forecast, decimal? Lower, decimal? Upper);

/// <summary>GET /api/forecast.</summary>
public sealed record ForecastView(
    int RunId, DateTimeOffset TrainedAt, string Scope, string ChosenModel, double? Mape, double IntervalLevel,
    IReadOnlyList<BacktestRow> Backtest, IReadOnlyList<ForecastWeekView> History, IReadOnlyList<ForecastWeekView> Forecast,
    IReadOnlyList<string> Scopes);

/// <summary>A flagged order.</summary>
public sealed record AnomalyItem(long OrderId, DateTimeOffset PurchasedAt, string Category, string Source, double Score, decimal Total, string Reason);

/// <summary>GET /api/anomalies.</summary>
public sealed record AnomalyPageView(int RunId, DateTimeOffset TrainedAt, int Page, int PageSize, long Total, IReadOnlyList<AnomalyItem> Items, IReadOnlyDictionary<string, long> Categories);

/// <summary>Precision, recall and F1 of a category against sim.labels.</summary>
public sealed record CategoryMetricsView(string Category, int Flagged, int Labelled, int TruePositives, double? Precision, double? Recall, double? F1);

/// <summary>A time slice of the anomaly training.</summary>
public sealed record OrderSliceView(string Name, DateTimeOffset From, DateTimeOffset To, int Orders, int Labelled);

/// <summary>The anomaly run's report.</summary>
public sealed record AnomalyReportView(
    IReadOnlyList<OrderSliceView> Slices, double? PcaThreshold, double? PcaThresholdPercentile,
    IReadOnlyList<CategoryMetricsView> Evaluation, CategoryMetricsView RulesOnly, CategoryMetricsView PcaOnly, int Orders);

/// <summary>GET /api/anomalies/metrics.</summary>
public sealed record AnomalyMetricsView(int RunId, DateTimeOffset TrainedAt, int Seed, AnomalyReportView Report);
