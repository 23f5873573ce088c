using System.Text.RegularExpressions;
using Ecom.Aspire.Core.Import;
using Ecom.Aspire.Integration.Tests.Import;
using Npgsql;
using static Ecom.Aspire.Integration.Tests.Import.OlistSmall;

namespace Ecom.Aspire.Integration.Tests.BadInput;

/// <summary>
/// Bad input for the Olist importer, generated: the small valid dataset with one fault put in at random (a value of the
/// wrong kind in a checked column, an unknown reference, a missing column, a record with a field too few, an unclosed
/// quote, a duplicated key). Each import must be refused with the file, the line and the reason, and the database keep
/// the earlier import it holds (even with --replace).
/// </summary>
[Collection(ServersCollection.Name)]
public sealed partial class OlistBadInputTests(ServersFixture servers)
{
    private enum Kind { Id, Reference, Integer, Number, Timestamp, Choice, Score }

    /// <summary>Per file, the columns the importer checks and what they hold.</summary>
    private static readonly Dictionary<string, (string Column, Kind Kind)[]> Checked = new()
    {
        [OlistFiles.Customers] = [("customer_id", Kind.Id), ("customer_state", Kind.Choice)],
        [OlistFiles.Sellers] = [("seller_id", Kind.Id), ("seller_state", Kind.Choice)],
        [OlistFiles.Products] = [("product_id", Kind.Id), ("product_weight_g", Kind.Integer), ("product_length_cm", Kind.Integer)],
        [OlistFiles.Orders] = [("order_id", Kind.Id), ("customer_id", Kind.Reference), ("order_status", Kind.Choice),
            ("order_purchase_timestamp", Kind.Timestamp), ("order_approved_at", Kind.Timestamp)],
        [OlistFiles.OrderItems] = [("order_id", Kind.Reference), ("order_item_id", Kind.Integer), ("product_id", Kind.Reference),
            ("seller_id", Kind.Reference), ("price", Kind.Number), ("freight_value", Kind.Number)],
        [OlistFiles.Payments] = [("order_id", Kind.Reference), ("payment_type", Kind.Choice), ("payment_installments", Kind.Integer),
            ("payment_value", Kind.Number)],
        [OlistFiles.Reviews] = [("order_id", Kind.Reference), ("review_score", Kind.Score), ("review_creation_date", Kind.Timestamp)],
    };

    /// <summary>Files whose first column is a key a duplicated line repeats.</summary>
    private static readonly string[] Keyed = [OlistFiles.Customers, OlistFiles.Sellers, OlistFiles.Products, OlistFiles.Orders, OlistFiles.OrderItems, OlistFiles.Payments];

    private static string BadValue(Random random, Kind kind) => kind switch
    {
        Kind.Id => Pick(random, ["xyz", "F0000000000000000000000000000001Z", "", "' OR 1=1 --", "0000"]),
        Kind.Reference => Pick(random, ["ffffffffffffffffffffffffffffffff", "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee", "not-an-id", ""]),
        Kind.Integer => Pick(random, ["abc", "1.5", "-1", "99999999999", "1e3"]),
        Kind.Number => Pick(random, ["abc", "1,5", "-3.00", "NaN", "<script>"]),
        Kind.Timestamp => Pick(random, ["2018-13-45 10:00:00", "yesterday", "2018-01-15T09:00:00", "15/01/2018 09:00"]),
        Kind.Choice => Pick(random, ["lost", "XX", "cash", "unknown_value"]),
        _ => Pick(random, ["0", "6", "x", "4.5"]),
    };

    [Fact]
    public async Task Generated_broken_files_are_refused_with_file_line_and_reason_and_the_database_keeps_what_it_had()
    {
        var db = await servers.NewMigratedDatabaseAsync("olist_fuzz");
        await using var dataSource = NpgsqlDataSource.Create(db);
        await OlistImporter.ImportAsync(dataSource, FilesDirectory, replace: false, progress: null, CancellationToken.None);
        var before = await ChecksumsAsync(db);

        var random = new Random(2026);
        var failures = new List<string>();
        const int cases = 120;
        for (var i = 0; i < cases; i++)
        {
            var dir = Copy();
            try
            {
                var (file, line, what) = Break(random, dir);
                try
                {
                    await OlistImporter.ImportAsync(dataSource, dir.FullName, replace: true, progress: null, CancellationToken.None);
                    failures.Add($"{what}: imported");
                }
                catch (OlistImportException e)
                {
                    var match = Located().Match(e.Message);
                    if (!match.Success || match.Groups["file"].Value != file) failures.Add($"{what}: '{e.Message}' does not name {file} and a line");
                    else if (line is { } expected && int.Parse(match.Groups["line"].Value) != expected) failures.Add($"{what}: '{e.Message}' names another line than {expected}");
                }
                catch (Exception e)
                {
                    failures.Add($"{what}: {e.GetType().Name}: {e.Message}");
                }
            }
            finally
            {
                dir.Delete(recursive: true);
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases}:\n" + string.Join('\n', failures.Take(20)));
        Assert.Equal(before, await ChecksumsAsync(db));
    }

    /// <summary>Puts one fault into a copy of the dataset: the file, the line it must be reported on (null: any), and what was done.</summary>
    private static (string File, int? Line, string What) Break(Random random, DirectoryInfo dir)
    {
        var file = Pick(random, [.. Checked.Keys]);
        var path = Path.Combine(dir.FullName, file);
        var lines = File.ReadAllLines(path).ToList();
        var header = Fields(lines[0]);
        // Single-line records only (a review comment may span lines).
        var candidates = Enumerable.Range(1, lines.Count - 1).Where(i => lines[i].Count(c => c == '"') % 2 == 0 && lines[i].Length > 0).ToList();
        var at = Pick(random, candidates);
        string what;
        switch (random.Next(6))
        {
            case 0 or 1 or 2:
            {
                var (column, kind) = Pick(random, Checked[file]);
                var index = header.FindIndex(h => h.Trim('"', '\uFEFF') == column);
                var fields = Fields(lines[at]);
                var value = BadValue(random, kind);
                fields[index] = value;
                lines[at] = string.Join(',', fields);
                what = $"{file} line {at + 1}: {column} = '{value}'";
                break;
            }
            case 3:
            {
                var (column, _) = Pick(random, Checked[file]);
                lines[0] = string.Join(',', header.Select(h => h.Trim('"', '\uFEFF') == column ? $"\"x_{column}\"" : h));
                File.WriteAllLines(path, lines);
                return (file, 1, $"{file}: column {column} renamed");
            }
            case 4:
            {
                var fields = Fields(lines[at]);
                lines[at] = string.Join(',', fields.Take(fields.Count - 1 - random.Next(2)));
                what = $"{file} line {at + 1}: fields dropped";
                break;
            }
            default:
            {
                if (Keyed.Contains(file) && random.Next(2) == 0)
                {
                    lines.Insert(at + 1, lines[at]);
                    File.WriteAllLines(path, lines);
                    return (file, at + 2, $"{file} line {at + 2}: line {at + 1} repeated");
                }
                lines[at] = "\"" + lines[at];
                what = $"{file} line {at + 1}: unclosed quote";
                File.WriteAllLines(path, lines);
                return (file, null, what);
            }
        }
        File.WriteAllLines(path, lines);
        return (file, at + 1, what);
    }

    /// <summary>The fields of a CSV line, quotes kept (the small files have no comma inside quotes on single lines).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    [GeneratedRegex(@"^(?<file>[a-z_]+\.csv) line (?<line>\d+): \S.*$")]
    private static partial Regex Located();
}
