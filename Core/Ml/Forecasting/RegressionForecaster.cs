using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// The ML.NET forecaster: SDCA linear regression (single thread, no shuffling, so the same data gives the same model)
/// on the mean-variance normalised <see cref="ForecastFeatures"/>, trained on every (origin, horizon) pair whose
/// target week is known, predicting ln(revenue + 1) − level; the forecast is exp(level + prediction) − 1.
/// Like a model retrained every month, it is refitted when the origin has moved <see cref="RefitWeeks"/> weeks:
/// an origin uses the model fitted on the weeks up to the latest refit point at or before it (refit points are counted
/// back from the end of the series, so the final forecast uses every week); no forecast sees its own week.
/// </summary>
public sealed class RegressionForecaster(int seed) : IWeeklyForecaster
{
    public const string ModelName = "ml_sdca";

    public string Name => ModelName;
    public string Description => "ML.NET SDCA regression on trend, week of year, the retail calendar, last year's same week and recent lags (log ratios to the last 4 weeks).";

    /// <summary>Features need a year and 4 weeks; training needs 2 more seasons' worth of a quarter of origins.</summary>
    public int MinKnownWeeks => ForecastFeatures.MinKnownWeeks + MinTrainingOrigins + ForecastTrainer.Horizon;

    /// <summary>Fewest forecast origins with a known target for training.</summary>
    public const int MinTrainingOrigins = 12;

    public const int RefitWeeks = 4;

    private (WeeklySeries Series, int Known, ITransformer Model, MLContext Ml)? _fitted;

    public double[] Forecast(WeeklySeries series, int known, int horizon)
    {
        var trainKnown = known - (series.Count - known) % RefitWeeks;
        if (trainKnown < MinKnownWeeks) trainKnown = known;
        if (_fitted is not { } fit || !ReferenceEquals(fit.Series, series) || fit.Known != trainKnown)
        {
            var ml = new MLContext(seed);
            _fitted = fit = (series, trainKnown, Fit(ml, series, trainKnown), ml);
        }
        var ahead = new List<Row>(horizon);
        for (var h = 1; h <= horizon; h++) ahead.Add(new Row { Features = ForecastFeatures.Of(series, known, h) });
        var scores = fit.Ml.Data.CreateEnumerable<Output>(fit.Model.Transform(fit.Ml.Data.LoadFromEnumerable(ahead)), reuseRowObject: false)
            .Select(o => (double)o.Score).ToArray();
        var level = ForecastFeatures.Level(series, known);
        return [.. scores.Select(s => Math.Max(0, Math.Exp(level + s) - 1))];
    }

    private static ITransformer Fit(MLContext ml, WeeklySeries series, int known)
    {
        var rows = new List<Row>();
        for (var origin = ForecastFeatures.MinKnownWeeks; origin < known; origin++)
        {
            for (var h = 1; h <= ForecastTrainer.Horizon && origin + h - 1 < known; h++)
            {
                var label = Math.Log(series.Revenue[origin + h - 1] + 1) - ForecastFeatures.Level(series, origin);
                rows.Add(new Row { Features = ForecastFeatures.Of(series, origin, h), Label = (float)label });
            }
        }
        if (rows.Count < MinTrainingOrigins) throw new InvalidOperationException($"{rows.Count} training rows for the regression forecaster");
        var pipeline = ml.Transforms.NormalizeMeanVariance(nameof(Row.Features))
            .Append(ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
            {
                LabelColumnName = nameof(Row.Label),
                FeatureColumnName = nameof(Row.Features),
                NumberOfThreads = 1,
                Shuffle = false,
                MaximumNumberOfIterations = 200,
                L2Regularization = 1e-3f,
            }));
        return pipeline.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    private sealed class Row
    {
        [VectorType(ForecastFeatures.Count)]
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private sealed class Output
    {
        public float Score { get; set; }
    }
}
