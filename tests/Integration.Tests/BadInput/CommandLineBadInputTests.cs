using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.Worker.Commands;

namespace Ecom.Aspire.Integration.Tests.BadInput;

/// <summary>
/// Bad input on the Worker's command line: generated broken argument lists for every command (unknown options, missing
/// and malformed values, out-of-range numbers, conflicting options, stray arguments, missing folders). Each must exit
/// with code 2 and one readable <c>error:</c> line, print no result and no stack trace, and change nothing stored.
/// Run in-process (the same entry point as the executable) so that hundreds of cases stay fast.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class CommandLineBadInputTests(ServersFixture servers)
{
    private static readonly string[] BadDates = ["2024-13-01", "2024-02-30", "yesterday", "01/02/2024", "-1", "", "2024-01-01T00:00", "' OR 1=1"];
    /// <summary>Not a number of any kind (seeds may be any long, even 0 or negative).</summary>
    private static readonly string[] NotNumbers = ["abc", "99999999999999999999", "1.5", "1e9", "", "NaN", "<script>", "0x10"];
    /// <summary>Not a count: none of these is a number of customers, years, workers or categories.</summary>
    private static readonly string[] BadCounts = [.. NotNumbers, "-1", "-5"];
    private static readonly string[] Stray = ["--frob", "-x", "--FROM", "extra", "--full=maybe", "---", "--from=", "%00"];

    public static IEnumerable<string[]> Cases()
    {
        var random = new Random(2026);
        string Pick(string[] values) => values[random.Next(values.Length)];
        for (var i = 0; i < 60; i++)
        {
            yield return ["simulate", "--from", Pick(BadDates)];
            yield return ["simulate", "--to", Pick(BadDates), "--customers", "100"];
            yield return ["simulate", Pick(["--customers", "--years", "--workers"]), Pick(BadCounts)];
            yield return ["simulate", "--seed", Pick(NotNumbers)];
            yield return ["simulate", "--years", "2", "--to", "2025-01-01", Pick(["", "--customers", "100"])];
            yield return ["simulate", "--format", Pick(["xlsx", "CSV ", "json", "", "parquet"]), .. random.Next(2) == 0 ? new[] { "--out" } : []];
            yield return [Pick(["simulate", "etl", "migrate", "train"]), Pick(Stray)];
            yield return ["train", "--top-categories", Pick(BadCounts)];
            yield return ["train", "--seed", Pick(NotNumbers)];
            yield return ["import-olist", Pick(["/nonexistent/olist", "/etc/hostname", "", "relative/missing"])];
            yield return ["import-olist", Pick(["--replace", "--frob"])];
            yield return [Pick(["simulate", "etl", "train"]), Pick(["--from", "--seed", "--customers", "--top-categories"])];
        }
    }

    [Fact]
    public async Task Broken_arguments_give_one_error_line_exit_code_2_and_change_nothing()
    {
        var db = await servers.NewMigratedDatabaseAsync("bad_cli");
        await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(seed: 13, customers: 300), workers: 2);
        var before = await SimulatedDatabase.ChecksumsAsync(db);
        var cases = Cases().Distinct(new SequenceComparer()).ToList();
        Assert.True(cases.Count >= 100, $"{cases.Count} distinct cases");

        var failures = new List<string>();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var oldDb = Environment.GetEnvironmentVariable("ConnectionStrings__ecomdb");
        Environment.SetEnvironmentVariable("ConnectionStrings__ecomdb", db);
        try
        {
            foreach (var args in cases)
            {
                var (stdout, stderr) = (new StringWriter(), new StringWriter());
                Console.SetOut(stdout);
                Console.SetError(stderr);
                var code = await WorkerCommandLine.RunAsync(args);
                Console.SetOut(oldOut);
                Console.SetError(oldError);
                var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var errorLines = lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
                var wrong = code != 2 ? $"exit code {code}"
                    : errorLines.Count != 1 ? $"{errorLines.Count} error lines"
                    : errorLines[0].Length <= "error: ".Length ? "an empty error"
                    : stderr.ToString().Contains("   at ", StringComparison.Ordinal) ? "a stack trace"
                    : stdout.ToString().Contains(": run=", StringComparison.Ordinal) || stdout.ToString().Contains(": mode=", StringComparison.Ordinal) ? "a result line"
                    : null;
                if (wrong is not null) failures.Add($"[{string.Join(' ', args.Select(a => $"'{a}'"))}] -> {wrong}: {stderr.ToString().Trim()} {stdout.ToString().Trim()}");
            }
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Environment.SetEnvironmentVariable("ConnectionStrings__ecomdb", oldDb);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases:\n" + string.Join('\n', failures.Take(30)));
        Assert.Equal(before, await SimulatedDatabase.ChecksumsAsync(db));
    }

    private sealed class SequenceComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x!.SequenceEqual(y!);
        public int GetHashCode(string[] obj) => string.Join('\u0001', obj).GetHashCode(StringComparison.Ordinal);
    }
}
