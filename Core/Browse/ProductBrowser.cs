using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Ecom.Aspire.Core.Browse;

public sealed record ProductRow(long Id, string Name, string Category, decimal Price, decimal? Cost, string? Lifecycle, DateTimeOffset? LaunchedAt, int? WeightGrams);

/// <summary>
/// shop.products for the data browser, by id. Search (q): digits match the id; other text the start of the name,
/// ignoring case. Filters: category (exact), lifecycle (launch, viral, stable, declining, obsolete).
/// </summary>
public static class ProductBrowser
{
    public static async Task<BrowsePage<ProductRow>> ListAsync(EcomDbContext db, BrowseQuery query, string? category, string? lifecycle, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking();
        if (category is not null) products = products.Where(p => p.Category == category);
        if (lifecycle is not null) products = products.Where(p => p.Lifecycle == lifecycle);
        if (query.SearchNumber is { } number) products = products.Where(p => p.Id == number);
        else if (query.Prefix is { } prefix) products = products.Where(p => EF.Functions.ILike(p.Name, prefix, @"\"));
        var total = await products.LongCountAsync(ct);
        var rows = await products.OrderBy(p => p.Id).Skip(query.Offset).Take(query.PageSize)
            .Select(p => new ProductRow(p.Id, p.Name, p.Category, p.Price, p.Cost, p.Lifecycle, p.LaunchedAt, p.WeightGrams))
            .ToListAsync(ct);
        return new BrowsePage<ProductRow>(rows, total, query.Page, query.PageSize);
    }

    /// <summary>Whether some product is of <paramref name="category"/> (an unknown category is refused, not silently empty).</summary>
    public static Task<bool> CategoryExistsAsync(EcomDbContext db, string category, CancellationToken ct) =>
        db.Products.AsNoTracking().AnyAsync(p => p.Category == category, ct);
}
