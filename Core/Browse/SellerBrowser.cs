using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Ecom.Aspire.Core.Browse;

public sealed record SellerRow(long Id, string Name, string City, string State, DateTimeOffset JoinedAt);

/// <summary>
/// shop.sellers for the data browser, by id. Search (q): digits match the id; other text the start of the name or
/// city, ignoring case. Filter: state (UF).
/// </summary>
public static class SellerBrowser
{
    public static async Task<BrowsePage<SellerRow>> ListAsync(EcomDbContext db, BrowseQuery query, string? state, CancellationToken ct)
    {
        var sellers = db.Sellers.AsNoTracking();
        if (state is not null) sellers = sellers.Where(s => s.State == state);
        if (query.SearchNumber is { } number) sellers = sellers.Where(s => s.Id == number);
        else if (query.Prefix is { } prefix) sellers = sellers.Where(s => EF.Functions.ILike(s.Name, prefix, @"\") || EF.Functions.ILike(s.City, prefix, @"\"));
        var total = await sellers.LongCountAsync(ct);
        var rows = await sellers.OrderBy(s => s.Id).Skip(query.Offset).Take(query.PageSize)
            .Select(s => new SellerRow(s.Id, s.Name, s.City, s.State, s.JoinedAt))
            .ToListAsync(ct);
        return new BrowsePage<SellerRow>(rows, total, query.Page, query.PageSize);
    }
}
