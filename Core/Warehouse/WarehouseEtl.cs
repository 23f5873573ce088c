using System.Data;
using System.Diagnostics;
using Dapper;
using Ecom.Aspire.Core.Model;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Ecom.Aspire.Core.Warehouse;

/// <summary>
/// Loads the warehouse (schema dw) from the shop. The unit of work is the business day (America/Sao_Paulo): a load
/// finds the days whose rows may have changed, deletes them from fact_sales and the daily aggregates and inserts them
/// again from the shop, then refreshes the dimension rows and customer lifetime figures they touch — all in one
/// REPEATABLE READ transaction, so the warehouse always shows one consistent snapshot of the shop and a load that
/// fails leaves it as it was.
/// <para>
/// Why days and not rows: orders change after they are written (status, delivery, reviews), and a simulation rewrites
/// whole months; reloading every affected day is simple, and a day reloaded without a change comes out identical.
/// So a load is idempotent (running it twice changes nothing), and an incremental load gives the same warehouse as a
/// rebuild, provided every change of the shop is seen by one of the rules of <see cref="WarehouseSql.ChangedDays"/>:
/// new orders (watermark on purchase time), live batches (live mode records the day of every batch, new orders or
/// status changes), open orders whose status moved, simulation chunks completed since their last load (history is
/// written month by month, in any order) and new reviews. An import (a run without chunks) triggers a rebuild. A writer
/// that backfills past days some other way records a sim.live_batches row for the day, or runs <c>etl --full</c>.
/// </para>
/// Loads never overlap: a session advisory lock makes a second one (the recurring job, the command line) wait.
/// </summary>
public sealed class WarehouseEtl(NpgsqlDataSource dataSource, ILogger<WarehouseEtl> logger)
{
    /// <summary>Advisory lock key held for the length of a load ("dw etl").</summary>
    public const long LockKey = 0x64_77_5F_65_74_6C;

    /// <summary>A full load of millions of rows takes longer than Npgsql's default 30 s per statement.</summary>
    private const int CommandTimeoutSeconds = 3600;

    /// <summary>Loads what changed since the last load (a full rebuild on the first load or after an import).</summary>
    public Task<EtlResult> RunAsync(CancellationToken ct) => LoadAsync(requestedFull: false, ct);

    /// <summary>Rebuilds the whole warehouse from the shop.</summary>
    public Task<EtlResult> RebuildAsync(CancellationToken ct) => LoadAsync(requestedFull: true, ct);

