using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>
/// The read-only role BI tools (Superset) connect with. The Warehouse migration creates it NOLOGIN with SELECT on the
/// dw schema only; <see cref="EnableLoginAsync"/> lets it log in with the password of configuration
/// (<see cref="PasswordKey"/>). Without that setting the role is left as it is.
/// </summary>
public static class BiReaderRole
{
    public const string Name = "bi_reader";

    /// <summary>Configuration key of the role's password (environment: Ecom__BiReaderPassword).</summary>
    public const string PasswordKey = "Ecom:BiReaderPassword";

    /// <summary>
    /// The password reaches the server only as a bind parameter (so it appears in no statement text, log or
    /// pg_stat_activity), is quoted there with format('%L'), and lives in a transaction-local setting that is gone at
    /// commit. A failure is re-raised without the statement, whose text would hold the password.
    /// </summary>
    private const string EnableLoginSql = """
        DO $$
        BEGIN
            EXECUTE format('ALTER ROLE bi_reader LOGIN PASSWORD %L', current_setting('ecom.bi_reader_password'));
        EXCEPTION WHEN OTHERS THEN
            RAISE EXCEPTION 'could not let bi_reader log in: %', SQLERRM USING ERRCODE = SQLSTATE;
        END
        $$
        """;

    /// <summary>Sets the role's password and lets it log in; returns false (and changes nothing) without a password.</summary>
    public static async Task<bool> EnableLoginAsync(NpgsqlDataSource dataSource, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(password)) return false;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT set_config('ecom.bi_reader_password', @password, true)", new { password }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(EnableLoginSql, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }
}

/// <summary>
/// Worker start-up step, registered right after the migrations: lets bi_reader log in when
/// <see cref="BiReaderRole.PasswordKey"/> is configured. A failure is logged (never with the password) and does not
/// stop the Worker: BI access is not what its jobs depend on.
/// </summary>
public sealed class BiReaderRoleHostedService(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<BiReaderRoleHostedService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await BiReaderRole.EnableLoginAsync(dataSource, configuration[BiReaderRole.PasswordKey], cancellationToken))
            {
                logger.LogInformation("Role {Role} may log in with the password of {Key}", BiReaderRole.Name, BiReaderRole.PasswordKey);
            }
            else
            {
                logger.LogInformation("Role {Role} left as it is (NOLOGIN unless enabled before): {Key} is not set", BiReaderRole.Name, BiReaderRole.PasswordKey);
            }
        }
        catch (PostgresException e)
        {
            logger.LogError("Role {Role} could not be enabled: {Reason} ({SqlState})", BiReaderRole.Name, e.MessageText, e.SqlState);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
