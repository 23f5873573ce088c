using CsvHelper;
using Dapper;
using Ecom.Aspire.Core.Model;
using Npgsql;

namespace Ecom.Aspire.Core.Analytics;

/// <summary>The fee a payment processor takes: <see cref="Rate"/> of the amount charged plus <see cref="PerOrder"/> BRL per order.</summary>
public sealed record PaymentFee(string PaymentType, decimal Rate, decimal PerOrder);

/// <summary>The finance figures of one period (definitions: <see cref="FinanceAnalytics"/>).</summary>
public sealed record FinanceFigures(
    decimal GrossSales,
    decimal Refunds,
    decimal Revenue,
    decimal Cogs,
    decimal GrossProfit,
    decimal PaymentFees,
    decimal FreightSubsidy,
    decimal NetProfit,
    decimal? GrossMargin,
    decimal? NetMargin,
    long Orders,
    long ReturnedOrders,
    long Items,
    long ItemsWithCost,
    decimal? CostCoverage,
    decimal Freight,
    decimal? AverageTicket);

/// <summary>One measure of the current and previous period, and its change in percent (null when the previous is 0).</summary>
[CsvRecord]
public sealed partial record FinanceLine(string Measure, decimal? Current, decimal? Previous, decimal? ChangePercent);

public sealed record FinanceAnswer(
    AnalyticsPeriod Period,
    AnalyticsPeriod PreviousPeriod,
    AnalyticsFilter Filter,
    FinanceFigures Current,
    FinanceFigures Previous,
    IReadOnlyList<FinanceLine> Lines,
    IReadOnlyList<PaymentFee> PaymentFeeRates,
    decimal FreightSubsidyShare,
    DateTimeOffset ComputedAt);

/// <summary>
/// Finance of a period, compared with the previous period of the same length. Definitions (BRL; days are purchase
/// business days; the state filter is the ship state, the category filter the item's product category):
/// <list type="bullet">
/// <item><b>Revenue</b>: the warehouse's one revenue (<c>fact_sales.revenue</c>): item prices of revenue-bearing orders
/// (processing, invoiced, shipped, delivered); freight is passed on to carriers and is not revenue. Read from
/// <c>dw.agg_daily_sales</c>.</item>
/// <item><b>Refunds</b>: item prices of returned orders, paid back to the buyer. Revenue is already net of them (a
/// returned order is not revenue-bearing); <b>gross sales</b> = revenue + refunds. Canceled and unavailable orders
/// were never charged and count in neither.</item>
/// <item><b>COGS</b>: the sum of the known unit costs (<c>fact_sales.cost</c>) of revenue-bearing items; items whose
/// cost the source does not know count 0 (<b>cost coverage</b> = items with a cost / items). Returned goods are restocked:
/// no cost.</item>
/// <item><b>Gross profit</b> = revenue − COGS; <b>gross margin</b> = gross profit / revenue.</item>
/// <item><b>Payment fees</b>: per order charged (revenue-bearing or returned: processors keep their fee on refunded
/// payments), by the type of its first payment (<c>fact_sales.payment_type</c>), <see cref="PaymentFee.Rate"/> × the
/// amount charged (item prices + freight) + <see cref="PaymentFee.PerOrder"/>: see <see cref="PaymentFees"/>. With a
/// category filter, the amount is that of the category's items and the per-order fee counts once per order with such
/// an item. Read from <c>dw.agg_daily_charges</c> (loaded by the ETL from <c>dw.fact_sales</c>).</item>
/// <item><b>Freight subsidy</b>: the share of the freight of revenue-bearing items the marketplace pays itself,
/// <see cref="FreightSubsidyShare"/> = 0: freight is passed through to the buyer.</item>
/// <item><b>Net profit</b> = gross profit − payment fees − freight subsidy; <b>net margin</b> = net profit / revenue.</item>
/// <item><b>Orders</b>: revenue-bearing orders (with a category filter: those with an item of the category);
/// <b>average ticket</b> = revenue / orders.</item>
/// <item><b>Change</b> = (current − previous) / |previous| × 100, null when previous is 0. Margins and shares are ratios
/// (0.25 = 25 %) rounded to 4 places; money to cents (fees are summed unrounded, then rounded).</item>
/// </list>
/// </summary>
public static class FinanceAnalytics
{
    /// <summary>
    /// Typical Brazilian processor fees (simple, documented assumptions): credit card 3.5 %, debit card 1.5 %, Pix 0.99 %,
    /// boleto R$ 3.50 per order, voucher free (the marketplace's own). Orders without a payment pay nothing.
    /// </summary>
    public static readonly IReadOnlyList<PaymentFee> PaymentFees =
    [
        new(PaymentTypes.CreditCard, 0.035m, 0m),
        new(PaymentTypes.DebitCard, 0.015m, 0m),
        new(PaymentTypes.Pix, 0.0099m, 0m),
        new(PaymentTypes.Boleto, 0m, 3.50m),
        new(PaymentTypes.Voucher, 0m, 0m),
    ];

    /// <summary>Share of the freight of revenue-bearing items that the marketplace pays: none, freight is passed through.</summary>
    public const decimal FreightSubsidyShare = 0m;

    private const string Sales = """
        SELECT a.date_key >= CAST(@from AS date) AS current,
               coalesce(sum(a.revenue), 0)::numeric AS revenue, coalesce(sum(a.cost), 0)::numeric AS cost,
               coalesce(sum(a.items), 0)::bigint AS items, coalesce(sum(a.items_with_cost), 0)::bigint AS items_with_cost,
               coalesce(sum(a.freight), 0)::numeric AS freight, coalesce(sum(a.revenue_orders), 0)::bigint AS orders
        FROM {0} a
        WHERE a.date_key BETWEEN CAST(@previousFrom AS date) AND CAST(@to AS date){1}
        GROUP BY 1
        """;

