using System.CommandLine;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// The Worker's command line: the same work as its jobs, without a server. Each command prints one readable line and
/// exits non-zero on bad input or failure.
/// </summary>
public static class WorkerCommandLine
{
    private static readonly string[] CommandNames = ["migrate"];

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (CommandNames.Contains(args[0]) || args[0] is "--help" or "-h" or "-?");

    public static RootCommand Build()
    {
        var root = new RootCommand("Ecom.Aspire Worker: without a command it runs the Hangfire server.");
        root.Subcommands.Add(MigrateCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"error: {parse.Errors[0].Message}");
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
