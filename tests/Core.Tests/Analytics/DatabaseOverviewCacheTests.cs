using Ecom.Aspire.Core.Analytics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecom.Aspire.Core.Tests.Analytics;

/// <summary>The overview's counts are kept, refreshed in the background, recounted when too old, and shared by concurrent requests.</summary>
public sealed class DatabaseOverviewCacheTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Counts the calls; each count has as many orders as calls so far, computed "now"; it fails while <see cref="Failing"/>.</summary>
    private sealed class Counter(Clock clock)
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);
        public bool Failing { get; set; }
        public TaskCompletionSource? Gate { get; set; }

        public async Task<DatabaseOverview> CountAsync(CancellationToken ct)
        {
            var call = Interlocked.Increment(ref _calls);
            if (Gate is { } gate) await gate.Task;
            if (Failing) throw new InvalidOperationException("the database is down");
            return new DatabaseOverview([], call, null, null, 0, clock.GetUtcNow());
        }
    }

    private static (Clock, Counter, DatabaseOverviewCache) Create()
    {
        var clock = new Clock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var counter = new Counter(clock);
        return (clock, counter, new DatabaseOverviewCache(counter.CountAsync, clock, NullLogger<DatabaseOverviewCache>.Instance));
    }

    private static Task UntilAsync(Func<bool> condition) => UntilAsync(() => Task.FromResult(condition()));

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500 && !await condition(); i++) await Task.Delay(10);
        Assert.True(await condition());
    }

    [Fact]
    public async Task A_count_is_answered_again_while_it_is_young()
    {
        var (clock, counter, cache) = Create();

        var first = await cache.GetAsync(default);
        clock.Now += DatabaseOverviewCache.RefreshAfter - TimeSpan.FromSeconds(1);
        var second = await cache.GetAsync(default);

        Assert.Same(first, second);
        Assert.Equal(1, counter.Calls);
    }

    [Fact]
    public async Task An_older_count_is_answered_while_one_recount_runs_in_the_background()
    {
        var (clock, counter, cache) = Create();
        var first = await cache.GetAsync(default);

        clock.Now += DatabaseOverviewCache.RefreshAfter;
        counter.Gate = new TaskCompletionSource();
        Assert.Same(first, await cache.GetAsync(default));
        Assert.Same(first, await cache.GetAsync(default));
        await UntilAsync(() => counter.Calls == 2);
        counter.Gate.SetResult();

        await UntilAsync(async () => (await cache.GetAsync(default)).Orders == 2);
        Assert.Equal(clock.Now, (await cache.GetAsync(default)).ComputedAt);
        Assert.Equal(2, counter.Calls);
    }

    [Fact]
    public async Task A_count_older_than_the_maximum_age_is_not_answered()
    {
        var (clock, counter, cache) = Create();
        await cache.GetAsync(default);

        clock.Now += DatabaseOverviewCache.MaxAge;
        var recounted = await cache.GetAsync(default);

        Assert.Equal(2, recounted.Orders);
        Assert.Equal(clock.Now, recounted.ComputedAt);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_count()
    {
        var (_, counter, cache) = Create();
        counter.Gate = new TaskCompletionSource();

        var requests = Enumerable.Range(0, 10).Select(_ => cache.GetAsync(default)).ToList();
        await UntilAsync(() => counter.Calls == 1);
        counter.Gate.SetResult();
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.Equal(1, counter.Calls);
    }

    [Fact]
    public async Task A_failed_count_fails_the_waiting_request_and_is_tried_again_by_the_next()
    {
        var (clock, counter, cache) = Create();
        counter.Failing = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(default));
        counter.Failing = false;
        Assert.Equal(2, (await cache.GetAsync(default)).Orders);

        // A failed background recount leaves the kept count answered; a later request starts another.
        clock.Now += DatabaseOverviewCache.RefreshAfter;
        counter.Failing = true;
        var kept = await cache.GetAsync(default);
        await UntilAsync(() => counter.Calls == 3);
        counter.Failing = false;
        await UntilAsync(async () => (await cache.GetAsync(default)).Orders > 2);
        Assert.Equal(2, kept.Orders);
    }
}
