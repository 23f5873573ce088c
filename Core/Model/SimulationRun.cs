namespace Ecom.Aspire.Core.Model;

/// <summary>A simulation run (history, live) or an import: what was generated, with which seed and parameters, and how far it got.</summary>
public sealed class SimulationRun
{
    public int Id { get; set; }
    /// <summary>One of <see cref="RunKinds"/>.</summary>
    public string Kind { get; set; } = RunKinds.History;
    /// <summary>One of <see cref="RunStatuses"/>.</summary>
    public string Status { get; set; } = RunStatuses.Pending;
    public long Seed { get; set; }
    /// <summary>All generation parameters as JSON, so that the run can be reproduced.</summary>
    public string Parameters { get; set; } = "{}";
    public DateOnly? FromDate { get; set; }
    public DateOnly? ToDate { get; set; }
    public int ChunksTotal { get; set; }
    public int ChunksDone { get; set; }
    public long RowsWritten { get; set; }
    /// <summary>Live mode and incremental loads: the last simulated instant written.</summary>
    public DateTimeOffset? Watermark { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }

    public List<RunChunk> Chunks { get; set; } = [];
}
