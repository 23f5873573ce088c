using Ecom.Aspire.Core.Import;
using Hangfire;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ecom.Aspire.Core.Jobs;

/// <summary>
/// On-demand Olist import on Hangfire: the same work as <c>import-olist DIR</c> (<see cref="OlistImporter"/>), from a
/// directory the Worker can read. Files that are refused fail the job with the file, line and reason, and write nothing;
/// it is not retried (the same files would be refused again).
/// </summary>
public sealed class OlistImportJob(NpgsqlDataSource dataSource, ILogger<OlistImportJob> logger)
{
    public static string Start(IBackgroundJobClient jobs, string directory, bool replace) =>
        jobs.Enqueue<OlistImportJob>(j => j.RunAsync(directory, replace, CancellationToken.None));

    /// <summary>Imports the directory; returns the run id.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Olist import from {0}")]
    public async Task<int> RunAsync(string directory, bool replace, CancellationToken ct)
    {
        var result = await OlistImporter.ImportAsync(dataSource, directory, replace, progress: null, ct);
        logger.LogInformation("Olist import run {RunId} from {Directory}: {Orders} orders, {Rows} rows, {From}..{To}",
            result.RunId, directory, result.Rows.Orders, result.Rows.Total, result.From, result.To);
        foreach (var (rule, rows) in result.Adjustments.Applied())
        {
            logger.LogInformation("Olist import run {RunId}: {Rows} {Rule}", result.RunId, rows, rule);
        }
        return result.RunId;
    }
}
