namespace Ecom.Aspire.Core.Realtime;

/// <summary>How the Worker's live producer runs (configuration section Ecom:Live).</summary>
public sealed record LiveProducerOptions
{
    public const string Section = "Ecom:Live";

    /// <summary>Ecom:Live:Enabled: whether the Worker runs the producer at all (default true).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>Ecom:Live:BatchIntervalMs: time between two steps (default 1,000 ms).</summary>
    public int BatchIntervalMs { get; init; } = 1000;
    /// <summary>Ecom:Live:StatusIntervalMs: time between two status steps (default 5,000 ms; 0 = every step).</summary>
    public int StatusIntervalMs { get; init; } = 5000;
    /// <summary>Ecom:Live:MaxWindowSeconds: the longest window one batch covers while catching up (default 60 s).</summary>
    public int MaxWindowSeconds { get; init; } = 60;
    /// <summary>Ecom:Live:MaxGapSeconds: a longer gap since the watermark (the producer was down) is skipped, not replayed (default 600 s).</summary>
    public int MaxGapSeconds { get; init; } = 600;
    /// <summary>Ecom:Live:StatusBatchSize: the most orders one status step advances (default 5,000).</summary>
    public int StatusBatchSize { get; init; } = 5000;

    public TimeSpan BatchInterval => TimeSpan.FromMilliseconds(Math.Max(10, BatchIntervalMs));
}

public enum LiveStepOutcome
{
    /// <summary>Another Worker replica holds the producer lock.</summary>
    NotLeader,
    /// <summary>No completed history run yet: no world to draw customers and products from.</summary>
    NoHistory,
    Paused,
    /// <summary>The step ran (it may have produced no order: a short window, a quiet hour).</summary>
    Produced,
}

/// <summary>What one step did.</summary>
public sealed record LiveStepResult(
    LiveStepOutcome Outcome, int Orders, long? OrdersBatchId, int StatusChanges, int Cancellations, IReadOnlyList<long> StatusBatchIds)
{
    public static LiveStepResult Of(LiveStepOutcome outcome) => new(outcome, 0, null, 0, 0, []);
}
