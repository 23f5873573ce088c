using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace Ecom.Aspire.Web.Services;

/// <summary>
/// The period and filter shared by every analytics page, kept in the URL's query string (<c>from</c>, <c>to</c> as
/// yyyy-MM-dd, <c>state</c> a UF code, <c>category</c>) so that a view can be bookmarked and shared. Empty means "the
/// Api's default": the 30 days ending on the latest day with sales, every state, every category.
/// </summary>
public sealed record DashboardFilter(DateOnly? From, DateOnly? To, string? State, string? Category)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Days of the Api's default period (its AnalyticsPeriod.DefaultDays): used when neither date is set.</summary>
    public const int DefaultDays = 30;

    public static readonly DashboardFilter None = new(null, null, null, null);

    /// <summary>
    /// The filter of a URL's query values; what cannot be read is dropped (a mistyped date, an unknown UF) rather than
    /// sent to the Api, and the state is upper-cased.
    /// </summary>
    public static DashboardFilter FromQuery(string? from, string? to, string? state, string? category) => new(
        ParseDate(from), ParseDate(to), BrazilStates.Find(state)?.Uf, string.IsNullOrWhiteSpace(category) ? null : category.Trim());

    /// <summary>The filter in the query string of <paramref name="uri"/>.</summary>
    public static DashboardFilter FromUri(string uri)
    {
        var query = new Uri(uri, UriKind.Absolute).Query;
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        string? Get(string key) => values.TryGetValue(key, out var v) ? v.ToString() : null;
        return FromQuery(Get("from"), Get("to"), Get("state"), Get("category"));
    }

    /// <summary>Null when the filter can be applied, else what is wrong (shown next to the dates).</summary>
    public string? Problem => From is { } f && To is { } t && f > t
        ? $"The start date ({f:dd/MM/yyyy}) is after the end date ({t:dd/MM/yyyy})."
        : null;

    public bool IsEmpty => this == None;

    /// <summary>
    /// The days of the period when the filter alone tells them: both dates set, or neither (the Api's default of
    /// <see cref="DefaultDays"/>); null when only one end is set (the other is the Api's to find).
    /// </summary>
    public int? KnownDays => (From, To) switch
    {
        (null, null) => DefaultDays,
        ({ } f, { } t) when f <= t => t.DayNumber - f.DayNumber + 1,
        _ => null,
    };

    /// <summary>
    /// The query string for the Api (without '?'; empty when nothing is set). <paramref name="withCategory"/> false
    /// leaves the category out, for the answers that have no category (delivery, cohorts, sellers).
    /// </summary>
    public string ApiQuery(bool withCategory = true, bool withState = true)
    {
        var parts = new List<string>();
        if (From is { } f) parts.Add("from=" + Text(f));
        if (To is { } t) parts.Add("to=" + Text(t));
        if (withState && State is { } s) parts.Add("state=" + Uri.EscapeDataString(s));
        if (withCategory && Category is { } c) parts.Add("category=" + Uri.EscapeDataString(c));
        return string.Join('&', parts);
    }

    /// <summary>The URL of the current page with this filter in its query string (other query values are kept).</summary>
    public string UriOn(NavigationManager navigation) => navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["from"] = From is { } f ? Text(f) : null,
        ["to"] = To is { } t ? Text(t) : null,
        ["state"] = State,
        ["category"] = Category,
    });

    /// <summary>A short description for captions: "01/01/2024 – 31/01/2024 · SP · watches_gifts".</summary>
    public string Describe(AnalyticsPeriodView? period = null)
    {
        var parts = new List<string> { period?.ToString() ?? (From is null && To is null ? $"the latest {DefaultDays} days" : $"{From:dd/MM/yyyy} – {To:dd/MM/yyyy}") };
        parts.Add(State is { } s ? BrazilStates.Find(s)?.Name ?? s : "all states");
        parts.Add(Category ?? "all categories");
        return string.Join(" · ", parts);
    }

    public static string Text(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
