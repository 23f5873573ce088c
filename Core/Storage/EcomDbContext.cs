using Ecom.Aspire.Core.Model;
using Microsoft.EntityFrameworkCore;

namespace Ecom.Aspire.Core.Storage;

/// <summary>
/// The whole OLTP schema of DESIGN.md section 3: <c>shop</c> (the marketplace) and <c>sim</c> (runs and ground truth).
/// Columns are snake_case; money is numeric(12,2); timestamps are timestamptz in UTC.
/// Simulated rows carry ids chosen by the generator (no database-generated keys), so that the same seed writes the
/// same rows and a chunk can be replaced by key range.
/// </summary>
public sealed class EcomDbContext(DbContextOptions<EcomDbContext> options) : DbContext(options)
{
    public const string ShopSchema = "shop";
    public const string SimSchema = "sim";

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Seller> Sellers => Set<Seller>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderItem> OrderItems => Set<OrderItem>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<MarketEvent> MarketEvents => Set<MarketEvent>();
    public DbSet<SimulationRun> Runs => Set<SimulationRun>();
    public DbSet<RunChunk> RunChunks => Set<RunChunk>();
    public DbSet<FraudLabel> Labels => Set<FraudLabel>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Customer>(e =>
        {
            e.ToTable("customers", ShopSchema);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Cpf).HasColumnType("char(11)");
            e.Property(x => x.State).HasColumnType("char(2)");
            e.Property(x => x.ZipPrefix).HasColumnType("char(5)");
            e.HasOne<SimulationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.State);
            e.HasIndex(x => x.SignupAt);
        });

        b.Entity<Seller>(e =>
        {
            e.ToTable("sellers", ShopSchema);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.State).HasColumnType("char(2)");
            e.Property(x => x.ZipPrefix).HasColumnType("char(5)");
            e.HasOne<SimulationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.State);
        });

        b.Entity<Product>(e =>
        {
            e.ToTable("products", ShopSchema);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasOne<SimulationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Category);
        });

        b.Entity<Order>(e =>
        {
            e.ToTable("orders", ShopSchema, t =>
            {
                t.HasCheckConstraint("ck_orders_status", $"status IN ({Quoted(OrderStatuses.All)})");
                t.HasCheckConstraint("ck_orders_approved_after_purchase", "approved_at IS NULL OR approved_at >= purchased_at");
                t.HasCheckConstraint("ck_orders_total", "total = items_total + freight_total");
            });
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.ShipState).HasColumnType("char(2)");
            e.Property(x => x.ShipZipPrefix).HasColumnType("char(5)");
            e.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SimulationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.PurchasedAt);
            e.HasIndex(x => new { x.CustomerId, x.PurchasedAt });
            e.HasIndex(x => new { x.ShipState, x.PurchasedAt });
        });

        b.Entity<OrderItem>(e =>
        {
            e.ToTable("order_items", ShopSchema, t => t.HasCheckConstraint("ck_order_items_price", "price >= 0 AND freight >= 0"));
            e.HasKey(x => new { x.OrderId, x.ItemNo });
            e.HasOne<Order>().WithMany(o => o.Items).HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Seller).WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.ProductId);
            e.HasIndex(x => x.SellerId);
        });

        b.Entity<Payment>(e =>
        {
            e.ToTable("payments", ShopSchema, t =>
            {
                t.HasCheckConstraint("ck_payments_type", $"type IN ({Quoted(PaymentTypes.All)})");
                t.HasCheckConstraint("ck_payments_installments", "installments BETWEEN 0 AND 24");
            });
            e.HasKey(x => new { x.OrderId, x.Seq });
            e.HasOne<Order>().WithMany(o => o.Payments).HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Delivery>(e =>
        {
            e.ToTable("deliveries", ShopSchema, t =>
                t.HasCheckConstraint("ck_deliveries_order", "delivered_at IS NULL OR (shipped_at IS NOT NULL AND delivered_at >= shipped_at)"));
            e.HasKey(x => x.OrderId);
            e.HasOne<Order>().WithOne(o => o.Delivery).HasForeignKey<Delivery>(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.Carrier);
        });

        b.Entity<Review>(e =>
        {
            e.ToTable("reviews", ShopSchema, t => t.HasCheckConstraint("ck_reviews_score", "score BETWEEN 1 AND 5"));
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasOne<Order>().WithMany(o => o.Reviews).HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.OrderId);
        });

        b.Entity<MarketEvent>(e =>
        {
            e.ToTable("market_events", ShopSchema);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.State).HasColumnType("char(2)");
            e.HasOne<SimulationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.StartsAt);
        });

        b.Entity<SimulationRun>(e =>
        {
            e.ToTable("runs", SimSchema);
            e.Property(x => x.Id).UseIdentityAlwaysColumn();
            e.Property(x => x.Parameters).HasColumnType("jsonb");
            e.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
            e.HasMany(x => x.Chunks).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<RunChunk>(e =>
        {
            e.ToTable("run_chunks", SimSchema);
            e.HasKey(x => new { x.RunId, x.ChunkNo });
        });

        b.Entity<FraudLabel>(e =>
        {
            e.ToTable("labels", SimSchema);
            e.HasKey(x => x.OrderId);
            e.HasOne<Order>().WithOne().HasForeignKey<FraudLabel>(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<SimulationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => x.Kind);
        });
    }

    private static string Quoted(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