    /// <summary>Charges and refunds per payment type, from dw.agg_daily_charges (category '' = all categories, an order counted once).</summary>
    private const string Charges = """
        SELECT a.date_key >= CAST(@from AS date) AS current, a.payment_type,
               sum(a.orders)::bigint AS orders, sum(a.charged)::numeric AS charged,
               sum(a.returned_orders)::bigint AS returned_orders, sum(a.refunds)::numeric AS refunds
        FROM dw.agg_daily_charges a
        WHERE a.category = @chargesCategory AND a.date_key BETWEEN CAST(@previousFrom AS date) AND CAST(@to AS date){0}
        GROUP BY 1, 2
        """;

    public static async Task<FinanceAnswer> ReadAsync(NpgsqlDataSource dataSource, AnalyticsQuery query, TimeProvider clock, CancellationToken ct)
    {
        var (period, filter) = query;
        var previous = period.PreviousPeriod();
        var parameters = new
        {
            from = period.From, to = period.To, previousFrom = previous.From,
            state = filter.State, category = filter.Category, chargesCategory = filter.Category ?? "",
        };
        // Orders are counted per day and state in agg_daily_orders; per category (an order in two categories counts in both) in agg_daily_sales.
        var salesSql = filter.Category is null
            ? string.Format(Sales, "dw.agg_daily_orders", filter.Conditions("a.state", null))
            : string.Format(Sales, "dw.agg_daily_sales", filter.Conditions("a.state", "a.category"));

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var sales = (await connection.QueryAsync<(bool Current, decimal Revenue, decimal Cost, long Items, long ItemsWithCost, decimal Freight, long Orders)>(
            new CommandDefinition(salesSql, parameters, cancellationToken: ct))).ToList();
        var charges = (await connection.QueryAsync<(bool Current, string PaymentType, long Orders, decimal Charged, long ReturnedOrders, decimal Refunds)>(
            new CommandDefinition(string.Format(Charges, filter.Conditions("a.state", null)), parameters, cancellationToken: ct))).ToList();

        var current = Compute(sales.Where(s => s.Current), charges.Where(c => c.Current));
        var before = Compute(sales.Where(s => !s.Current), charges.Where(c => !c.Current));
        return new FinanceAnswer(period, previous, filter, current, before, Lines(current, before), PaymentFees, FreightSubsidyShare, clock.GetUtcNow());
    }

    private static FinanceFigures Compute(
        IEnumerable<(bool Current, decimal Revenue, decimal Cost, long Items, long ItemsWithCost, decimal Freight, long Orders)> sales,
        IEnumerable<(bool Current, string PaymentType, long Orders, decimal Charged, long ReturnedOrders, decimal Refunds)> charges)
    {
        var s = sales.ToList();
        var c = charges.ToList();
        var revenue = s.Sum(x => x.Revenue);
        var cogs = s.Sum(x => x.Cost);
        var items = s.Sum(x => x.Items);
        var itemsWithCost = s.Sum(x => x.ItemsWithCost);
        var freight = s.Sum(x => x.Freight);
        var orders = s.Sum(x => x.Orders);
        var refunds = c.Sum(x => x.Refunds);
        var fees = c.Sum(x => PaymentFees.FirstOrDefault(f => f.PaymentType == x.PaymentType) is { } fee ? fee.Rate * x.Charged + fee.PerOrder * x.Orders : 0m);
        var grossProfit = revenue - cogs;
        var subsidy = FreightSubsidyShare * freight;
        var netProfit = Figures.Money(grossProfit - fees - subsidy);
        return new FinanceFigures(
            GrossSales: revenue + refunds,
            Refunds: refunds,
            Revenue: revenue,
            Cogs: cogs,
            GrossProfit: grossProfit,
            PaymentFees: Figures.Money(fees),
            FreightSubsidy: Figures.Money(subsidy),
            NetProfit: netProfit,
            GrossMargin: Figures.Ratio(grossProfit, revenue),
            NetMargin: Figures.Ratio(netProfit, revenue),
            Orders: orders,
            ReturnedOrders: c.Sum(x => x.ReturnedOrders),
            Items: items,
            ItemsWithCost: itemsWithCost,
            CostCoverage: Figures.Ratio(itemsWithCost, items),
            Freight: freight,
            AverageTicket: Figures.Average(revenue, orders));
    }

    private static List<FinanceLine> Lines(FinanceFigures current, FinanceFigures previous)
    {
        var lines = new List<FinanceLine>();
        void Add(string measure, decimal? now, decimal? before) =>
            lines.Add(new FinanceLine(measure, now, before, now is { } n && before is { } b ? Figures.ChangePercent(n, b) : null));
        Add("gross_sales", current.GrossSales, previous.GrossSales);
        Add("refunds", current.Refunds, previous.Refunds);
        Add("revenue", current.Revenue, previous.Revenue);
        Add("cogs", current.Cogs, previous.Cogs);
        Add("gross_profit", current.GrossProfit, previous.GrossProfit);
        Add("gross_margin", current.GrossMargin, previous.GrossMargin);
        Add("payment_fees", current.PaymentFees, previous.PaymentFees);
        Add("freight_subsidy", current.FreightSubsidy, previous.FreightSubsidy);
        Add("net_profit", current.NetProfit, previous.NetProfit);
        Add("net_margin", current.NetMargin, previous.NetMargin);
        Add("orders", current.Orders, previous.Orders);
        Add("returned_orders", current.ReturnedOrders, previous.ReturnedOrders);
        Add("items", current.Items, previous.Items);
        Add("average_ticket", current.AverageTicket, previous.AverageTicket);
        return lines;
    }
}
