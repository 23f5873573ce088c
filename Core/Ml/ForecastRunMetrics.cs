using Ecom.Aspire.Core.Ml.Forecasting;

namespace Ecom.Aspire.Core.Ml;

/// <summary>One scope's result as stored in the metrics of a forecast run.</summary>
public sealed record ScopeSummary(string Scope, string ChosenModel, double? Mape, IReadOnlyList<BacktestResult> Backtest, double IntervalLevel, int Weeks)
{
    public static ScopeSummary Of(ScopeForecast f) => new(f.Scope, f.ChosenModel, f.Mape, f.Backtest, f.IntervalLevel, f.History.Count);
}

/// <summary>Metrics of a forecast run: every scope trained, and the scopes left out with the reason.</summary>
public sealed record ForecastRunMetrics(int Horizon, int BacktestWeeks, IReadOnlyList<ScopeSummary> Scopes, IReadOnlyList<string> Skipped);
