namespace Ecom.Aspire.Web.Components.Analytics;

/// <summary>
/// One answer a page waits for, and what happened: still loading, loaded (<see cref="Value"/>), refused by the Api
/// (400: the filter does not fit this answer; <see cref="Refused"/>) or failed (the Api could not be reached).
/// Each panel of a page has its own, so one failing answer does not blank the others.
/// </summary>
public sealed class Loadable<T> where T : class
{
    public T? Value { get; private set; }
    public string? Error { get; private set; }
    public bool Refused { get; private set; }
    public bool IsLoading { get; private set; } = true;

    public async Task LoadAsync(Func<Task<T>> load)
    {
        IsLoading = true;
        Error = null;
        Refused = false;
        try
        {
            Value = await load();
        }
        catch (Services.ApiProblemException e)
        {
            Value = null;
            Refused = true;
            Error = e.Message;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            Value = null;
            Error = e.Message;
        }
        finally
        {
            IsLoading = false;
        }
    }
}
