namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// Ids of simulated rows are chosen by the generator: run, chunk and position within the chunk. The same seed writes
/// the same ids, runs never collide, and a chunk's rows are one id range that can be deleted and written again.
/// </summary>
public static class IdSpace
{
    /// <summary>Ids one run may use.</summary>
    public const long RunSpan = 100_000_000_000;
    /// <summary>Ids one chunk may use per table (10 million orders a month).</summary>
    public const long ChunkSpan = 10_000_000;

    public static long Base(int runId, int chunkNo) => runId * RunSpan + chunkNo * ChunkSpan;

    /// <summary>The id of the <paramref name="seq"/>-th row (0-based) a chunk writes to a table.</summary>
    public static long Id(int runId, int chunkNo, long seq)
    {
        if (seq is < 0 or >= ChunkSpan) throw new ArgumentOutOfRangeException(nameof(seq), seq, "a chunk holds at most 10 million rows per table");
        return Base(runId, chunkNo) + seq;
    }

    /// <summary>The half-open id range <c>[From, To)</c> of a chunk's rows in every table.</summary>
    public static (long From, long To) Range(int runId, int chunkNo) => (Base(runId, chunkNo), Base(runId, chunkNo) + ChunkSpan);
}
