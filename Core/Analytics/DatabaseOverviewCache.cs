using Microsoft.Extensions.Logging;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>
/// The <see cref="DatabaseOverview"/> the Api answers with. Exact counts of millions of rows take a few hundred
/// milliseconds (one core: <see cref="DatabaseOverviewQuery"/>), so the last count is kept, and recounted at most once a minute (the live
/// tiles, not these counts, follow the orders as they come): younger than <see cref="RefreshAfter"/> it is answered as it is; up to
/// <see cref="MaxAge"/> it is answered too, and one recount starts in the background (the answer's
/// <see cref="DatabaseOverview.ComputedAt"/> says when it was counted); older, or before the first count, the request
/// waits for a recount. Concurrent requests share one count; a failed count is not kept (the next request tries
/// again) and, when a request waits for it, fails that request (the Api answers 503 while the database is down).
/// </summary>
public sealed class DatabaseOverviewCache(Func<CancellationToken, Task<DatabaseOverview>> count, TimeProvider clock, ILogger<DatabaseOverviewCache> logger)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private DatabaseOverview? _kept;
    private Task<DatabaseOverview>? _counting;

    public async Task<DatabaseOverview> GetAsync(CancellationToken ct)
    {
        Task<DatabaseOverview> counting;
        lock (_lock)
        {
            if (_counting is { IsCompleted: true }) _counting = null;
            if (_kept is { } kept && clock.GetUtcNow() - kept.ComputedAt is var age && age < MaxAge)
            {
                if (age >= RefreshAfter) _counting ??= StartCount();
                return kept;
            }
            counting = _counting ??= StartCount();
        }
        return await counting.WaitAsync(ct);
    }

    /// <summary>Starts a count (under the lock); it is kept if it succeeds, and shared until it ends.</summary>
    private Task<DatabaseOverview> StartCount()
    {
        var task = Task.Run(async () =>
        {
            var overview = await count(CancellationToken.None);
            lock (_lock) _kept = overview;
            return overview;
        });
        task.ContinueWith(failed => logger.LogWarning(failed.Exception!.InnerException, "Counting the rows of the database failed"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }
}
