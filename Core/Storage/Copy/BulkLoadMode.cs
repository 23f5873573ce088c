using Dapper;
using Npgsql;

namespace Ecom.Aspire.Core.Storage.Copy;

/// <summary>
/// Bulk mode for a transaction that writes rows which are consistent by construction (a simulation chunk): the rest of
/// the transaction runs with <c>session_replication_role = replica</c>, so PostgreSQL skips the per-row foreign-key
/// triggers of a COPY (each one an index probe plus a key-share lock on the referenced row, which made loading a
/// month about 2.7 times slower than the same COPY without them). Primary keys, unique and check constraints still
/// apply; ON DELETE CASCADE does not fire, so the caller deletes child rows itself. Needs PostgreSQL 15+ and a
/// superuser or <c>GRANT SET ON PARAMETER session_replication_role TO ...</c>; without that right the transaction
/// keeps its checks (slower, same rows).
/// </summary>
public static class BulkLoadMode
{
    /// <summary>Enters bulk mode for the rest of <paramref name="tx"/>; false when the user may not.</summary>
    public static async Task<bool> TryEnterAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var allowed = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT has_parameter_privilege('session_replication_role', 'SET')", transaction: tx, cancellationToken: ct));
        if (allowed)
        {
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL session_replication_role = replica", transaction: tx, cancellationToken: ct));
        }
        return allowed;
    }
}
