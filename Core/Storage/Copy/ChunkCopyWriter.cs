using Ecom.Aspire.Core.Model;
using Ecom.Aspire.Core.Simulation;
using Npgsql;
using NpgsqlTypes;

namespace Ecom.Aspire.Core.Storage.Copy;

/// <summary>
/// Writes every row of a <see cref="ChunkData"/> into PostgreSQL with binary COPY, one COPY per non-empty table, in
/// foreign-key order (<see cref="ChunkTables.InWriteOrder"/>). Runs inside whatever transaction is open on the
/// connection: the caller owns it (and so decides whether a chunk is all or nothing).
/// </summary>
/// <remarks>
/// Built for speed: every column is written with an explicit <see cref="NpgsqlDbType"/> (no type inference), through
/// the synchronous <see cref="NpgsqlBinaryImporter"/> calls (no task per value), with no reflection or LINQ per row.
/// Timestamps go out as UTC <see cref="DateTime"/> (timestamptz accepts only offset 0, so any offset is normalised).
/// </remarks>
public static class ChunkCopyWriter
{
    /// <summary>Cancellation is checked once per this many source rows (a power of two minus one).</summary>
    private const int CancellationCheckMask = 1023;

    /// <summary>Writes the chunk; returns the rows PostgreSQL reported per table.</summary>
    public static async Task<TableCounts> WriteAsync(NpgsqlConnection connection, ChunkData data, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(data);

        var expected = TableCounts.Of(data);
        var customers = await CopyAsync(connection, ChunkTables.Customers, expected.Customers, data.Customers, WriteCustomer, ct);
        var sellers = await CopyAsync(connection, ChunkTables.Sellers, expected.Sellers, data.Sellers, WriteSeller, ct);
        var products = await CopyAsync(connection, ChunkTables.Products, expected.Products, data.Products, WriteProduct, ct);
        var events = await CopyAsync(connection, ChunkTables.MarketEvents, expected.MarketEvents, data.MarketEvents, WriteMarketEvent, ct);
        var orders = await CopyAsync(connection, ChunkTables.Orders, expected.Orders, data.Orders, WriteOrder, ct);
        var items = await CopyAsync(connection, ChunkTables.OrderItems, expected.OrderItems, data.Orders, WriteOrderItems, ct);
        var payments = await CopyAsync(connection, ChunkTables.Payments, expected.Payments, data.Orders, WritePayments, ct);
        var deliveries = await CopyAsync(connection, ChunkTables.Deliveries, expected.Deliveries, data.Orders, WriteDelivery, ct);
        var reviews = await CopyAsync(connection, ChunkTables.Reviews, expected.Reviews, data.Orders, WriteReviews, ct);
        var labels = await CopyAsync(connection, ChunkTables.Labels, expected.Labels, data.Labels, WriteLabel, ct);
        return new TableCounts(customers, sellers, products, events, orders, items, payments, deliveries, reviews, labels);
    }

    /// <summary>
    /// One COPY of <paramref name="table"/>: <paramref name="writeRows"/> writes the rows of one source item (a row, or
    /// the child rows of an order) and returns how many it wrote. Skipped when <paramref name="expectedRows"/> is 0.
    /// </summary>
    private static async Task<long> CopyAsync<TSource>(
        NpgsqlConnection connection, string table, long expectedRows, List<TSource> sources,
        Func<NpgsqlBinaryImporter, TSource, int> writeRows, CancellationToken ct)
    {
        if (expectedRows == 0) return 0;
        ct.ThrowIfCancellationRequested();

        // Disposing without Complete (an exception, a cancellation) cancels the COPY: nothing of it stays.
        await using var importer = await connection.BeginBinaryImportAsync(ChunkTables.CopyCommand(table), ct);
        long written = 0;
        var count = sources.Count;
        for (var i = 0; i < count; i++)
        {
            if ((i & CancellationCheckMask) == CancellationCheckMask) ct.ThrowIfCancellationRequested();
            written += writeRows(importer, sources[i]);
        }
        var reported = (long)await importer.CompleteAsync(ct);
        if (reported != written || written != expectedRows)
        {
            throw new InvalidOperationException(
                $"COPY {table}: {written} rows sent, {expectedRows} expected, PostgreSQL reported {reported}");
        }
        return reported;
    }

