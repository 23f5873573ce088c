namespace Ecom.Aspire.Web.Services;

// What the Web reads from the Api (the JSON of /api/...), declared on the client side as in eShop's WebApp.

public sealed record TableCount(string Schema, string Table, long Rows);

public sealed record DatabaseOverview(
    IReadOnlyList<TableCount> Tables, long Orders, DateTimeOffset? FirstOrderAt, DateTimeOffset? LastOrderAt, int Runs,
    DateTimeOffset ComputedAt)
{
    public bool IsEmpty => Orders == 0;
    public long RowsOf(string table) => Tables.FirstOrDefault(t => t.Table == table)?.Rows ?? 0;
}

public sealed record KpiShare(string Key, decimal Revenue);

public sealed record LiveKpis(
    DateOnly Day, decimal Revenue, long Orders, long Items, long ActiveCustomers, decimal AverageTicket,
    IReadOnlyList<KpiShare> RevenueByState, IReadOnlyList<KpiShare> TopProducts);

public sealed record LiveKpisAnswer(LiveKpis Kpis, string Source, DateTimeOffset AsOf, double AgeSeconds, bool Degraded, string? Reason);

public sealed record ChunkView(int ChunkNo, string Status, DateOnly? From, DateOnly? To, long Rows, int Attempts, string? Worker,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

public sealed record RunView(
    int Id, string Kind, string Status, long Seed, System.Text.Json.JsonElement Parameters, DateOnly? From, DateOnly? To,
    int ChunksTotal, int ChunksDone, double Progress, long RowsWritten, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error, IReadOnlyList<ChunkView>? Chunks)
{
    public bool IsActive => Status is "pending" or "running";
}
