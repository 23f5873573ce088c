using System.Globalization;
using System.Text;
using Ecom.Aspire.Core.Simulation;

namespace Ecom.Aspire.Core.Tests.Simulation;

/// <summary>FNV-1a 64 over every field of every row of a chunk, written as invariant text.</summary>
internal static class Checksum
{
    public static ulong Of(ChunkData d)
    {
        var sb = new StringBuilder();
        void F(object? v) => sb.Append(v switch
        {
            null => "∅",
            DateTimeOffset t => t.UtcTicks.ToString(CultureInfo.InvariantCulture) + "@" + t.Offset.Ticks.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        }).Append('|');

        sb.Append(d.Chunk).Append('\n');
        foreach (var c in d.Customers) { F(c.Id); F(c.RunId); F(c.Cpf); F(c.Name); F(c.Email); F(c.Phone); F(c.City); F(c.State); F(c.ZipPrefix); F(c.Persona); F(c.SignupAt); }
        foreach (var s in d.Sellers) { F(s.Id); F(s.RunId); F(s.Name); F(s.City); F(s.State); F(s.ZipPrefix); F(s.JoinedAt); }
        foreach (var p in d.Products) { F(p.Id); F(p.RunId); F(p.Name); F(p.Category); F(p.Price); F(p.Cost); F(p.WeightGrams); F(p.LengthCm); F(p.HeightCm); F(p.WidthCm); F(p.Lifecycle); F(p.LaunchedAt); }
        foreach (var e in d.MarketEvents) { F(e.Id); F(e.RunId); F(e.Kind); F(e.StartsAt); F(e.EndsAt); F(e.Intensity); F(e.State); F(e.Category); F(e.ProductId); F(e.Description); }
        foreach (var o in d.Orders)
        {
            F(o.Id); F(o.RunId); F(o.CustomerId); F(o.Status); F(o.PurchasedAt); F(o.ApprovedAt); F(o.CanceledAt); F(o.ShipCity); F(o.ShipState);
            F(o.ShipZipPrefix); F(o.ItemCount); F(o.ItemsTotal); F(o.FreightTotal); F(o.Total);
            foreach (var i in o.Items) { F(i.OrderId); F(i.ItemNo); F(i.ProductId); F(i.SellerId); F(i.Price); F(i.Freight); F(i.Cost); }
            foreach (var p in o.Payments) { F(p.OrderId); F(p.Seq); F(p.Type); F(p.Installments); F(p.Amount); }
            if (o.Delivery is { } x) { F(x.OrderId); F(x.Carrier); F(x.ShippedAt); F(x.PromisedAt); F(x.DeliveredAt); F(x.DistanceKm); }
            foreach (var r in o.Reviews) { F(r.Id); F(r.OrderId); F(r.Score); F(r.Title); F(r.Comment); F(r.CreatedAt); F(r.AnsweredAt); }
            sb.Append('\n');
        }
        foreach (var l in d.Labels) { F(l.OrderId); F(l.RunId); F(l.Kind); F(l.Detail); }

        var hash = 14695981039346656037UL;
        foreach (var ch in sb.ToString())
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
