using Ecom.Aspire.Web.Services;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Ecom.Aspire.Web.Components.Pages.Browse;

/// <summary>
/// What the four lists share: a search box and filters that reload the table from the first page, the server paging
/// (MudTable's ServerData), the total, and the Api's refusal or absence shown instead of rows.
/// </summary>
public abstract class BrowseTable<T> : ComponentBase
{
    public const int PageSize = 25;

    protected MudTable<T>? Table;
    protected string? Search;
    protected string? Problem;
    protected long? Total;

    /// <summary>The list's filters, by query parameter name.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Filters { get; }

    protected abstract Task<BrowsePage<T>> FetchAsync(BrowseRequest request, CancellationToken ct);

    protected async Task<TableData<T>> LoadAsync(TableState state, CancellationToken ct)
    {
        try
        {
            var page = await FetchAsync(new BrowseRequest(state.Page + 1, state.PageSize, Search, Filters), ct);
            Problem = null;
            Total = page.Total;
            StateHasChanged(); // the total and the problem are shown outside the table
            return new TableData<T> { Items = page.Items, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            Problem = e is ApiProblemException ? e.Message : "The Api could not be reached: " + e.Message;
            Total = null;
            StateHasChanged();
            return new TableData<T> { Items = [], TotalItems = 0 };
        }
    }

    protected Task SearchChangedAsync(string? text)
    {
        Search = text;
        return ReloadAsync();
    }

    protected Task ReloadAsync() => Table?.ReloadServerData() ?? Task.CompletedTask;
}
