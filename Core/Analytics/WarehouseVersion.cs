using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// The warehouse's version (<c>dw.etl_state.version</c>): it grows each time an ETL load rewrites warehouse data, so an
/// analytics answer cached under one version is stale once the version has moved.
/// </summary>
public static class WarehouseVersion
{
    public static async Task<long> ReadAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce((SELECT version FROM dw.etl_state WHERE id = 1), 0)", cancellationToken: ct));
    }
}
