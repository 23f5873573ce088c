using System.Globalization;
using Dapper;
using Ecom.Aspire.Core.Realtime;
using Ecom.Aspire.Core.Simulation;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// The period of an analytics answer: business days (America/Sao_Paulo, as <c>dw.fact_sales.date_key</c>) from
/// <see cref="From"/> to <see cref="To"/>, both included. Rules: From &lt;= To; From on or after
/// <see cref="Earliest"/>, To on or before <see cref="Latest"/>; at most <see cref="MaxYears"/> years (To before From + 10 years). The previous period is the
/// same number of days ending the day before From (used for comparisons).
/// </summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To)
{
    public const int MaxYears = 10;

    /// <summary>Days of the default period (when neither from nor to is given): the 30 days ending on the latest day with sales.</summary>
    public const int DefaultDays = 30;

    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The last day a period may reach (far enough for any forecast, and far from DateOnly.MaxValue).</summary>
    public static readonly DateOnly Latest = new(2999, 12, 31);

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The <see cref="Days"/> days just before <see cref="From"/>.</summary>
    public AnalyticsPeriod PreviousPeriod() => new(From.AddDays(-Days), From.AddDays(-1));

    /// <summary>Null when valid, else the reason, naming the parameter it belongs to.</summary>
    public static (string Parameter, string Message)? Problem(DateOnly from, DateOnly to)
    {
        if (from < Earliest) return ("from", $"from ({Text(from)}) must be {Text(Earliest)} or later.");
        if (to < Earliest) return ("to", $"to ({Text(to)}) must be {Text(Earliest)} or later.");
        if (to > Latest) return ("to", $"to ({Text(to)}) must be {Text(Latest)} or earlier.");
        if (from > to) return ("from", $"from ({Text(from)}) is after to ({Text(to)}): the period runs from 'from' to 'to', both included.");
        if (to.AddYears(-MaxYears) >= from) return ("to", $"The period {Text(from)}..{Text(to)} is longer than {MaxYears} years: choose a later 'from' or an earlier 'to'.");
        return null;
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Which sales an answer counts: those shipped to <see cref="State"/> (a UF code, <c>fact_sales.customer_state</c>)
/// and of products of <see cref="Category"/> (<c>fact_sales.category</c>); null means all.
/// </summary>
public sealed record AnalyticsFilter(string? State, string? Category)
{
    public static readonly AnalyticsFilter None = new(null, null);

    /// <summary>The 27 UF codes, alphabetically.</summary>
    public static IReadOnlyList<string> StateCodes { get; } = [.. BrazilGeography.States.Select(s => s.Uf).Order(StringComparer.Ordinal)];

    /// <summary>SQL conditions (each starting with AND) on a table with a state column and, if given, a category column.</summary>
    internal string Conditions(string stateColumn, string? categoryColumn) =>
        (State is null ? "" : $" AND {stateColumn} = CAST(@state AS char(2))") +
        (Category is null || categoryColumn is null ? "" : $" AND {categoryColumn} = @category");
}

/// <summary>A validated analytics query: period, filter and the parameters of each area.</summary>
public sealed record AnalyticsQuery(AnalyticsPeriod Period, AnalyticsFilter Filter);

/// <summary>
/// Parses and validates the query parameters shared by the analytics endpoints. Each error names its parameter and
/// says what is allowed; dates are yyyy-MM-dd. Defaults: <c>to</c> = the latest business day with sales in the
/// warehouse (today in São Paulo when it is empty), <c>from</c> = <see cref="AnalyticsPeriod.DefaultDays"/> − 1 days
/// before <c>to</c>. <c>state</c> is one of the 27 UF codes (case-insensitive); <c>category</c> must be the category
/// of a product of the warehouse.
/// </summary>
public static class AnalyticsQueryParser
{
    public const int MaxCategoryLength = 100;

    /// <summary>
    /// The query, or null with the problems added to <paramref name="errors"/>. Nothing is read from the database while
    /// <paramref name="errors"/> holds a problem (of these parameters or of others, added by the caller before).
    /// </summary>
    public static async Task<AnalyticsQuery?> ParseAsync(NpgsqlDataSource dataSource, TimeProvider clock,
        string? from, string? to, string? state, string? category, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var fromDay = ParseDate("from", from, errors);
        var toDay = ParseDate("to", to, errors);

        var uf = State(state, errors);
        CheckCategoryForm(category, errors);
        if (errors.Count > 0) return null;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await CategoryExistsAsync(connection, category, errors, ct)) return null;
        if (toDay is null)
        {
            var latestDay = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                "SELECT max(date_key) FROM dw.agg_daily_orders", cancellationToken: ct));
            DateOnly? latest = latestDay is { } d ? DateOnly.FromDateTime(d) : null;
            toDay = fromDay is { } f && latest is { } l && l < f ? f.AddDays(AnalyticsPeriod.DefaultDays - 1) : latest ?? BusinessDay.Of(clock.GetUtcNow());
        }
        if (fromDay is null)
        {
            var back = toDay.Value.AddDays(-(AnalyticsPeriod.DefaultDays - 1));
            fromDay = back < AnalyticsPeriod.Earliest ? AnalyticsPeriod.Earliest : back;
        }
        if (AnalyticsPeriod.Problem(fromDay.Value, toDay.Value) is { } problem)
        {
            errors[problem.Parameter] = [problem.Message];
            return null;
        }
        return new AnalyticsQuery(new AnalyticsPeriod(fromDay.Value, toDay.Value), new AnalyticsFilter(uf, category));
    }

    /// <summary>An optional UF code (case-insensitive), upper-cased; a problem for <c>state</c> when it is not one of the 27.</summary>
    public static string? State(string? state, Dictionary<string, string[]> errors)
    {
        if (state is null) return null;
        var uf = state.Trim().ToUpperInvariant();
        if (AnalyticsFilter.StateCodes.Contains(uf)) return uf;
        errors["state"] = [$"state must be one of the 27 UF codes: {string.Join(", ", AnalyticsFilter.StateCodes)} (got '{Truncate(state)}')."];
        return null;
    }

    private static void CheckCategoryForm(string? category, Dictionary<string, string[]> errors)
    {
        if (category is not null && (category.Length is 0 or > MaxCategoryLength))
        {
            errors["category"] = [$"category must be a product category of 1 to {MaxCategoryLength} characters (got '{Truncate(category)}')."];
        }
    }

    private static async Task<bool> CategoryExistsAsync(NpgsqlConnection connection, string? category, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (category is null || await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM dw.dim_product WHERE category = @category)", new { category }, cancellationToken: ct))) return true;
        errors["category"] = [$"category '{Truncate(category)}' is not the category of any product in the warehouse."];
        return false;
    }

    /// <summary>
    /// An optional category (checked against the warehouse's products) for the answers without a period; false with a
    /// problem for <c>category</c>. Nothing is read while <paramref name="errors"/> holds a problem.
    /// </summary>
    public static async Task<bool> CategoryAsync(NpgsqlDataSource dataSource, string? category, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        CheckCategoryForm(category, errors);
        if (errors.Count > 0) return false;
        if (category is null) return true;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await CategoryExistsAsync(connection, category, errors, ct);
    }

    /// <summary>Parses an optional decimal number between <paramref name="min"/> and <paramref name="max"/> (invariant culture, '.' for decimals).</summary>
    public static decimal? Fraction(string name, string? value, decimal min, decimal max, decimal fallback, Dictionary<string, string[]> errors)
    {
        if (value is null) return fallback;
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        errors[name] = [string.Create(CultureInfo.InvariantCulture, $"{name} must be a number from {min} to {max}, with '.' for decimals (got '{Truncate(value)}').")];
        return null;
    }

    private static DateOnly? ParseDate(string name, string? value, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[name] = [$"{name} must be a date in the form yyyy-MM-dd (got '{Truncate(value)}')."];
            return null;
        }
        if (day < AnalyticsPeriod.Earliest || day > AnalyticsPeriod.Latest)
        {
            errors[name] = [$"{name} ({AnalyticsPeriod.Text(day)}) must be between {AnalyticsPeriod.Text(AnalyticsPeriod.Earliest)} and {AnalyticsPeriod.Text(AnalyticsPeriod.Latest)}."];
            return null;
        }
        return day;
    }

    /// <summary>Parses an optional choice among <paramref name="allowed"/> (case-insensitive).</summary>
    public static string? Choice(string name, string? value, IReadOnlyList<string> allowed, string fallback, Dictionary<string, string[]> errors)
    {
        if (value is null) return fallback;
        var match = allowed.FirstOrDefault(a => a.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) errors[name] = [$"{name} must be one of: {string.Join(", ", allowed)} (got '{Truncate(value)}')."];
        return match;
    }

    /// <summary>Parses an optional whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int? Number(string name, string? value, int min, int max, int fallback, Dictionary<string, string[]> errors)
    {
        if (value is null) return fallback;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max) return number;
        errors[name] = [$"{name} must be a whole number from {min} to {max} (got '{Truncate(value)}')."];
        return null;
    }

    internal static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>Rounding and ratios shared by the analytics answers: money to cents, ratios to 4 places, changes in percent to 2.</summary>
public static class Figures
{
    public static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>part / whole rounded to 4 places (a share of 1 = 100 %); null when the whole is 0.</summary>
    public static decimal? Ratio(decimal part, decimal whole) => whole == 0 ? null : Math.Round(part / whole, 4, MidpointRounding.AwayFromZero);

    /// <summary>Average rounded to 2 places; null without any case.</summary>
    public static decimal? Average(decimal sum, decimal count) => count == 0 ? null : Math.Round(sum / count, 2, MidpointRounding.AwayFromZero);

    /// <summary>Change from <paramref name="previous"/> to <paramref name="current"/> in percent of |previous|, 2 places; null when previous is 0.</summary>
    public static decimal? ChangePercent(decimal current, decimal previous) =>
        previous == 0 ? null : Math.Round((current - previous) / Math.Abs(previous) * 100m, 2, MidpointRounding.AwayFromZero);
}