    private static int WriteCustomer(NpgsqlBinaryImporter w, Customer c)
    {
        w.StartRow();
        w.Write(c.Id, NpgsqlDbType.Bigint);
        WriteNullable(w, c.RunId);
        WriteNullable(w, c.Cpf, NpgsqlDbType.Char);
        w.Write(c.Name, NpgsqlDbType.Text);
        WriteNullable(w, c.Email, NpgsqlDbType.Text);
        WriteNullable(w, c.Phone, NpgsqlDbType.Text);
        w.Write(c.City, NpgsqlDbType.Text);
        w.Write(c.State, NpgsqlDbType.Char);
        WriteNullable(w, c.ZipPrefix, NpgsqlDbType.Char);
        WriteNullable(w, c.Persona, NpgsqlDbType.Text);
        WriteTimestamp(w, c.SignupAt);
        return 1;
    }

    private static int WriteSeller(NpgsqlBinaryImporter w, Seller s)
    {
        w.StartRow();
        w.Write(s.Id, NpgsqlDbType.Bigint);
        WriteNullable(w, s.RunId);
        w.Write(s.Name, NpgsqlDbType.Text);
        w.Write(s.City, NpgsqlDbType.Text);
        w.Write(s.State, NpgsqlDbType.Char);
        WriteNullable(w, s.ZipPrefix, NpgsqlDbType.Char);
        WriteTimestamp(w, s.JoinedAt);
        return 1;
    }

    private static int WriteProduct(NpgsqlBinaryImporter w, Product p)
    {
        w.StartRow();
        w.Write(p.Id, NpgsqlDbType.Bigint);
        WriteNullable(w, p.RunId);
        w.Write(p.Name, NpgsqlDbType.Text);
        w.Write(p.Category, NpgsqlDbType.Text);
        w.Write(p.Price, NpgsqlDbType.Numeric);
        WriteNullable(w, p.Cost);
        WriteNullable(w, p.WeightGrams);
        WriteNullable(w, p.LengthCm);
        WriteNullable(w, p.HeightCm);
        WriteNullable(w, p.WidthCm);
        WriteNullable(w, p.Lifecycle, NpgsqlDbType.Text);
        WriteNullable(w, p.LaunchedAt);
        return 1;
    }

    private static int WriteMarketEvent(NpgsqlBinaryImporter w, MarketEvent e)
    {
        w.StartRow();
        w.Write(e.Id, NpgsqlDbType.Bigint);
        WriteNullable(w, e.RunId);
        w.Write(e.Kind, NpgsqlDbType.Text);
        WriteTimestamp(w, e.StartsAt);
        WriteTimestamp(w, e.EndsAt);
        w.Write(e.Intensity, NpgsqlDbType.Double);
        WriteNullable(w, e.State, NpgsqlDbType.Char);
        WriteNullable(w, e.Category, NpgsqlDbType.Text);
        WriteNullable(w, e.ProductId);
        w.Write(e.Description, NpgsqlDbType.Text);
        return 1;
    }

    private static int WriteOrder(NpgsqlBinaryImporter w, Order o)
    {
        w.StartRow();
        w.Write(o.Id, NpgsqlDbType.Bigint);
        WriteNullable(w, o.RunId);
        w.Write(o.CustomerId, NpgsqlDbType.Bigint);
        w.Write(o.Status, NpgsqlDbType.Text);
        WriteTimestamp(w, o.PurchasedAt);
        WriteNullable(w, o.ApprovedAt);
        WriteNullable(w, o.CanceledAt);
        w.Write(o.ShipCity, NpgsqlDbType.Text);
        w.Write(o.ShipState, NpgsqlDbType.Char);
        WriteNullable(w, o.ShipZipPrefix, NpgsqlDbType.Char);
        w.Write(o.ItemCount, NpgsqlDbType.Smallint);
        w.Write(o.ItemsTotal, NpgsqlDbType.Numeric);
        w.Write(o.FreightTotal, NpgsqlDbType.Numeric);
        w.Write(o.Total, NpgsqlDbType.Numeric);
        return 1;
    }

