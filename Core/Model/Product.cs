namespace Ecom.Aspire.Core.Model;

/// <summary>A product in the catalogue, with its category, list price and unit cost.</summary>
public sealed class Product
{
    public long Id { get; set; }
    public int? RunId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Category slug in English (Olist's translated names, e.g. "bed_bath_table").</summary>
    public string Category { get; set; } = "";
    public decimal Price { get; set; }
    /// <summary>Unit cost to the seller (for COGS); null when the source does not know it.</summary>
    public decimal? Cost { get; set; }
    public int? WeightGrams { get; set; }
    public int? LengthCm { get; set; }
    public int? HeightCm { get; set; }
    public int? WidthCm { get; set; }
    /// <summary>Simulated lifecycle the product was given (<see cref="Lifecycles"/>); ground truth, null for imports.</summary>
    public string? Lifecycle { get; set; }
    public DateTimeOffset? LaunchedAt { get; set; }
}
