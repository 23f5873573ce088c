using CsvHelper;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>A product category of the warehouse and how many of its products there are.</summary>
[CsvRecord]
public sealed partial record ProductCategory(string Category, long Products);

public sealed record CategoriesAnswer(IReadOnlyList<ProductCategory> Categories, DateTimeOffset ComputedAt);

/// <summary>
/// The product categories of the warehouse (<c>dw.dim_product</c>), in byte order, with their products: the values
/// the category filter of every analytics question accepts.
/// </summary>
public static class CategoryCatalog
{
    private const string Sql = """
        SELECT category, count(*)::bigint AS products FROM dw.dim_product GROUP BY category ORDER BY category COLLATE "C"
        """;

    public static async Task<CategoriesAnswer> ReadAsync(NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Category, long Products)>(new CommandDefinition(Sql, cancellationToken: ct));
        return new CategoriesAnswer([.. rows.Select(r => new ProductCategory(r.Category, r.Products))], clock.GetUtcNow());
    }
}
