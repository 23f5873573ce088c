using System.CommandLine;
using Ecom.Aspire.Benchmarks;

// Benchmarks print figures; they assert nothing. Each ends with one result line that scripts can read.
var root = new RootCommand("Ecom.Aspire benchmarks");
root.Subcommands.Add(GeneratorBenchmark.Create());
root.Subcommands.Add(LiveBenchmark.Create());
root.Subcommands.Add(PagesBenchmark.Create());
root.Subcommands.Add(AnalyticsBenchmark.Create());
root.Subcommands.Add(SoakBenchmark.Create());
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine($"error: {parse.Errors[0].Message}");
    return 2;
}
return await parse.InvokeAsync();
