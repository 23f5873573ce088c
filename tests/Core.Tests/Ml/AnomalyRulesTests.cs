using Ecom.Aspire.Core.Ml.Anomalies;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Tests.Ml;

/// <summary>The readable rules, the account history features and the precision/recall arithmetic on hand-made orders.</summary>
public sealed class AnomalyRulesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 15, 0, 0, TimeSpan.Zero);

    private static OrderProfile Order(long id = 1, long customer = 1, double minutes = 0, double total = 150, string ship = "SP", string home = "SP",
        double ageDays = 200, int units = 1, double minRatio = 1, double maxRatio = 1, double freight = 20, double freightRatio = 0.15) => new()
    {
        OrderId = id, CustomerId = customer, PurchasedAt = T0.AddMinutes(minutes), SignupAt = T0.AddDays(-ageDays), Status = OrderStatuses.Delivered,
        ShipState = ship, CustomerState = home, PaymentType = PaymentTypes.CreditCard, Items = units, MaxUnits = units,
        ItemsTotal = total - freight, FreightTotal = freight, Total = total, MinPriceRatio = minRatio, MaxPriceRatio = maxRatio,
        MaxFreight = freight, MaxFreightRatio = freightRatio,
    };

    [Fact]
    public void An_ordinary_order_matches_no_rule() => Assert.Null(AnomalyRules.Match(Order()));

    [Fact]
    public void Each_rule_names_its_category_and_says_why()
    {
        Assert.Equal((FraudKinds.BulkOrder, true), Check(Order(units: 12), "12 units of one product"));
        Assert.Equal((FraudKinds.PriceError, true), Check(Order(minRatio: 0.12), "0.12x its list price"));
        Assert.Equal((FraudKinds.PriceError, true), Check(Order(maxRatio: 7.5), "7.50x its list price"));
        Assert.Equal((FraudKinds.FreightError, true), Check(Order(freight: 320, freightRatio: 5.2), "freight of R$ 320,00"));
        Assert.Equal((FraudKinds.AccountTakeover, true), Check(Order(total: 2400, ship: "AM", ageDays: 400), "shipped to AM"));
        Assert.Equal((FraudKinds.UnusualGeography, true), Check(Order(total: 150, ship: "AM"), "customer in SP, shipped to AM"));
        // Below the freight floor, or established customer with a small order: no rule.
        Assert.Null(AnomalyRules.Match(Order(freight: 90, freightRatio: 4)));

        static (string, bool) Check(OrderProfile o, string reason)
        {
            var match = AnomalyRules.Match(o)!;
            return (match.Category, match.Reason.Contains(reason, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_burst_of_orders_from_a_new_account_is_card_testing_and_the_history_features_see_it()
    {
        List<OrderProfile> orders =
        [
            Order(1, customer: 7, minutes: 0, total: 20, ageDays: 0.01),
            Order(2, customer: 7, minutes: 3, total: 25, ageDays: 0.01),
            Order(3, customer: 7, minutes: 50, total: 22, ageDays: 0.01),
            Order(4, customer: 7, minutes: 200, total: 30, ageDays: 0.01),
            Order(5, customer: 8, minutes: 1, total: 100),
        ];
        OrderProfiles.AddAccountHistory(orders);
        Assert.Equal([3, 3, 3, 1, 1], orders.Select(o => o.BurstSize));
        Assert.Equal([0, 1, 2, 3, 0], orders.Select(o => o.PriorOrders));
        Assert.Equal((20 + 25) / 2.0, orders[2].PriorMeanTotal, 9);
        Assert.Equal(FraudKinds.CardTesting, AnomalyRules.Match(orders[0])!.Category);
        Assert.Contains("3 orders within an hour from account 7", AnomalyRules.Match(orders[0])!.Reason, StringComparison.Ordinal);
        Assert.Null(AnomalyRules.Match(orders[3]));
    }

    [Fact]
    public void Precision_recall_and_f1_per_category_and_overall()
    {
        // Flags: 1 bulk (right), 2 bulk (wrong: no label), 3 price_error (labelled freight_error), 4 unusual_order (labelled bulk).
        var flags = new Dictionary<long, string> { [1] = "bulk_order", [2] = "bulk_order", [3] = "price_error", [4] = AnomalyCategories.UnusualOrder };
        var labels = new Dictionary<long, string> { [1] = "bulk_order", [3] = "freight_error", [4] = "bulk_order", [5] = "bulk_order" };
        var m = AnomalyEvaluation.Evaluate(flags, labels).ToDictionary(x => x.Category);
        // bulk: 1 of 2 flags right, 1 of 3 labelled found: P 0.5, R 1/3, F1 = 2·0.5·(1/3)/(0.5+1/3) = 0.4.
        Assert.Equal((2, 3, 1), (m["bulk_order"].Flagged, m["bulk_order"].Labelled, m["bulk_order"].TruePositives));
        Assert.Equal(0.5, m["bulk_order"].Precision!.Value, 9);
        Assert.Equal(1 / 3.0, m["bulk_order"].Recall!.Value, 9);
        Assert.Equal(0.4, m["bulk_order"].F1!.Value, 9);
        Assert.Equal(0, m["price_error"].Precision);
        Assert.Null(m["price_error"].Recall);
        Assert.Equal(0, m["freight_error"].Recall);
        Assert.Equal(1, m[AnomalyCategories.UnusualOrder].Precision);
        Assert.Null(m[AnomalyCategories.UnusualOrder].Recall);
        // Overall: flagged 1, 2, 3, 4; labelled 1, 3, 4, 5: 3 right of 4 flags, 3 of 4 labels found.
        Assert.Equal((0.75, 0.75), (m["overall"].Precision!.Value, m["overall"].Recall!.Value));
    }
}
