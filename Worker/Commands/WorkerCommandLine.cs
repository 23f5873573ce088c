using System.CommandLine;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// The Worker's command line: the same work as its jobs, without a server. Each command prints one readable line and
/// exits non-zero on bad input or failure.
/// </summary>
public static class WorkerCommandLine
{
    private static readonly string[] CommandNames = ["migrate", "simulate", "etl", "import-olist", "train"];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (CommandNames.Contains(args[0]) || args[0] is "--help" or "-h" or "-?");

    public static RootCommand Build()
    {
        var root = new RootCommand("Ecom.Aspire Worker: without a command it runs the Hangfire server.");
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(EtlCommand.Create());
        root.Subcommands.Add(ImportOlistCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One readable line: System.CommandLine lists the allowed values on lines of their own.
            var message = string.Join(' ', parse.Errors[0].Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Console.Error.WriteLine($"error: {message}");
            return 2;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration(), cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("error: canceled");
            return 130;
        }
    }
}
