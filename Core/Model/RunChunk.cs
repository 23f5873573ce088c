namespace Ecom.Aspire.Core.Model;

/// <summary>Progress of one independent chunk (for instance one month of orders) of a run.</summary>
public sealed class RunChunk
{
    public int RunId { get; set; }
    public int ChunkNo { get; set; }
    /// <summary>One of <see cref="RunStatuses"/>.</summary>
    public string Status { get; set; } = RunStatuses.Pending;
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
    public long Rows { get; set; }
    public int Attempts { get; set; }
    /// <summary>Which worker (host name, process) ran it last.</summary>
    public string? Worker { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
}
