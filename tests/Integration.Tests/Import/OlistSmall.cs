using System.Globalization;
using Dapper;
using Npgsql;

namespace Ecom.Aspire.Integration.Tests.Import;

/// <summary>
/// The hand-made Olist files of <c>Import/olist-small</c> (copied to the test output): 9 customer_id rows of 8 people
/// (d..01 has two customer_ids, d..08 no order), 4 sellers (a..04 sells nothing), 5 products (b..03 without category,
/// b..04 in the untranslated "pc_gamer", b..05 never sold), 8 orders in every Olist status, 9 items, 10 payments
/// (a voucher split, a not_defined, installments 0), 4 reviews (one over two lines, one review_id used twice) and the
/// category translation (with a byte order mark, as Olist ships it). Ids read like their role: c = customer_id,
/// d = customer_unique_id, a = seller, b = product, f = order, e = review.
/// </summary>
public static class OlistSmall
{
    public const string C01 = "c0000000000000000000000000000001";
    public const string C02 = "c0000000000000000000000000000002";
    public const string C03 = "c0000000000000000000000000000003";
    public const string C99 = "c0000000000000000000000000000099";
    public const string D01 = "d0000000000000000000000000000001";
    public const string A01 = "a0000000000000000000000000000001";
    public const string A02 = "a0000000000000000000000000000002";
    public const string A03 = "a0000000000000000000000000000003";
    public const string A99 = "a0000000000000000000000000000099";
    public const string B01 = "b0000000000000000000000000000001";
    public const string B02 = "b0000000000000000000000000000002";
    public const string B03 = "b0000000000000000000000000000003";
    public const string B04 = "b0000000000000000000000000000004";
    public const string B99 = "b0000000000000000000000000000099";
    public const string F01 = "f0000000000000000000000000000001";
    public const string F02 = "f0000000000000000000000000000002";
    public const string F03 = "f0000000000000000000000000000003";
    public const string F05 = "f0000000000000000000000000000005";
    public const string F06 = "f0000000000000000000000000000006";
    public const string F07 = "f0000000000000000000000000000007";
    public const string F08 = "f0000000000000000000000000000008";
    public const string F99 = "f0000000000000000000000000000099";
    public const string E01 = "e0000000000000000000000000000001";
    public const string E02 = "e0000000000000000000000000000002";

    /// <summary>The files as the tests ship them.</summary>
    public static string FilesDirectory => Path.Combine(AppContext.BaseDirectory, "Import", "olist-small");

    /// <summary>An Olist id: a role letter, zeros, and a two-digit number.</summary>
    public static string Hex(char role, int n) => $"{role}{new string('0', 29)}{n:D2}";

    /// <summary>An Olist timestamp that is already UTC, as the database returns it.</summary>
    public static DateTimeOffset Utc(string text) =>
        new(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero);

    public static Dictionary<string, string?> Env(string connectionString) => new() { ["ConnectionStrings__ecomdb"] = connectionString };

    /// <summary>A copy of the files in a new temporary directory, to be changed by a test.</summary>
    public static DirectoryInfo Copy()
    {
        var dir = Directory.CreateTempSubdirectory("olist-small-");
        foreach (var file in Directory.GetFiles(FilesDirectory)) File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
        return dir;
    }

    /// <summary>Replaces physical line <paramref name="line"/> (1 = the header) of a file.</summary>
    public static void ReplaceLine(DirectoryInfo dir, string file, int line, string text)
    {
        var path = Path.Combine(dir.FullName, file);
        var lines = File.ReadAllText(path).Split('\n');
        lines[line - 1] = text;
        File.WriteAllText(path, string.Join('\n', lines));
    }

    /// <summary>The only line of a process's standard error.</summary>
    public static string SingleErrorLine(WorkerProcess.Result result) =>
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');

    /// <summary>Every table the import may write or delete, with the key that orders its rows.</summary>
    private static readonly (string Table, string OrderBy)[] Tables =
    [
        ("shop.customers", "id"), ("shop.sellers", "id"), ("shop.products", "id"), ("shop.market_events", "id"),
        ("shop.orders", "id"), ("shop.order_items", "order_id, item_no"), ("shop.payments", "order_id, seq"),
        ("shop.deliveries", "order_id"), ("shop.reviews", "id"), ("sim.labels", "order_id"),
        ("sim.runs", "id"), ("sim.run_chunks", "run_id, chunk_no"),
    ];

    /// <summary>Row count and an md5 over every row's text, per table; with <paramref name="shopOnly"/> the sim.runs bookkeeping (times) is left out.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ChecksumsAsync(string connectionString, bool shopOnly = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var sums = new SortedDictionary<string, string>();
        foreach (var (table, orderBy) in Tables)
        {
            if (shopOnly && table is "sim.runs" or "sim.run_chunks") continue;
            sums[table] = await connection.ExecuteScalarAsync<string>(
                $"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY {orderBy})), '') FROM {table} t") ?? "";
        }
        return sums;
    }
}
