using System.CommandLine.Parsing;
using System.Globalization;
using System.CommandLine;
using System.Diagnostics;
using Ecom.Aspire.Core.Simulation;
using Ecom.Aspire.Core.Simulation.Output;
using Ecom.Aspire.Core.Simulation.Runs;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Storage.Copy;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// <c>simulate [--from D] [--to D | --years N] [--customers N] [--seed N] [--workers N] [--out DIR --format csv|parquet]</c>:
/// a history simulation into the database of ConnectionStrings:ecomdb, or into one file per table without a server.
/// </summary>
internal static class SimulateCommand
{
    private static readonly Option<DateOnly?> From = new("--from") { Description = "First day (yyyy-MM-dd); default: two years before --to", CustomParser = IsoDay };
    private static readonly Option<DateOnly?> To = new("--to") { Description = "Last day (yyyy-MM-dd); default: yesterday", CustomParser = IsoDay };
    private static readonly Option<int?> Years = new("--years") { Description = "Length in years, instead of --to" };
    private static readonly Option<int?> Customers = new("--customers") { Description = "Customers over the period (default 50000)" };
    private static readonly Option<long?> Seed = new("--seed") { Description = "Random seed (default 42): the same seed gives the same rows" };
    private static readonly Option<int> Workers = new("--workers") { Description = "Chunks generated and written in parallel", DefaultValueFactory = _ => Math.Max(2, Environment.ProcessorCount) };
    private static readonly Option<DirectoryInfo?> Out = new("--out") { Description = "Write one file per table into this folder instead of the database" };
    private static readonly Option<string?> Format = new("--format") { Description = "File format with --out: csv or parquet (default csv)" };

    /// <summary>Days are yyyy-MM-dd only: "01/02/2024" is January or February depending on the machine's culture.</summary>
    private static DateOnly? IsoDay(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        result.AddError($"{((OptionResult)result.Parent!).Option.Name} must be a date in the form yyyy-MM-dd (got '{text}').");
        return null;
    }

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("csv", "parquet");
        var command = new Command("simulate", "Simulate the marketplace's history into the database (or files with --out).")
        {
            From, To, Years, Customers, Seed, Workers, Out, Format,
        };
        command.SetAction((parse, ct) => CommandHost.RunAsync(() => RunAsync(parse, ct)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var request = new SimulationRequest(parse.GetValue(From), parse.GetValue(To), parse.GetValue(Years), parse.GetValue(Customers), parse.GetValue(Seed));
        if (request.ToParameters(DateTimeOffset.UtcNow, out var problems) is not { } parameters)
            throw new CommandLineException(string.Join("; ", problems.SelectMany(p => p.Value.Select(m => $"--{p.Key}: {m}"))));
        var workers = parse.GetValue(Workers);
        if (workers is < 1 or > 64) throw new CommandLineException($"--workers must be between 1 and 64 (got {workers})");
        var format = parse.GetValue(Format);
        var outDir = parse.GetValue(Out);
        if (format is not null && outDir is null) throw new CommandLineException("--format goes with --out DIR");

        var clock = Stopwatch.StartNew();
        var summary = outDir is null
            ? await ToDatabaseAsync(parameters, workers, ct)
            : await ToFilesAsync(parameters, workers, outDir, format == "parquet" ? OutputFormat.Parquet : OutputFormat.Csv, ct);
        clock.Stop();
        summary.Print(clock.Elapsed);
        return 0;
    }

    private static async Task<RunSummary> ToDatabaseAsync(SimulationParameters parameters, int workers, CancellationToken ct)
    {
        using var host = CommandHost.Build(needsDatabase: true, services => services.AddSingleton<SimulatorCache>().AddSingleton<ChunkRunner>());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await DatabaseMigrator.MigrateAsync(scope.Db(), NullLogger.Instance, ct);
        }
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var runId = await SimulationRunStore.CreateAsync(dataSource, parameters, ct);
        var simulator = new MarketplaceSimulator(parameters, runId);
        host.Services.GetRequiredService<SimulatorCache>().Add(runId, simulator);
        var runner = host.Services.GetRequiredService<ChunkRunner>();

        var summary = new RunSummary($"run={runId}");
        await WithProgressAsync(simulator, async advance =>
            await LocalSimulation.RunAsync(dataSource, runner, runId, workers, result =>
            {
                summary.Add(result.Rows);
                advance(result.Rows.Orders);
            }, ct));
        return summary;
    }

    private static async Task<RunSummary> ToFilesAsync(SimulationParameters parameters, int workers, DirectoryInfo outDir, OutputFormat format, CancellationToken ct)
    {
        try
        {
            outDir.Create();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"--out {outDir.FullName}: {e.Message}");
        }
        var simulator = new MarketplaceSimulator(parameters, runId: 1);
        var summary = new RunSummary($"out={outDir.FullName}");
        await using var writer = ChunkFileWriter.Create(outDir.FullName, format);
        await WithProgressAsync(simulator, async advance =>
        {
            // Generate ahead on the other cores, write in chunk order: the files come out the same whatever --workers is.
            var ahead = new Queue<Task<ChunkData>>();
            foreach (var chunk in simulator.Chunks)
            {
                ahead.Enqueue(Task.Run(() => simulator.Generate(chunk), ct));
                if (ahead.Count > workers) await WriteAsync(await ahead.Dequeue());
            }
            while (ahead.Count > 0) await WriteAsync(await ahead.Dequeue());

            async Task WriteAsync(ChunkData data)
            {
                await writer.WriteAsync(data, ct);
                summary.Add(TableCounts.Of(data));
                advance(data.Orders.Count);
            }
        });
        return summary;
    }

    /// <summary>A progress bar over the expected orders when the console is interactive; silent otherwise.</summary>
    private static async Task WithProgressAsync(MarketplaceSimulator simulator, Func<Action<long>, Task> body)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            await body(_ => { });
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("simulating orders", maxValue: Math.Max(1, simulator.EstimatedOrders));
                await body(orders => { lock (task) task.Increment(orders); });
                task.Value = task.MaxValue;
            });
    }
}
