using System.CommandLine;
using System.Globalization;
using Ecom.Aspire.Core.Ml;
using Ecom.Aspire.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Spectre.Console;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// <c>train [--seed N] [--top-categories N]</c>: trains the weekly revenue forecasts (from the warehouse) and the anomaly
/// detector (from the shop) of ConnectionStrings:ecomdb, stores them in schema ml, prints the backtest table and the
/// precision/recall/F1 per category, and ends with
/// <c>train: forecast_model=… mape=… anomalies_precision=… anomalies_recall=…</c>.
/// </summary>
internal static class TrainCommand
{
    private static readonly Option<int> Seed = new("--seed") { Description = "Random seed (default 42): the same seed and data give the same models and metrics", DefaultValueFactory = _ => TrainOptions.DefaultSeed };
    private static readonly Option<int> TopCategories = new("--top-categories") { Description = "Categories with a forecast of their own: the best sellers of the last 52 weeks (default 5)", DefaultValueFactory = _ => 5 };

    public static Command Create()
    {
        var command = new Command("train", "Train the revenue forecasts and the anomaly detector, store them with their metrics (schema ml) and print them.")
        {
            Seed, TopCategories,
        };
        command.SetAction((parse, ct) => CommandHost.RunAsync(async () =>
        {
            var seed = parse.GetValue(Seed);
            var top = parse.GetValue(TopCategories);
            if (seed < 0) throw new CommandLineException($"--seed must be 0 or more (got {seed})");
            if (top is < 0 or > 50) throw new CommandLineException($"--top-categories must be between 0 and 50 (got {top})");
            using var host = CommandHost.Build(needsDatabase: true, services => services.AddSingleton<ModelTraining>());
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await DatabaseMigrator.MigrateAsync(scope.Db(), NullLogger.Instance, ct);
            }
            var training = host.Services.GetRequiredService<ModelTraining>();
            var result = await WithStatusAsync(progress => training.RunAsync(new TrainOptions(seed, top), progress, ct));
            Print(result);
            Console.WriteLine(result.ToString());
            return 0;
        }));
        return command;
    }

    private static async Task<TrainResult> WithStatusAsync(Func<Action<string>?, Task<TrainResult>> body)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive) return await body(null);
        return await AnsiConsole.Status().StartAsync("training", async context => await body(step => context.Status($"training: {step}")));
    }

    private static void Print(TrainResult result)
    {
        if (result.Forecasts.Count > 0)
        {
            var table = new Table().Title("Forecast backtest: MAPE % over the last 26 weeks, 1 to 8 weeks ahead");
            table.AddColumns("scope", "model", "MAPE %", "1 week", "4 weeks", "8 weeks", "chosen");
            foreach (var f in result.Forecasts)
            {
                foreach (var b in f.Backtest)
                {
                    table.AddRow(f.Scope, b.Model, Fmt(b.Mape), Fmt(b.MapeByHorizon[0]), Fmt(b.MapeByHorizon[3]), Fmt(b.MapeByHorizon[^1]),
                        b.Model == f.ChosenModel ? "yes" : "");
                }
            }
            AnsiConsole.Write(table);
        }
        foreach (var skipped in result.Skipped) Console.Error.WriteLine($"skipped: {skipped}");
        if (result.Anomalies is { } report)
        {
            var eval = report.Slices.First(s => s.Name == "evaluation");
            var table = new Table().Title(string.Create(CultureInfo.InvariantCulture,
                $"Anomalies vs sim.labels on the evaluation slice {eval.From:yyyy-MM-dd}..{eval.To:yyyy-MM-dd} ({eval.Orders} orders, {eval.Labelled} labelled)"));
            table.AddColumns("category", "flagged", "labelled", "right", "precision", "recall", "F1");
            foreach (var m in report.Evaluation.Append(report.RulesOnly).Append(report.PcaOnly))
            {
                table.AddRow(m.Category, m.Flagged.ToString(CultureInfo.InvariantCulture), m.Labelled.ToString(CultureInfo.InvariantCulture),
                    m.TruePositives.ToString(CultureInfo.InvariantCulture), Fmt(m.Precision, "0.000"), Fmt(m.Recall, "0.000"), Fmt(m.F1, "0.000"));
            }
            AnsiConsole.Write(table);
        }
    }

    private static string Fmt(double? value, string format = "0.00") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
