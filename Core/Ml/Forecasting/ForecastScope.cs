namespace Ecom.Aspire.Core.Ml.Forecasting;

/// <summary>
/// What a forecast covers: <c>total</c> (every sale), <c>region:&lt;name&gt;</c> (sales shipped to a region: Norte,
/// Nordeste, Centro-Oeste, Sudeste, Sul) or <c>category:&lt;name&gt;</c> (sales of a product category).
/// </summary>
public sealed record ForecastScope(string Kind, string? Name)
{
    public const string TotalKind = "total";
    public const string RegionKind = "region";
    public const string CategoryKind = "category";

    public static readonly ForecastScope Total = new(TotalKind, null);

    public override string ToString() => Name is null ? Kind : $"{Kind}:{Name}";

    /// <summary>Parses "total", "region:Sudeste" or "category:bed_bath_table"; null with a message otherwise.</summary>
    public static ForecastScope? Parse(string? text, out string? problem)
    {
        problem = null;
        var value = (text ?? TotalKind).Trim();
        if (value == TotalKind) return Total;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < value.Length - 1)
        {
            var kind = value[..colon];
            var name = value[(colon + 1)..].Trim();
            if (kind is RegionKind or CategoryKind && name.Length > 0) return new ForecastScope(kind, name);
        }
        problem = $"scope must be total, region:<name> or category:<name> (got '{value}').";
        return null;
    }
}
