using System.Net;
using System.Net.Http.Json;

namespace Ecom.Aspire.Web.Services;

/// <summary>Typed client of the Api's data browser (/api/browse): lists paged and searched on the server, and details.</summary>
public sealed class BrowseApiClient(HttpClient http)
{
    public Task<BrowsePage<CustomerRow>> GetCustomersAsync(BrowseRequest request, CancellationToken ct = default) =>
        GetPageAsync<CustomerRow>("customers", request, ct);

    public Task<BrowsePage<OrderRow>> GetOrdersAsync(BrowseRequest request, CancellationToken ct = default) =>
        GetPageAsync<OrderRow>("orders", request, ct);

    public Task<BrowsePage<ProductRow>> GetProductsAsync(BrowseRequest request, CancellationToken ct = default) =>
        GetPageAsync<ProductRow>("products", request, ct);

    public Task<BrowsePage<SellerRow>> GetSellersAsync(BrowseRequest request, CancellationToken ct = default) =>
        GetPageAsync<SellerRow>("sellers", request, ct);

    /// <summary>Null when the Api knows no such customer (404).</summary>
    public Task<CustomerDetail?> GetCustomerAsync(long id, CancellationToken ct = default) => GetOrNullAsync<CustomerDetail>($"api/browse/customers/{id}", ct);

    /// <summary>Null when the Api knows no such order (404).</summary>
    public Task<OrderDetail?> GetOrderAsync(long id, CancellationToken ct = default) => GetOrNullAsync<OrderDetail>($"api/browse/orders/{id}", ct);

    private async Task<BrowsePage<T>> GetPageAsync<T>(string list, BrowseRequest request, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/browse/{list}?{request.Query()}", ct);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblem>(ct);
            var reasons = problem?.Errors?.SelectMany(e => e.Value) ?? [];
            throw new ApiProblemException(string.Join(" ", reasons.DefaultIfEmpty(problem?.Title ?? "The Api refused the query.")), response.StatusCode);
        }
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<BrowsePage<T>>(ct)
            ?? throw new InvalidOperationException($"The Api answered /api/browse/{list} with an empty body.");
    }

    private async Task<T?> GetOrNullAsync<T>(string path, CancellationToken ct) where T : class
    {
        using var response = await http.GetAsync(path, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(ct);
    }

    private sealed record HttpValidationProblem(string? Title, Dictionary<string, string[]>? Errors);
}
