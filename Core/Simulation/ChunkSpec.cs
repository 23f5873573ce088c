namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// One independent piece of a run. Chunk 0 is the world (customers, sellers, products, market events) for the whole
/// period; chunks 1..n are the orders of one calendar month each, <c>[From, To)</c> in business days
/// (America/Sao_Paulo). A chunk's random stream derives from (seed, chunk number) only, so chunks can run in any
/// order, on any worker, and again.
/// </summary>
public sealed record ChunkSpec(int No, DateOnly From, DateOnly To)
{
    public const int WorldChunkNo = 0;

    public bool IsWorld => No == WorldChunkNo;
}
