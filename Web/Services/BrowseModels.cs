namespace Ecom.Aspire.Web.Services;

// What the Web reads from /api/browse/... (Core/Browse on the Api side), declared on the client side.

/// <summary>One page of a list: Total rows match over all pages.</summary>
public sealed record BrowsePage<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize, bool HasMore);

public sealed record CustomerRow(long Id, string Name, string? Email, string City, string State, string? Persona, DateTimeOffset SignupAt);

public sealed record CustomerLifetime(int Orders, decimal Revenue, decimal? AverageTicket, decimal Clv, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt);

public sealed record BrowsePeriod(DateOnly From, DateOnly To);

public sealed record CustomerRfm(
    BrowsePeriod Period, int RecencyDays, int Frequency, decimal Monetary, int R, int F, int M, string Segment, string Rule,
    IReadOnlyList<decimal> MonetaryLimits);

public sealed record CustomerDetail(
    long Id, string Name, string? Cpf, string? Email, string? Phone, string City, string State, string? ZipPrefix, string? Persona,
    DateTimeOffset SignupAt, int? RunId, long OrdersTotal, IReadOnlyList<OrderRow> Orders, CustomerLifetime? Lifetime, CustomerRfm? Rfm);

public sealed record OrderRow(
    long Id, DateTimeOffset PurchasedAt, long CustomerId, string CustomerName, string Status, string ShipCity, string ShipState,
    short ItemCount, decimal Total);

public sealed record OrderItemView(short ItemNo, long ProductId, string ProductName, string Category, long SellerId, string SellerName,
    string SellerState, decimal Price, decimal Freight);

public sealed record PaymentView(short Seq, string Type, short Installments, decimal Amount);

public sealed record DeliveryView(string Carrier, DateTimeOffset? ShippedAt, DateTimeOffset PromisedAt, DateTimeOffset? DeliveredAt, int? DistanceKm, int? DelayDays);

public sealed record ReviewView(long Id, short Score, string? Title, string? Comment, DateTimeOffset CreatedAt, DateTimeOffset? AnsweredAt);

public sealed record OrderDetail(
    long Id, DateTimeOffset PurchasedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? CanceledAt, string Status, bool RevenueBearing,
    long CustomerId, string CustomerName, string ShipCity, string ShipState, string? ShipZipPrefix, short ItemCount,
    decimal ItemsTotal, decimal FreightTotal, decimal Total, int? RunId,
    IReadOnlyList<OrderItemView> Items, IReadOnlyList<PaymentView> Payments, DeliveryView? Delivery, IReadOnlyList<ReviewView> Reviews);

public sealed record ProductRow(long Id, string Name, string Category, decimal Price, decimal? Cost, string? Lifecycle, DateTimeOffset? LaunchedAt, int? WeightGrams);

public sealed record SellerRow(long Id, string Name, string City, string State, DateTimeOffset JoinedAt);

/// <summary>What a list asks for: page (1 = first), page size, search text and filters (name → value; null values are left out).</summary>
public sealed record BrowseRequest(int Page, int PageSize, string? Search, IReadOnlyDictionary<string, string?>? Filters = null)
{
    public string Query()
    {
        var parts = new List<string> { $"page={Page}", $"pageSize={PageSize}" };
        if (!string.IsNullOrWhiteSpace(Search)) parts.Add("q=" + Uri.EscapeDataString(Search.Trim()));
        foreach (var (name, value) in Filters ?? new Dictionary<string, string?>())
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        return string.Join('&', parts);
    }
}
