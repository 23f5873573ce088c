namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>The error measures and small statistics of the forecasts, each defined where it is computed.</summary>
public static class ForecastMath
{
    /// <summary>
    /// Mean absolute percentage error, in percent: mean over the pairs of |actual − forecast| / actual × 100. Pairs whose
    /// actual is 0 are left out (their percentage is undefined); null when no pair is left.
    /// </summary>
    public static double? Mape(IEnumerable<(double Actual, double Forecast)> pairs)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var (actual, forecast) in pairs)
        {
            if (actual <= 0) continue;
            sum += Math.Abs(actual - forecast) / actual;
            n++;
        }
        return n == 0 ? null : sum / n * 100;
    }

    /// <summary>The p-quantile (0..1) of the values, linear between order statistics (Excel's PERCENTILE.INC, R type 7).</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * Math.Clamp(p, 0, 1);
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>
    /// Least-squares polynomial of the given degree through the points (x, y): the coefficients c0..c_degree of
    /// c0 + c1·x + c2·x² + …, solved from the normal equations (Gaussian elimination with partial pivoting).
    /// </summary>
    public static double[] PolynomialFit(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        var m = degree + 1;
        if (x.Count < m) throw new ArgumentException($"{m} points needed for a polynomial of degree {degree}", nameof(x));
        var a = new double[m, m + 1];
        for (var k = 0; k < x.Count; k++)
        {
            var powers = new double[2 * m];
            powers[0] = 1;
            for (var p = 1; p < powers.Length; p++) powers[p] = powers[p - 1] * x[k];
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++) a[i, j] += powers[i + j];
                a[i, m] += powers[i] * y[k];
            }
        }
        for (var col = 0; col < m; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < m; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (pivot != col) for (var c = 0; c <= m; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (var r = 0; r < m; r++)
            {
                if (r == col || a[col, col] == 0) continue;
                var f = a[r, col] / a[col, col];
                for (var c = col; c <= m; c++) a[r, c] -= f * a[col, c];
            }
        }
        var coefficients = new double[m];
        for (var i = 0; i < m; i++) coefficients[i] = a[i, i] == 0 ? 0 : a[i, m] / a[i, i];
        return coefficients;
    }

    public static double Polynomial(double[] coefficients, double x)
    {
        var value = 0.0;
        for (var i = coefficients.Length - 1; i >= 0; i--) value = value * x + coefficients[i];
        return value;
    }
}
