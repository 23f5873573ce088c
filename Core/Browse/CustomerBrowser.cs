using Dapper;
using Ecom.Aspire.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ecom.Aspire.Core.Browse;

/// <summary>A customer in the list.</summary>
public sealed record CustomerRow(long Id, string Name, string? Email, string City, string State, string? Persona, DateTimeOffset SignupAt);

/// <summary>Lifetime figures of a customer from the warehouse (<c>dw.dim_customer</c>, as of the last ETL load).</summary>
public sealed record CustomerLifetime(int Orders, decimal Revenue, decimal? AverageTicket, decimal Clv, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt);

/// <summary>A customer with their orders (newest first, at most <see cref="CustomerBrowser.MaxOrders"/>), lifetime figures and RFM segment.</summary>
public sealed record CustomerDetail(
    long Id, string Name, string? Cpf, string? Email, string? Phone, string City, string State, string? ZipPrefix, string? Persona,
    DateTimeOffset SignupAt, int? RunId, long OrdersTotal, IReadOnlyList<OrderRow> Orders, CustomerLifetime? Lifetime, CustomerRfm? Rfm);

/// <summary>
/// shop.customers for the data browser. Search (q): digits match the id exactly or the start of the CPF (11 digits,
/// unformatted); other text matches the start of the name, e-mail or city, ignoring case. Filter: state (UF).
/// Ordered by id.
/// </summary>
public static class CustomerBrowser
{
    public const int MaxOrders = 200;

    public static async Task<BrowsePage<CustomerRow>> ListAsync(EcomDbContext db, BrowseQuery query, string? state, CancellationToken ct)
    {
        var customers = db.Customers.AsNoTracking();
        if (state is not null) customers = customers.Where(c => c.State == state);
        if (query.SearchNumber is { } number)
        {
            var digits = query.Search!;
            customers = customers.Where(c => c.Id == number || (c.Cpf != null && c.Cpf.StartsWith(digits)));
        }
        else if (query.Prefix is { } prefix)
        {
            customers = customers.Where(c => EF.Functions.ILike(c.Name, prefix, @"\") || EF.Functions.ILike(c.City, prefix, @"\") ||
                (c.Email != null && EF.Functions.ILike(c.Email, prefix, @"\")));
        }
        var total = await customers.LongCountAsync(ct);
        var rows = await customers.OrderBy(c => c.Id).Skip(query.Offset).Take(query.PageSize)
            .Select(c => new CustomerRow(c.Id, c.Name, c.Email, c.City, c.State, c.Persona, c.SignupAt))
            .ToListAsync(ct);
        return new BrowsePage<CustomerRow>(rows, total, query.Page, query.PageSize);
    }

    public static async Task<CustomerDetail?> GetAsync(EcomDbContext db, NpgsqlDataSource dataSource, long id, TimeProvider clock, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null) return null;
        var orders = db.Orders.AsNoTracking().Where(o => o.CustomerId == id);
        var total = await orders.LongCountAsync(ct);
        var rows = await OrderBrowser.Rows(orders.OrderByDescending(o => o.PurchasedAt).ThenByDescending(o => o.Id).Take(MaxOrders)).ToListAsync(ct);
        return new CustomerDetail(customer.Id, customer.Name, customer.Cpf, customer.Email, customer.Phone, customer.City, customer.State,
            customer.ZipPrefix, customer.Persona, customer.SignupAt, customer.RunId, total, rows,
            await LifetimeAsync(dataSource, id, ct), await CustomerRfm.ReadAsync(dataSource, id, clock, ct));
    }

    private static async Task<CustomerLifetime?> LifetimeAsync(NpgsqlDataSource dataSource, long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(int Orders, decimal Revenue, decimal? Ticket, decimal Clv, DateTime? First, DateTime? Last)>(new CommandDefinition(
            "SELECT orders, lifetime_revenue, average_ticket, clv, first_order_at, last_order_at FROM dw.dim_customer WHERE customer_key = @id",
            new { id }, cancellationToken: ct));
        return rows.Select(r => new CustomerLifetime(r.Orders, r.Revenue, r.Ticket, r.Clv, Utc(r.First), Utc(r.Last))).FirstOrDefault();
    }

    private static DateTimeOffset? Utc(DateTime? t) => t is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