    private async Task<EtlResult> LoadAsync(bool requestedFull, CancellationToken ct)
    {
        using var activity = WarehouseTelemetry.ActivitySource.StartActivity("warehouse load");
        var clock = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        // A load whose process dies (killed, machine lost) stops within a second instead of running its statement to the
        // end while holding the lock the next load waits for.
        await ExecuteAsync(connection, null, "SET client_connection_check_interval = 1000", null, ct);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", new { key = LockKey }, ct);
        try
        {
            await AnalyzeStaleSourcesAsync(connection, ct);
            var result = await LoadLockedAsync(connection, requestedFull, clock, ct);
            activity?.SetTag("ecom.etl.mode", result.ModeName);
            activity?.SetTag("ecom.etl.days", result.Days);
            activity?.SetTag("ecom.etl.rows", result.Rows);
            WarehouseTelemetry.EtlDuration.Record(result.Seconds, new KeyValuePair<string, object?>("mode", result.ModeName));
            WarehouseTelemetry.FactRowsLoaded.Add(result.Rows);
            WarehouseTelemetry.DaysReloaded.Add(result.Days);
            logger.LogInformation("Warehouse load ({Mode}, {Reason}): {Days} day(s) from {FirstDay} to {LastDay}, {Rows} fact rows in {Seconds:F2} s, version {Version}",
                result.ModeName, result.Reason, result.Days, result.FirstDay, result.LastDay, result.Rows, result.Seconds, result.Version);
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            if (connection.State == ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", new { key = LockKey }, CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// Fresh planner statistics for the shop tables the load reads, when they have none or a fifth of their rows changed
    /// since the last ANALYZE: right after a bulk write (a history simulation, an Olist import) autovacuum has not come
    /// round yet, and a load planned on the estimates of empty tables ran several times slower.
    /// </summary>
    private async Task AnalyzeStaleSourcesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var stale = (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT format('%I.%I', schemaname, relname) FROM pg_stat_user_tables
            WHERE schemaname IN ('shop', 'sim') AND n_live_tup + n_mod_since_analyze > 0
              AND ((last_analyze IS NULL AND last_autoanalyze IS NULL) OR n_mod_since_analyze > 0.2 * greatest(n_live_tup, 1))
            """, cancellationToken: ct))).ToList();
        if (stale.Count == 0) return;
        logger.LogInformation("Analyzing {Tables} before the load (statistics missing or stale)", string.Join(", ", stale));
        await ExecuteAsync(connection, null, $"ANALYZE {string.Join(", ", stale)}", null, ct);
    }

    private async Task<EtlResult> LoadLockedAsync(NpgsqlConnection connection, bool requestedFull, Stopwatch clock, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await ExecuteAsync(connection, tx, WarehouseSql.SessionSettings, null, ct);
        var loadedBefore = await connection.ExecuteScalarAsync<bool>(Command(WarehouseSql.ReadState, null, tx, ct));
        var reason = requestedFull ? "requested"
            : !loadedBefore ? "first load"
            : await connection.ExecuteScalarAsync<bool>(Command(WarehouseSql.UnseenImport, Sources, tx, ct)) ? "import"
            : null;
        var full = reason is not null;
        var revenue = new { revenueStatuses = OrderStatuses.RevenueBearing.ToArray() };

        await ExecuteAsync(connection, tx, WarehouseSql.CreateWorkTables, null, ct);
        long rows, dimensionRows = 0;
        if (full)
        {
            await ExecuteAsync(connection, tx, WarehouseSql.TruncateAll, null, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.SelectAllOrders, null, ct);
            // Building the secondary indexes once after the load is several times faster than maintaining them row by row.
            var indexes = (await connection.QueryAsync<(string Name, string Definition)>(Command(WarehouseSql.FactSecondaryIndexes, null, tx, ct))).ToList();
            foreach (var index in indexes) await ExecuteAsync(connection, tx, $"DROP INDEX {index.Name}", null, ct);
            rows = await ExecuteAsync(connection, tx, WarehouseSql.InsertFacts, revenue, ct);
            foreach (var index in indexes) await ExecuteAsync(connection, tx, index.Definition, null, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.InsertAggregates, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.InsertDayAggregates, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.InsertAllMonthlyProducts, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.InsertAllWeeklySellers, null, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.InsertAllCustomers, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.InsertAllCustomerValue, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.InsertAllCohortActivity, null, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.InsertAllProductsAndSellers, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshLifecycle, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshLifecycleStages, null, ct);
        }
        else
        {
            // After a world chunk, new customers, products and sellers may have no order yet: look for them everywhere.
            var sweep = await connection.ExecuteScalarAsync<bool>(Command(WarehouseSql.UnseenWorldChunk, Sources, tx, ct));
            await ExecuteAsync(connection, tx, WarehouseSql.ChangedDays, Sources, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.DeleteDays, null, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.SelectDayOrders, null, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.KeyLookups, null, ct);
            rows = await ExecuteAsync(connection, tx, WarehouseSql.InsertFacts, revenue, ct);
            await ExecuteAsync(connection, tx, WarehouseSql.InsertAggregates, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.InsertDayAggregates, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshMonthlyProducts, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshWeeklySellers, null, ct);
            dimensionRows += await ExecuteAsync(connection, tx, WarehouseSql.UpsertCustomers(sweep), null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshCustomerValue, null, ct);
            await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshCohortActivity, null, ct);
            dimensionRows += await ExecuteAsync(connection, tx, WarehouseSql.UpsertProductsAndSellers(sweep), null, ct);
            if (await connection.ExecuteScalarAsync<bool>(Command(AnalyticsAggregatesSql.LifecycleIsStale, null, tx, ct)))
            {
                await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshLifecycle, null, ct);
            }
            if (dimensionRows > 0 || await connection.ExecuteScalarAsync<bool>(Command("SELECT EXISTS (SELECT 1 FROM etl_days)", null, tx, ct)))
            {
                await ExecuteAsync(connection, tx, AnalyticsAggregatesSql.RefreshLifecycleStages, null, ct);
            }
        }
        var days = await connection.ExecuteScalarAsync<int>(Command("SELECT count(*)::integer FROM etl_days", null, tx, ct));
        var (firstDay, lastDay) = await DateRangeAsync(connection, tx, "SELECT min(day), max(day) FROM etl_days", ct);
        await EnsureCalendarAsync(connection, tx, ct);
        await ExecuteAsync(connection, tx, WarehouseSql.RememberSources, Sources, ct);

        var seconds = clock.Elapsed.TotalSeconds;
        var version = await connection.ExecuteScalarAsync<long>(Command(WarehouseSql.SaveState,
            new { mode = full ? "full" : "incremental", days, rows, seconds, changed = full || days > 0 || dimensionRows > 0 }, tx, ct));
        await tx.CommitAsync(ct);
        if (full)
        {
            await ExecuteAsync(connection, null, WarehouseSql.VacuumAll, null, ct);
        }
        return new EtlResult(full ? EtlMode.Full : EtlMode.Incremental, reason ?? "changes", days, firstDay, lastDay, rows,
            clock.Elapsed.TotalSeconds, version);
    }

    /// <summary>dim_date holds every day of the whole years the fact rows span.</summary>
    private static async Task EnsureCalendarAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var (factFrom, factTo) = await DateRangeAsync(connection, tx, WarehouseSql.FactDateRange, ct);
        if (factFrom is not { } from || factTo is not { } to) return;
        var (calendarFrom, calendarTo) = await DateRangeAsync(connection, tx, WarehouseSql.CalendarRange, ct);
        if (calendarFrom <= new DateOnly(from.Year, 1, 1) && calendarTo >= new DateOnly(to.Year, 12, 31)) return;

        var rows = DateDimension.Years(Math.Min(from.Year, calendarFrom?.Year ?? from.Year), Math.Max(to.Year, calendarTo?.Year ?? to.Year)).ToList();
        await using var command = new NpgsqlCommand(WarehouseSql.InsertCalendar, connection, tx) { CommandTimeout = CommandTimeoutSeconds };
        command.Parameters.Add(Array("date_key", NpgsqlDbType.Date, rows.Select(r => r.Date)));
        command.Parameters.Add(Array("year", NpgsqlDbType.Smallint, rows.Select(r => r.Year)));
        command.Parameters.Add(Array("quarter", NpgsqlDbType.Smallint, rows.Select(r => r.Quarter)));
        command.Parameters.Add(Array("month", NpgsqlDbType.Smallint, rows.Select(r => r.Month)));
        command.Parameters.Add(Array("month_name", NpgsqlDbType.Text, rows.Select(r => r.MonthName)));
        command.Parameters.Add(Array("year_month", NpgsqlDbType.Text, rows.Select(r => r.YearMonth)));
        command.Parameters.Add(Array("day_of_month", NpgsqlDbType.Smallint, rows.Select(r => r.DayOfMonth)));
        command.Parameters.Add(Array("iso_year", NpgsqlDbType.Smallint, rows.Select(r => r.IsoYear)));
        command.Parameters.Add(Array("iso_week", NpgsqlDbType.Smallint, rows.Select(r => r.IsoWeek)));
        command.Parameters.Add(Array("weekday", NpgsqlDbType.Smallint, rows.Select(r => r.Weekday)));
        command.Parameters.Add(Array("weekday_name", NpgsqlDbType.Text, rows.Select(r => r.WeekdayName)));
        command.Parameters.Add(Array("is_weekend", NpgsqlDbType.Boolean, rows.Select(r => r.IsWeekend)));
        command.Parameters.Add(Array("is_holiday", NpgsqlDbType.Boolean, rows.Select(r => r.IsHoliday)));
        command.Parameters.Add(Array("holiday_name", NpgsqlDbType.Text, rows.Select(r => r.HolidayName)));
        command.Parameters.Add(Array("retail_event", NpgsqlDbType.Text, rows.Select(r => r.RetailEvent)));
        command.Parameters.Add(Array("is_black_friday", NpgsqlDbType.Boolean, rows.Select(r => r.IsBlackFriday)));
        command.Parameters.Add(Array("is_cyber_monday", NpgsqlDbType.Boolean, rows.Select(r => r.IsCyberMonday)));
        command.Parameters.Add(Array("is_carnaval", NpgsqlDbType.Boolean, rows.Select(r => r.IsCarnaval)));
        await command.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    private static async Task<(DateOnly? From, DateOnly? To)> DateRangeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1));
    }

    private static object Sources => new
    {
        completed = RunStatuses.Completed,
        chunkedKinds = WarehouseSql.ChunkedRunKinds,
    };

    private static Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, object? parameters, CancellationToken ct) =>
        connection.ExecuteAsync(Command(sql, parameters, tx, ct));

    private static CommandDefinition Command(string sql, object? parameters, NpgsqlTransaction? tx, CancellationToken ct) =>
        new(sql, parameters, tx, CommandTimeoutSeconds, cancellationToken: ct);
}
