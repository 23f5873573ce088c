namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// Ids of live orders: a running sequence per live run (0, 1, 2, ...) laid over the run's <see cref="IdSpace"/> chunks.
/// The seq-th order gets chunk 1 + seq / 10 M and position seq % 10 M, so a chunk never holds more than its 10 M ids:
/// the next chunk number starts when one is full (chunk 0 is unused by live runs). With 9,999 chunks a live run holds
/// about 100 billion orders. The next sequence number is read back from the largest id written.
/// </summary>
public static class LiveIds
{
    public const int FirstChunkNo = 1;

    public static int ChunkOf(long seq)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seq);
        var chunk = FirstChunkNo + seq / IdSpace.ChunkSpan;
        if (chunk * IdSpace.ChunkSpan >= IdSpace.RunSpan) throw new ArgumentOutOfRangeException(nameof(seq), seq, "the live run's id range is full");
        return (int)chunk;
    }

    public static long OrderId(int liveRunId, long seq) => IdSpace.Id(liveRunId, ChunkOf(seq), seq % IdSpace.ChunkSpan);

    /// <summary>The sequence number of a live order id.</summary>
    public static long SeqOf(int liveRunId, long orderId) => orderId - IdSpace.Base(liveRunId, FirstChunkNo);

    /// <summary>The half-open id range <c>[From, To)</c> of every live order of the run.</summary>
    public static (long From, long To) Range(int liveRunId) =>
        (IdSpace.Base(liveRunId, FirstChunkNo), IdSpace.Base(liveRunId, 0) + IdSpace.RunSpan);
}
