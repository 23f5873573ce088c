using Ecom.Aspire.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Ecom.Aspire.Web.Components.Analytics;

/// <summary>
/// A page of the dashboard that reads the shared filter from the URL (from, to, state, category) and loads its answers
/// again whenever the filter changes (the filter bar and the map change the URL, never the page's state directly).
/// </summary>
public abstract class AnalyticsPage : ComponentBase
{
    [Inject] protected EcomApiClient Api { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "state")] public string? State { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string? Category { get; set; }

    /// <summary>The filter of the URL.</summary>
    protected DashboardFilter Filter { get; private set; } = DashboardFilter.None;

    private DashboardFilter? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        Filter = DashboardFilter.FromQuery(From, To, State, Category);
        if (Filter == _loaded) return;
        _loaded = Filter;
        await LoadAsync();
    }

    /// <summary>Loads every answer of the page for <see cref="Filter"/>.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Shows <paramref name="filter"/>: changes the URL, which loads the page's answers again.</summary>
    protected void Show(DashboardFilter filter) => Navigation.NavigateTo(filter.UriOn(Navigation));

    /// <summary>The Web's CSV download link of an analytics table under the current filter.</summary>
    protected string CsvLink(string path, string query) => CsvExportEndpoint.Link(path, query);
}
