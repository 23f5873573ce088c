namespace Ecom.Aspire.Core.Import;

/// <summary>
/// What the importer did to Olist rows that the shop schema cannot hold as given, or for which Olist lacks a value the
/// schema requires: each rule, and how many rows it touched. Nothing is changed silently: the counts are printed by
/// the command, logged by the job and kept in the run's parameters (sim.runs.parameters → adjustments).
/// </summary>
public sealed class OlistAdjustments
{
    /// <summary>
    /// Orders delivered to the customer before the date they were handed to the carrier, or delivered without a
    /// carrier date (Olist has a few dozen): shipped_at is set to delivered_at, the latest instant consistent with the
    /// delivery (ck_deliveries_order: a delivered order has been shipped, no later than its delivery). The delivery
    /// date, which the delay figures use, is kept as given.
    /// </summary>
    public int ShippedAtSetToDeliveredAt { get; set; }

    /// <summary>Orders approved before they were purchased (ck_orders_approved_after_purchase): approved_at is left empty.</summary>
    public int ApprovedAtCleared { get; set; }

    /// <summary>Payments of type not_defined (Olist has three, of 0.00, on canceled orders): not imported.</summary>
    public int NotDefinedPaymentsSkipped { get; set; }

    /// <summary>Products without a category: category "unknown".</summary>
    public int ProductsWithoutCategory { get; set; }

    /// <summary>
    /// Products whose category the translation file does not translate (Olist lacks "pc_gamer" and
    /// "portateis_cozinha_e_preparadores_de_alimentos"): the Portuguese name is kept.
    /// </summary>
    public int ProductsWithUntranslatedCategory { get; set; }

    /// <summary>Products that no order item sells: price 0.00 (no price is known) and no launch date.</summary>
    public int ProductsNeverSold { get; set; }

    /// <summary>Customers without any order: signup at the first purchase in the files (the start of what is known).</summary>
    public int CustomersWithoutOrders { get; set; }

    /// <summary>Sellers without any order item: joined at the first purchase in the files.</summary>
    public int SellersWithoutItems { get; set; }

    /// <summary>Each rule in words with its count, for the rules that touched at least one row.</summary>
    public IReadOnlyList<(string Rule, int Rows)> Applied()
    {
        (string, int)[] all =
        [
            ("orders delivered before (or without) their carrier date: shipped_at set to delivered_at", ShippedAtSetToDeliveredAt),
            ("orders approved before purchase: approved_at left empty", ApprovedAtCleared),
            ("payments of type not_defined: not imported", NotDefinedPaymentsSkipped),
            ("products without category: category 'unknown'", ProductsWithoutCategory),
            ("products whose category has no English name: Portuguese name kept", ProductsWithUntranslatedCategory),
            ("products never sold: price 0.00, no launch date", ProductsNeverSold),
            ("customers without orders: signup at the first purchase in the files", CustomersWithoutOrders),
            ("sellers without order items: joined at the first purchase in the files", SellersWithoutItems),
        ];
        return [.. all.Where(a => a.Item2 > 0)];
    }
}