    private static int WriteOrderItems(NpgsqlBinaryImporter w, Order o)
    {
        var items = o.Items;
        var count = items.Count;
        for (var i = 0; i < count; i++)
        {
            var item = items[i];
            w.StartRow();
            w.Write(item.OrderId, NpgsqlDbType.Bigint);
            w.Write(item.ItemNo, NpgsqlDbType.Smallint);
            w.Write(item.ProductId, NpgsqlDbType.Bigint);
            w.Write(item.SellerId, NpgsqlDbType.Bigint);
            w.Write(item.Price, NpgsqlDbType.Numeric);
            w.Write(item.Freight, NpgsqlDbType.Numeric);
            WriteNullable(w, item.Cost);
        }
        return count;
    }

    private static int WritePayments(NpgsqlBinaryImporter w, Order o)
    {
        var payments = o.Payments;
        var count = payments.Count;
        for (var i = 0; i < count; i++)
        {
            var payment = payments[i];
            w.StartRow();
            w.Write(payment.OrderId, NpgsqlDbType.Bigint);
            w.Write(payment.Seq, NpgsqlDbType.Smallint);
            w.Write(payment.Type, NpgsqlDbType.Text);
            w.Write(payment.Installments, NpgsqlDbType.Smallint);
            w.Write(payment.Amount, NpgsqlDbType.Numeric);
        }
        return count;
    }

    private static int WriteDelivery(NpgsqlBinaryImporter w, Order o)
    {
        if (o.Delivery is not { } d) return 0;
        w.StartRow();
        w.Write(d.OrderId, NpgsqlDbType.Bigint);
        w.Write(d.Carrier, NpgsqlDbType.Text);
        WriteNullable(w, d.ShippedAt);
        WriteTimestamp(w, d.PromisedAt);
        WriteNullable(w, d.DeliveredAt);
        WriteNullable(w, d.DistanceKm);
        return 1;
    }

    private static int WriteReviews(NpgsqlBinaryImporter w, Order o)
    {
        var reviews = o.Reviews;
        var count = reviews.Count;
        for (var i = 0; i < count; i++)
        {
            var r = reviews[i];
            w.StartRow();
            w.Write(r.Id, NpgsqlDbType.Bigint);
            w.Write(r.OrderId, NpgsqlDbType.Bigint);
            w.Write(r.Score, NpgsqlDbType.Smallint);
            WriteNullable(w, r.Title, NpgsqlDbType.Text);
            WriteNullable(w, r.Comment, NpgsqlDbType.Text);
            WriteTimestamp(w, r.CreatedAt);
            WriteNullable(w, r.AnsweredAt);
        }
        return count;
    }

    private static int WriteLabel(NpgsqlBinaryImporter w, FraudLabel l)
    {
        w.StartRow();
        w.Write(l.OrderId, NpgsqlDbType.Bigint);
        WriteNullable(w, l.RunId);
        w.Write(l.Kind, NpgsqlDbType.Text);
        WriteNullable(w, l.Detail, NpgsqlDbType.Text);
        return 1;
    }

    private static void WriteTimestamp(NpgsqlBinaryImporter w, DateTimeOffset value) =>
        w.Write(value.UtcDateTime, NpgsqlDbType.TimestampTz);

    private static void WriteNullable(NpgsqlBinaryImporter w, DateTimeOffset? value)
    {
        if (value.HasValue) w.Write(value.GetValueOrDefault().UtcDateTime, NpgsqlDbType.TimestampTz);
        else w.WriteNull();
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type)
    {
        if (value is null) w.WriteNull();
        else w.Write(value, type);
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, int? value)
    {
        if (value.HasValue) w.Write(value.GetValueOrDefault(), NpgsqlDbType.Integer);
        else w.WriteNull();
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, long? value)
    {
        if (value.HasValue) w.Write(value.GetValueOrDefault(), NpgsqlDbType.Bigint);
        else w.WriteNull();
    }

    private static void WriteNullable(NpgsqlBinaryImporter w, decimal? value)
    {
        if (value.HasValue) w.Write(value.GetValueOrDefault(), NpgsqlDbType.Numeric);
        else w.WriteNull();
    }
}
