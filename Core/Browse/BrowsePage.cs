namespace Ecom.Aspire.Core.Browse;

/// <summary>
/// One page of a data-browser list: the rows of page <see cref="Page"/> (1 = the first) of <see cref="PageSize"/> rows,
/// and <see cref="Total"/>, the number of rows that match the search and filters over all pages.
/// </summary>
public sealed record BrowsePage<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize)
{
    public bool HasMore => (long)Page * PageSize < Total;
}

/// <summary>Paging and search text shared by the data-browser lists, validated by <see cref="BrowseQueryParser"/>.</summary>
public sealed record BrowseQuery(int Page, int PageSize, string? Search)
{
    public int Offset => (Page - 1) * PageSize;

    /// <summary>The search as a whole number (an id, or the start of a CPF), or null when it is not made of digits only.</summary>
    public long? SearchNumber => Search is { Length: > 0 and <= 18 } s && s.All(char.IsAsciiDigit) ? long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>A case-insensitive LIKE pattern for values that start with the search (its % _ and \ escaped).</summary>
    public string? Prefix => Search is null ? null : Escape(Search) + "%";

    private static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
