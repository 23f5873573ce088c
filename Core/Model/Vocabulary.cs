namespace Ecom.Aspire.Core.Model;

/// <summary>Order statuses, as stored in shop.orders.status.</summary>
public static class OrderStatuses
{
    public const string Processing = "processing";
    public const string Invoiced = "invoiced";
    public const string Shipped = "shipped";
    public const string Delivered = "delivered";
    public const string Canceled = "canceled";
    public const string Unavailable = "unavailable";
    public const string Returned = "returned";

    public static readonly IReadOnlyList<string> All =
        [Processing, Invoiced, Shipped, Delivered, Canceled, Unavailable, Returned];

    /// <summary>
    /// Statuses whose orders count as revenue (the one definition every figure uses): the sale happened and was not
    /// undone. Canceled, unavailable and returned orders bring no revenue.
    /// </summary>
    public static readonly IReadOnlyList<string> RevenueBearing = [Processing, Invoiced, Shipped, Delivered];

    public static bool IsRevenueBearing(string status) => RevenueBearing.Contains(status);
}

/// <summary>Payment types, as stored in shop.payments.type (Olist's names, plus Pix).</summary>
public static class PaymentTypes
{
    public const string CreditCard = "credit_card";
    public const string Boleto = "boleto";
    public const string Voucher = "voucher";
    public const string DebitCard = "debit_card";
    public const string Pix = "pix";

    public static readonly IReadOnlyList<string> All = [CreditCard, Boleto, Voucher, DebitCard, Pix];
}

/// <summary>Customer personas of the simulation.</summary>
public static class Personas
{
    public const string Vip = "vip";
    public const string Loyal = "loyal";
    public const string Regular = "regular";
    public const string OneTime = "one_time";

    public static readonly IReadOnlyList<string> All = [Vip, Loyal, Regular, OneTime];
}

/// <summary>Product lifecycle stages the simulation assigns.</summary>
public static class Lifecycles
{
    public const string Launch = "launch";
    public const string Viral = "viral";
    public const string Stable = "stable";
    public const string Declining = "declining";
    public const string Obsolete = "obsolete";

    public static readonly IReadOnlyList<string> All = [Launch, Viral, Stable, Declining, Obsolete];
}

/// <summary>Kinds of market event recorded in shop.market_events.</summary>
public static class MarketEventKinds
{
    public const string LogisticsCrisis = "logistics_crisis";
    public const string SiteOutage = "site_outage";
    public const string ViralProduct = "viral_product";
    public const string MarketingCampaign = "marketing_campaign";
    public const string CompetitorPromotion = "competitor_promotion";
    public const string PaymentOutage = "payment_outage";

    public static readonly IReadOnlyList<string> All =
        [LogisticsCrisis, SiteOutage, ViralProduct, MarketingCampaign, CompetitorPromotion, PaymentOutage];
}

/// <summary>Kinds of injected fraud and anomaly recorded in sim.labels.</summary>
public static class FraudKinds
{
    public const string BulkOrder = "bulk_order";
    public const string PriceError = "price_error";
    public const string CardTesting = "card_testing";
    public const string AccountTakeover = "account_takeover";
    public const string UnusualGeography = "unusual_geography";
    public const string FreightError = "freight_error";

    public static readonly IReadOnlyList<string> All =
        [BulkOrder, PriceError, CardTesting, AccountTakeover, UnusualGeography, FreightError];
}

/// <summary>Kinds of sim.runs rows.</summary>
public static class RunKinds
{
    public const string History = "history";
    public const string Live = "live";
    public const string OlistImport = "olist_import";
}

/// <summary>Status of a run or of one of its chunks.</summary>
public static class RunStatuses
{
    public const string Pending = "pending";
    public const string Running = "running";
    /// <summary>Live mode only: stopped by an admin until resumed.</summary>
    public const string Paused = "paused";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
