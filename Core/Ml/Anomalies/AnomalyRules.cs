using System.Globalization;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Ml.Anomalies;

/// <summary>A rule's verdict: the category and the reason in plain words.</summary>
public sealed record RuleMatch(string Category, string Reason);

/// <summary>
/// The readable rules, tried in this order; the first that holds names the category:
/// <list type="number">
/// <item>card_testing: the account placed at least <see cref="BurstOrders"/> orders within an hour of each other and
/// the order came less than <see cref="NewAccountHours"/> hours after the signup;</item>
/// <item>price_error: an item sold below <see cref="LowPriceRatio"/> or above <see cref="HighPriceRatio"/> times its
/// product's list price (ordinary prices vary by about 5 %, Black Friday takes about 12 % off);</item>
/// <item>freight_error: an item's freight is at least R$ <see cref="HighFreight"/> and at least
/// <see cref="HighFreightRatio"/> times its price;</item>
/// <item>bulk_order: at least <see cref="BulkUnits"/> units of one product (ordinary baskets hold at most 6 items);</item>
/// <item>account_takeover: shipped to a state other than the customer's, by an account at least
/// <see cref="EstablishedDays"/> days old, for at least R$ <see cref="TakeoverTotal"/> and at least
/// <see cref="TakeoverVsAverage"/> times the account's earlier average order;</item>
/// <item>unusual_geography: shipped to a state other than the customer's.</item>
/// </list>
/// </summary>
public static class AnomalyRules
{
    public const int BurstOrders = 3;
    public const double NewAccountHours = 24;
    public const double LowPriceRatio = 0.4;
    public const double HighPriceRatio = 2.5;
    public const double HighFreight = 150;
    public const double HighFreightRatio = 2.5;
    public const int BulkUnits = 8;
    public const double EstablishedDays = 30;
    public const double TakeoverTotal = 500;
    public const double TakeoverVsAverage = 3;

    private static readonly CultureInfo Pt = CultureInfo.GetCultureInfo("pt-BR");

    public static RuleMatch? Match(OrderProfile o)
    {
        if (o.BurstSize >= BurstOrders && o.AccountAgeHours < NewAccountHours)
            return new(FraudKinds.CardTesting, F($"{o.BurstSize} orders within an hour from account {o.CustomerId}, created {Age(o.AccountAgeHours)} before this one ({Money(o.Total)}, {PaymentName(o.PaymentType)})"));
        if (o.MinPriceRatio < LowPriceRatio)
            return new(FraudKinds.PriceError, F($"an item sold at {o.MinPriceRatio:0.00}x its list price (ordinary prices stay within about 0.8x to 1.2x)"));
        if (o.MaxPriceRatio > HighPriceRatio)
            return new(FraudKinds.PriceError, F($"an item sold at {o.MaxPriceRatio:0.00}x its list price (ordinary prices stay within about 0.8x to 1.2x)"));
        if (o.MaxFreight >= HighFreight && o.MaxFreightRatio >= HighFreightRatio)
            return new(FraudKinds.FreightError, F($"freight of {Money(o.MaxFreight)} for an item, {o.MaxFreightRatio:0.0}x its price"));
        if (o.MaxUnits >= BulkUnits)
            return new(FraudKinds.BulkOrder, F($"{o.MaxUnits} units of one product in one order ({Money(o.ItemsTotal)}); ordinary baskets hold at most 6 items"));
        if (o.ShippedElsewhere && o.AccountAgeHours >= EstablishedDays * 24 && o.Total >= TakeoverTotal
            && (o.PriorOrders == 0 || o.Total >= TakeoverVsAverage * o.PriorMeanTotal))
        {
            var history = o.PriorOrders == 0 ? "no earlier order" : F($"{o.Total / o.PriorMeanTotal:0.0}x its average of {Money(o.PriorMeanTotal)}");
            return new(FraudKinds.AccountTakeover, F($"account of {o.AccountAgeHours / 24:0} days in {o.CustomerState} ordered {Money(o.Total)} ({history}), shipped to {o.ShipState}"));
        }
        if (o.ShippedElsewhere)
            return new(FraudKinds.UnusualGeography, F($"customer in {o.CustomerState}, shipped to {o.ShipState}{(o.KnownShipState ? "" : ", a state this account never shipped to before")}"));
        return null;
    }

    public static string Money(double value) => "R$ " + value.ToString("N2", Pt);

    private static string Age(double hours) => hours < 1 ? F($"{hours * 60:0} minutes") : F($"{hours:0.0} hours");

    private static string PaymentName(string type) => type switch
    {
        PaymentTypes.CreditCard => "credit card",
        PaymentTypes.DebitCard => "debit card",
        "" => "no payment",
        _ => type,
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
