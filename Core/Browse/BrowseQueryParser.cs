using System.Globalization;
using Ecom.Aspire.Core.Analytics;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Browse;

/// <summary>
/// Parses and validates the query parameters of the data-browser lists; each problem names its parameter and says
/// what is allowed. page: 1 or more (default 1), and the page may not start beyond <see cref="MaxOffset"/> rows (a
/// search or a filter narrows a long list better than paging far); pageSize: 1..<see cref="MaxPageSize"/> (default
/// <see cref="DefaultPageSize"/>); q: the search text, 1..<see cref="MaxSearchLength"/> characters, trimmed (blank = none).
/// </summary>
public static class BrowseQueryParser
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const int MaxOffset = 100_000;
    public const int MaxSearchLength = 100;

    public static BrowseQuery? Parse(string? page, string? pageSize, string? q, Dictionary<string, string[]> errors)
    {
        var size = AnalyticsQueryParser.Number("pageSize", pageSize, 1, MaxPageSize, DefaultPageSize, errors);
        var number = AnalyticsQueryParser.Number("page", page, 1, int.MaxValue, 1, errors);
        if (number is { } n && size is { } s && (long)(n - 1) * s >= MaxOffset)
        {
            errors["page"] = [string.Create(CultureInfo.InvariantCulture,
                $"page {n} of {s} rows starts beyond row {MaxOffset:N0}: narrow the list with q or a filter instead (the last page allowed is {(MaxOffset - 1) / s + 1}).")];
        }
        var search = q?.Trim();
        if (search is { Length: > MaxSearchLength })
        {
            errors["q"] = [$"q must be at most {MaxSearchLength} characters (got {search.Length})."];
        }
        if (errors.Count > 0 || number is null || size is null) return null;
        return new BrowseQuery(number.Value, size.Value, string.IsNullOrEmpty(search) ? null : search);
    }

    /// <summary>An optional order status, one of <see cref="OrderStatuses.All"/> (case-insensitive).</summary>
    public static string? Status(string? status, Dictionary<string, string[]> errors)
    {
        if (status is null) return null;
        var match = OrderStatuses.All.FirstOrDefault(s => s.Equals(status.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) errors["status"] = [$"status must be one of: {string.Join(", ", OrderStatuses.All)} (got '{Short(status)}')."];
        return match;
    }

    /// <summary>An optional product category (1..100 characters; the caller checks that it exists).</summary>
    public static string? Category(string? category, Dictionary<string, string[]> errors)
    {
        if (category is null) return null;
        if (category.Length is 0 or > AnalyticsQueryParser.MaxCategoryLength)
        {
            errors["category"] = [$"category must be a product category of 1 to {AnalyticsQueryParser.MaxCategoryLength} characters (got '{Short(category)}')."];
        }
        return category;
    }

    /// <summary>An optional product lifecycle, one of <see cref="Lifecycles.All"/> (case-insensitive).</summary>
    public static string? Lifecycle(string? lifecycle, Dictionary<string, string[]> errors)
    {
        if (lifecycle is null) return null;
        var match = Lifecycles.All.FirstOrDefault(s => s.Equals(lifecycle.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null) errors["lifecycle"] = [$"lifecycle must be one of: {string.Join(", ", Lifecycles.All)} (got '{Short(lifecycle)}')."];
        return match;
    }

    private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
