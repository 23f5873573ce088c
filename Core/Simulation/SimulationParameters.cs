using System.Globalization;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// Everything a history simulation depends on. Serialized as JSON into <c>sim.runs.parameters</c>: the same resolved
/// parameters and run id give the same rows, byte for byte. Every realism knob is a named property whose default
/// and source are written on it (and in <c>docs/simulation-defaults.md</c>).
/// </summary>
public sealed record SimulationParameters
{
    public const int MaxCustomers = 10_000_000;
    public const int MaxYears = 20;

    /// <summary>First business day (America/Sao_Paulo). Default: the first day of the month two years before today.</summary>
    public DateOnly From { get; init; } = DefaultFrom(TodayInSaoPaulo());

    /// <summary>Last business day, inclusive. Default: yesterday.</summary>
    public DateOnly To { get; init; } = TodayInSaoPaulo().AddDays(-1);

    /// <summary>Customers over the whole period (default 50,000: about 190,000 orders over two years; orders scale linearly).</summary>
    public int Customers { get; init; } = 50_000;

    /// <summary>Seed of every random stream (default 42).</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The simulated "now": nothing happens after it. Null until <see cref="Resolve"/> fills it.</summary>
    public DateTimeOffset? Now { get; init; }

    public GrowthParameters Growth { get; init; } = new();
    public CalendarParameters Calendar { get; init; } = new();
    public CustomerParameters CustomerBehaviour { get; init; } = new();
    public GeographyParameters Geography { get; init; } = new();
    public CatalogParameters Catalog { get; init; } = new();
    public BasketParameters Basket { get; init; } = new();
    public FreightParameters Freight { get; init; } = new();
    public PaymentParameters Payments { get; init; } = new();
    public DeliveryParameters Delivery { get; init; } = new();
    public StatusParameters Statuses { get; init; } = new();
    public ReviewParameters Reviews { get; init; } = new();
    public FraudParameters Fraud { get; init; } = new();
    public EventParameters Events { get; init; } = new();

    /// <summary>Defaults for a run made on <paramref name="today"/>: two years up to yesterday, from the first day of that month.</summary>
    public static SimulationParameters Default(DateOnly today) => new() { From = DefaultFrom(today), To = today.AddDays(-1) };

    /// <summary>
    /// Fixes <see cref="Now"/> to min(<paramref name="realNow"/>, the end of <see cref="To"/> in America/Sao_Paulo),
    /// truncated to whole seconds, so that a stored run reproduces exactly. Keeps a <see cref="Now"/> already set.
    /// </summary>
    public SimulationParameters Resolve(DateTimeOffset realNow)
    {
        if (Now is not null) return this;
        var end = SaoPauloTime.StartOfDay(To.AddDays(1));
        var now = realNow.ToUniversalTime() < end ? realNow.ToUniversalTime() : end;
        return this with { Now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) };
    }

    /// <summary>Readable problems with these parameters; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var p = new List<string>();
        if (To < From) p.Add($"--to {Fmt(To)} is before --from {Fmt(From)}");
        if (From < new DateOnly(2000, 1, 1)) p.Add($"--from {Fmt(From)} is before 2000-01-01");
        if (To > new DateOnly(2100, 12, 31)) p.Add($"--to {Fmt(To)} is after 2100-12-31");
        if (To >= From && To > From.AddYears(MaxYears)) p.Add($"the period from {Fmt(From)} to {Fmt(To)} is longer than {MaxYears} years");
        if (Customers is < 1 or > MaxCustomers) p.Add(string.Create(CultureInfo.InvariantCulture, $"customers must be between 1 and {MaxCustomers:N0} (got {Customers:N0})"));
        if (Now is { } now)
        {
            if (now.Offset != TimeSpan.Zero) p.Add($"now ({now:O}) must be in UTC");
            if (now <= SaoPauloTime.StartOfDay(From)) p.Add($"now ({now:O}) is not after the start of --from {Fmt(From)}");
        }
        Growth.Validate(p);
        Calendar.Validate(p);
        CustomerBehaviour.Validate(p);
        Geography.Validate(p);
        Catalog.Validate(p);
        Basket.Validate(p);
        Freight.Validate(p);
        Payments.Validate(p);
        Delivery.Validate(p);
        Statuses.Validate(p);
        Reviews.Validate(p);
        Fraud.Validate(p);
        Events.Validate(p);
        return p;
    }

    private static string Fmt(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly DefaultFrom(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddYears(-2);

    private static DateOnly TodayInSaoPaulo() => SaoPauloTime.DateOf(DateTimeOffset.UtcNow);

    internal static void Range(List<string> problems, string name, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max} (got {value})"));
    }

    internal static void Weights(List<string> problems, string name, IReadOnlyList<double>? weights, int count)
    {
        if (weights is null || weights.Count != count) problems.Add($"{name} needs {count} weights (got {weights?.Count ?? 0})");
        else if (weights.Any(w => double.IsNaN(w) || w < 0) || weights.Sum() <= 0) problems.Add($"{name} must be non-negative weights with a positive sum");
    }
}

/// <summary>Growth of demand over the period.</summary>
public sealed record GrowthParameters
{
    /// <summary>Compound annual growth of orders (default 0.12 = 12 %/year; Brazilian e-commerce revenue grew roughly 10–15 %/year in the years around 2019–2024, ABComm/NielsenIQ Ebit).</summary>
    public double AnnualGrowth { get; init; } = 0.12;
    /// <summary>Months over which a young marketplace ramps up to its trend (default 6; Olist's 2017 ramp took longer, this is a gentler choice).</summary>
    public double RampMonths { get; init; } = 6;
    /// <summary>Demand at the start of the period relative to the trend (default 0.35).</summary>
    public double RampStartLevel { get; init; } = 0.35;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "growth.annualGrowth", AnnualGrowth, -0.9, 5);
        SimulationParameters.Range(p, "growth.rampMonths", RampMonths, 0, 120);
        SimulationParameters.Range(p, "growth.rampStartLevel", RampStartLevel, 0.01, 1);
    }
}

/// <summary>The weekly and daily rhythm and the Brazilian retail calendar: demand multipliers of a day relative to an ordinary day.</summary>
public sealed record CalendarParameters
{
    /// <summary>Relative demand Monday..Sunday (default from Olist's order counts per weekday 2016–2018: Monday and Tuesday busiest, Saturday quietest).</summary>
    public IReadOnlyList<double> WeekdayWeights { get; init; } = [1.140, 1.124, 1.095, 1.039, 0.994, 0.766, 0.842];
    /// <summary>Relative demand per local hour 0..23 (default: Olist's orders per hour of day: few orders 1–6 am, a plateau 10–22 h).</summary>
    public IReadOnlyList<double> HourWeights { get; init; } =
        [2394, 1170, 510, 272, 206, 188, 502, 1231, 2967, 4785, 6177, 6578, 5995, 6518, 6569, 6454, 6675, 6150, 5769, 5982, 6193, 6217, 5816, 4123];
    /// <summary>Black Friday (the Friday after the fourth Thursday of November) vs an ordinary day (default 7; Olist's Black Friday 2017 had about 7x a usual November day, market reports speak of 5–9x).</summary>
    public double BlackFriday { get; init; } = 7.0;
    /// <summary>Monday–Thursday of Black Friday week (default 1.6).</summary>
    public double BlackFridayWeek { get; init; } = 1.6;
    /// <summary>Saturday and Sunday after Black Friday (default 1.8).</summary>
    public double BlackFridayWeekend { get; init; } = 1.8;
    /// <summary>Cyber Monday, the Monday after Black Friday (default 2.0).</summary>
    public double CyberMonday { get; init; } = 2.0;
    /// <summary>Peak of the Christmas ramp (1–20 December, rising linearly from 1 to this; default 1.35).</summary>
    public double ChristmasPeak { get; init; } = 1.35;
    /// <summary>21–23 December, last shipping days (default 1.0).</summary>
    public double ChristmasLastDays { get; init; } = 1.0;
    /// <summary>24 December (default 0.55).</summary>
    public double ChristmasEve { get; init; } = 0.55;
    /// <summary>25 December (default 0.35).</summary>
    public double ChristmasDay { get; init; } = 0.35;
    /// <summary>26–31 December (default 0.6).</summary>
    public double LateDecember { get; init; } = 0.6;
    /// <summary>1 January (default 0.4).</summary>
    public double NewYearsDay { get; init; } = 0.4;
    /// <summary>The rest of January (default 0.85: the post-holiday lull).</summary>
    public double JanuaryLull { get; init; } = 0.85;
    /// <summary>Carnaval Monday and Tuesday (47–48 days before Easter, Gregorian computus; default 0.65).</summary>
    public double Carnaval { get; init; } = 0.65;
    /// <summary>Carnaval Saturday, Sunday and Ash Wednesday (default 0.85).</summary>
    public double CarnavalEdges { get; init; } = 0.85;
    /// <summary>Dia do Consumidor, 15 March (default 1.6; the 14th and 16th get half the lift).</summary>
    public double DiaDoConsumidor { get; init; } = 1.6;
    /// <summary>The 7 days before Dia das Mães (2nd Sunday of May) (default 1.3; the second strongest retail date in Brazil).</summary>
    public double DiaDasMaesWeek { get; init; } = 1.3;
    /// <summary>The 7 days before Dia dos Namorados, 12 June (default 1.2).</summary>
    public double DiaDosNamoradosWeek { get; init; } = 1.2;
    /// <summary>The 7 days before Dia dos Pais (2nd Sunday of August) (default 1.2).</summary>
    public double DiaDosPaisWeek { get; init; } = 1.2;
    /// <summary>The 7 days before Dia das Crianças, 12 October (default 1.25).</summary>
    public double DiaDasCriancasWeek { get; init; } = 1.25;
    /// <summary>How much more the gift categories of a gift date sell during its window (toys before Dia das Crianças, perfume before Dia das Mães...; default 1.8).</summary>
    public double GiftCategoryBoost { get; init; } = 1.8;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Weights(p, "calendar.weekdayWeights", WeekdayWeights, 7);
        SimulationParameters.Weights(p, "calendar.hourWeights", HourWeights, 24);
        foreach (var (name, v) in new[]
                 {
                     ("blackFriday", BlackFriday), ("blackFridayWeek", BlackFridayWeek), ("blackFridayWeekend", BlackFridayWeekend),
                     ("cyberMonday", CyberMonday), ("christmasPeak", ChristmasPeak), ("christmasLastDays", ChristmasLastDays),
                     ("christmasEve", ChristmasEve), ("christmasDay", ChristmasDay), ("lateDecember", LateDecember),
                     ("newYearsDay", NewYearsDay), ("januaryLull", JanuaryLull), ("carnaval", Carnaval), ("carnavalEdges", CarnavalEdges),
                     ("diaDoConsumidor", DiaDoConsumidor), ("diaDasMaesWeek", DiaDasMaesWeek), ("diaDosNamoradosWeek", DiaDosNamoradosWeek),
                     ("diaDosPaisWeek", DiaDosPaisWeek), ("diaDasCriancasWeek", DiaDasCriancasWeek), ("giftCategoryBoost", GiftCategoryBoost),
                 })
            SimulationParameters.Range(p, "calendar." + name, v, 0.01, 50);
    }
}

/// <summary>A customer persona: its share of sign-ups, purchase rate and mean lifetime.</summary>
public sealed record PersonaProfile(string Name, double Share, double OrdersPerMonth, double MeanLifetimeMonths);

/// <summary>Customer behaviour: personas, churn and the first purchase.</summary>
public sealed record CustomerParameters
{
    /// <summary>
    /// Personas (default: VIP 3 % at 2.5 orders/month for 36 months on average, loyal 12 % at 0.8 for 24, regular 40 %
    /// at 0.2 for 12, one-time 45 % buying once: a marketplace where most buyers buy once, as in Olist where 97 % bought
    /// once, but with a real repeat base). Repeat orders are a Poisson process at the persona's rate shaped by the
    /// calendar, between the first order and churn (lifetime exponential with the persona's mean).
    /// </summary>
    public IReadOnlyList<PersonaProfile> Personas { get; init; } =
    [
        new(Model.Personas.Vip, 0.03, 2.5, 36),
        new(Model.Personas.Loyal, 0.12, 0.8, 24),
        new(Model.Personas.Regular, 0.40, 0.2, 12),
        new(Model.Personas.OneTime, 0.45, 0, 0),
    ];
    /// <summary>Minimum share of each month's orders that are first orders of new customers (default 0.2).</summary>
    public double MinNewCustomerShare { get; init; } = 0.2;
    /// <summary>Share of customers who buy in the session they sign up in (within 30 minutes; default 0.65); the others buy after an exponential wait.</summary>
    public double SameSessionShare { get; init; } = 0.65;
    /// <summary>Mean wait in hours between sign-up and first order of the others (default 72).</summary>
    public double FirstOrderMeanWaitHours { get; init; } = 72;

    internal void Validate(List<string> p)
    {
        if (Personas is null || Personas.Count == 0) p.Add("customerBehaviour.personas must not be empty");
        else
        {
            foreach (var persona in Personas)
            {
                if (!Model.Personas.All.Contains(persona.Name)) p.Add($"customerBehaviour.personas: unknown persona '{persona.Name}' (known: {string.Join(", ", Model.Personas.All)})");
                SimulationParameters.Range(p, $"customerBehaviour.personas[{persona.Name}].share", persona.Share, 0, 1);
                SimulationParameters.Range(p, $"customerBehaviour.personas[{persona.Name}].ordersPerMonth", persona.OrdersPerMonth, 0, 60);
                SimulationParameters.Range(p, $"customerBehaviour.personas[{persona.Name}].meanLifetimeMonths", persona.MeanLifetimeMonths, 0, 600);
            }
            if (Personas.Sum(x => x.Share) <= 0) p.Add("customerBehaviour.personas: shares must have a positive sum");
        }
        SimulationParameters.Range(p, "customerBehaviour.minNewCustomerShare", MinNewCustomerShare, 0.01, 1);
        SimulationParameters.Range(p, "customerBehaviour.sameSessionShare", SameSessionShare, 0, 1);
        SimulationParameters.Range(p, "customerBehaviour.firstOrderMeanWaitHours", FirstOrderMeanWaitHours, 0, 24 * 365);
    }
}

/// <summary>Where customers and sellers are.</summary>
public sealed record GeographyParameters
{
    /// <summary>Share of customers (and so of orders) per UF (default: Olist customers per state, 2016–2018; SP 42 %, Southeast 66 %).</summary>
    public IReadOnlyDictionary<string, double> CustomerStateShares { get; init; } = new Dictionary<string, double>
    {
        ["SP"] = 41.98, ["RJ"] = 12.92, ["MG"] = 11.70, ["RS"] = 5.50, ["PR"] = 5.07, ["SC"] = 3.66, ["BA"] = 3.40,
        ["DF"] = 2.15, ["ES"] = 2.04, ["GO"] = 2.03, ["PE"] = 1.66, ["CE"] = 1.34, ["PA"] = 0.98, ["MT"] = 0.91,
        ["MA"] = 0.75, ["MS"] = 0.72, ["PB"] = 0.54, ["PI"] = 0.50, ["RN"] = 0.49, ["AL"] = 0.42, ["SE"] = 0.35,
        ["TO"] = 0.28, ["RO"] = 0.25, ["AM"] = 0.15, ["AC"] = 0.08, ["AP"] = 0.07, ["RR"] = 0.05,
    };
    /// <summary>Share of sellers per UF (default: Olist sellers per state; SP 60 %, PR 11 %, MG 8 %).</summary>
    public IReadOnlyDictionary<string, double> SellerStateShares { get; init; } = new Dictionary<string, double>
    {
        ["SP"] = 59.7, ["PR"] = 11.3, ["MG"] = 7.9, ["SC"] = 6.1, ["RJ"] = 5.5, ["RS"] = 4.2, ["GO"] = 1.3, ["DF"] = 1.0,
        ["ES"] = 0.75, ["BA"] = 0.6, ["CE"] = 0.45, ["PE"] = 0.3, ["PB"] = 0.2, ["MS"] = 0.16, ["RN"] = 0.16, ["MT"] = 0.13,
        ["RO"] = 0.07, ["SE"] = 0.07, ["PI"] = 0.03, ["AM"] = 0.03, ["MA"] = 0.03, ["PA"] = 0.03, ["AC"] = 0.03,
    };

    internal void Validate(List<string> p)
    {
        Shares(p, "geography.customerStateShares", CustomerStateShares);
        Shares(p, "geography.sellerStateShares", SellerStateShares);
    }

    private static void Shares(List<string> p, string name, IReadOnlyDictionary<string, double>? shares)
    {
        if (shares is null || shares.Count == 0) { p.Add($"{name} must not be empty"); return; }
        foreach (var (uf, share) in shares)
        {
            if (!BrazilGeography.CepRanges.ContainsKey(uf)) p.Add($"{name}: '{uf}' is not a Brazilian UF");
            if (double.IsNaN(share) || share < 0) p.Add($"{name}: share of {uf} must not be negative");
        }
        if (shares.Values.Sum() <= 0) p.Add($"{name} must have a positive sum");
    }
}

/// <summary>A product category: share of demand, price distribution, margin and weight.</summary>
/// <param name="Name">Olist's English category slug.</param>
/// <param name="DemandShare">Relative share of items sold.</param>
/// <param name="MeanPrice">Mean list price in BRL (the lognormal's mean).</param>
/// <param name="PriceSigma">Log-space spread of prices within the category.</param>
/// <param name="Margin">Mean gross margin (1 - cost/price).</param>
/// <param name="MeanWeightGrams">Mean shipping weight.</param>
public sealed record CategoryProfile(string Name, double DemandShare, double MeanPrice, double PriceSigma, double Margin, double MeanWeightGrams);

/// <summary>Sellers, products and categories.</summary>
public sealed record CatalogParameters
{
    /// <summary>Customers per seller (default 60; Olist had about 31).</summary>
    public double CustomersPerSeller { get; init; } = 60;
    /// <summary>Customers per product (default 4; Olist had about 3).</summary>
    public double CustomersPerProduct { get; init; } = 4;
    /// <summary>Log-space spread of product popularity within a category (default 1.2: a long tail with a few best sellers).</summary>
    public double PopularitySigma { get; init; } = 1.2;
    /// <summary>Log-space spread of seller size (how many products a seller lists; default 1.0).</summary>
    public double SellerSizeSigma { get; init; } = 1.0;
    /// <summary>Spread of a product's margin around its category's (absolute, default 0.06).</summary>
    public double MarginSpread { get; init; } = 0.06;
    /// <summary>
    /// Categories (default: 20 of Olist's largest categories with their approximate share of items, mean item price
    /// (Olist's category means raised 8 % so that the overall mean, after Black Friday discounts and the mix, is
    /// about R$120 as in Olist) and weight; margins are typical Brazilian retail gross margins: thin for electronics, wide for fashion and home).
    /// </summary>
    public IReadOnlyList<CategoryProfile> Categories { get; init; } =
    [
        new("bed_bath_table", 9.9, 100, 0.75, 0.45, 2300),
        new("health_beauty", 8.6, 140, 0.85, 0.42, 1000),
        new("sports_leisure", 7.7, 123, 0.85, 0.38, 1700),
        new("furniture_decor", 7.4, 94, 0.85, 0.40, 2600),
        new("computers_accessories", 6.9, 125, 0.95, 0.20, 1000),
        new("housewares", 6.2, 98, 0.85, 0.38, 2600),
        new("watches_gifts", 5.3, 217, 0.75, 0.45, 550),
        new("telephony", 4.0, 77, 0.95, 0.22, 300),
        new("garden_tools", 3.9, 120, 0.8, 0.35, 2900),
        new("auto", 3.8, 150, 0.9, 0.32, 1900),
        new("toys", 3.7, 126, 0.85, 0.40, 1800),
        new("cool_stuff", 3.4, 180, 0.85, 0.42, 2500),
        new("perfumery", 3.1, 129, 0.7, 0.38, 500),
        new("baby", 2.7, 141, 0.8, 0.36, 2800),
        new("electronics", 2.5, 63, 0.95, 0.18, 700),
        new("stationery", 2.3, 99, 0.9, 0.45, 1300),
        new("fashion_bags_accessories", 1.8, 85, 0.75, 0.50, 600),
        new("pet_shop", 1.7, 123, 0.8, 0.35, 1800),
        new("office_furniture", 1.5, 175, 0.6, 0.33, 10500),
        new("consoles_games", 1.0, 150, 0.95, 0.18, 600),
    ];
    /// <summary>Shares of lifecycles launch, viral, stable, declining, obsolete (default 0.15, 0.03, 0.52, 0.20, 0.10).</summary>
    public IReadOnlyList<double> LifecycleShares { get; init; } = [0.15, 0.03, 0.52, 0.20, 0.10];

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "catalog.customersPerSeller", CustomersPerSeller, 1, 100_000);
        SimulationParameters.Range(p, "catalog.customersPerProduct", CustomersPerProduct, 0.1, 100_000);
        SimulationParameters.Range(p, "catalog.popularitySigma", PopularitySigma, 0, 4);
        SimulationParameters.Range(p, "catalog.sellerSizeSigma", SellerSizeSigma, 0, 4);
        SimulationParameters.Range(p, "catalog.marginSpread", MarginSpread, 0, 0.5);
        SimulationParameters.Weights(p, "catalog.lifecycleShares", LifecycleShares, Lifecycles.All.Count);
        if (Categories is null || Categories.Count == 0) { p.Add("catalog.categories must not be empty"); return; }
        foreach (var c in Categories)
        {
            if (string.IsNullOrWhiteSpace(c.Name)) p.Add("catalog.categories: a category has no name");
            SimulationParameters.Range(p, $"catalog.categories[{c.Name}].demandShare", c.DemandShare, 0, 1000);
            SimulationParameters.Range(p, $"catalog.categories[{c.Name}].meanPrice", c.MeanPrice, 1, 100_000);
            SimulationParameters.Range(p, $"catalog.categories[{c.Name}].priceSigma", c.PriceSigma, 0, 2);
            SimulationParameters.Range(p, $"catalog.categories[{c.Name}].margin", c.Margin, 0, 0.95);
            SimulationParameters.Range(p, $"catalog.categories[{c.Name}].meanWeightGrams", c.MeanWeightGrams, 10, 100_000);
        }
        if (Categories.Sum(c => c.DemandShare) <= 0) p.Add("catalog.categories: demand shares must have a positive sum");
        if (Categories.Select(c => c.Name).Distinct().Count() != Categories.Count) p.Add("catalog.categories: names must be unique");
    }
}

/// <summary>What goes in an order.</summary>
public sealed record BasketParameters
{
    /// <summary>Relative frequency of ordinary orders with 1, 2, 3... items (default 0.92, 0.06, 0.012, 0.004, 0.002, 0.002: mean 1.11, about 1.14 with the bulk orders, as in Olist).</summary>
    public IReadOnlyList<double> ItemCountWeights { get; init; } = [0.92, 0.06, 0.012, 0.004, 0.002, 0.002];
    /// <summary>Share of extra items that repeat the first item's product (default 0.5; in Olist a second unit is a second item).</summary>
    public double SameProductShare { get; init; } = 0.5;
    /// <summary>Share of the other extra items that are the first product's companion, a product of a complementary category (default 0.4: what cross-selling analysis finds).</summary>
    public double CompanionShare { get; init; } = 0.4;
    /// <summary>Random variation of the price paid around the list price (log-space sigma, default 0.05).</summary>
    public double PriceNoise { get; init; } = 0.05;
    /// <summary>Discount during Black Friday week to Cyber Monday (default 0.12).</summary>
    public double BlackFridayDiscount { get; init; } = 0.12;

    internal void Validate(List<string> p)
    {
        if (ItemCountWeights is null || ItemCountWeights.Count is < 1 or > 50) p.Add("basket.itemCountWeights needs 1 to 50 weights");
        else SimulationParameters.Weights(p, "basket.itemCountWeights", ItemCountWeights, ItemCountWeights.Count);
        SimulationParameters.Range(p, "basket.sameProductShare", SameProductShare, 0, 1);
        SimulationParameters.Range(p, "basket.companionShare", CompanionShare, 0, 1);
        SimulationParameters.Range(p, "basket.priceNoise", PriceNoise, 0, 1);
        SimulationParameters.Range(p, "basket.blackFridayDiscount", BlackFridayDiscount, 0, 0.9);
    }
}

/// <summary>Freight per item: base + weight + distance, with noise (calibrated to Olist's mean of about R$20 per item).</summary>
public sealed record FreightParameters
{
    /// <summary>Fixed part in BRL (default 10).</summary>
    public double Base { get; init; } = 10;
    /// <summary>BRL per kg of shipping weight (default 2.2).</summary>
    public double PerKg { get; init; } = 2.2;
    /// <summary>BRL per 1,000 km between seller and customer (default 8).</summary>
    public double Per1000Km { get; init; } = 8;
    /// <summary>Log-space noise (default 0.3).</summary>
    public double Noise { get; init; } = 0.3;
    /// <summary>Freight of the second and later items of an order relative to the first (default 0.6: shipped together).</summary>
    public double AdditionalItemFactor { get; init; } = 0.6;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "freight.base", Base, 0, 1000);
        SimulationParameters.Range(p, "freight.perKg", PerKg, 0, 1000);
        SimulationParameters.Range(p, "freight.per1000Km", Per1000Km, 0, 1000);
        SimulationParameters.Range(p, "freight.noise", Noise, 0, 2);
        SimulationParameters.Range(p, "freight.additionalItemFactor", AdditionalItemFactor, 0, 1);
    }
}

/// <summary>How orders are paid.</summary>
public sealed record PaymentParameters
{
    /// <summary>Share of orders paid (first payment) by credit card (default 0.765; with the vouchers below, 74 % of payment rows as in Olist).</summary>
    public double CreditCard { get; init; } = 0.765;
    /// <summary>Share of orders paid by boleto (default 0.198: 19 % of payment rows, Olist).</summary>
    public double Boleto { get; init; } = 0.198;
    /// <summary>Share of orders paid by debit card (default 0.015, Olist 1.5 %).</summary>
    public double DebitCard { get; init; } = 0.015;
    /// <summary>Share of orders paid by voucher alone (default 0.022).</summary>
    public double VoucherOnly { get; init; } = 0.022;
    /// <summary>Probability that a card or boleto order also uses a voucher as a second payment (default 0.033: vouchers 5.6 % of rows with the above, Olist).</summary>
    public double SecondVoucher { get; init; } = 0.033;
    /// <summary>Pix launch date (default 2020-11-16, Banco Central do Brasil).</summary>
    public DateOnly PixLaunch { get; init; } = new(2020, 11, 16);
    /// <summary>Share of orders paid by Pix once adoption has matured (default 0.14), taken from boleto and debit.</summary>
    public double PixMatureShare { get; init; } = 0.14;
    /// <summary>Months from launch to mature Pix adoption (default 24).</summary>
    public double PixRampMonths { get; init; } = 24;
    /// <summary>
    /// Relative frequency of 1..12 credit card installments (default: 1x most common, 10x the usual "sem juros" offer;
    /// mean about 3.5 as in Olist's card payments).
    /// </summary>
    public IReadOnlyList<double> InstallmentWeights { get; init; } = [0.31, 0.10, 0.10, 0.08, 0.06, 0.05, 0.02, 0.07, 0.02, 0.17, 0.00, 0.02];
    /// <summary>Smallest installment in BRL a seller accepts (default 10): caps the installments of small orders.</summary>
    public double MinInstallment { get; init; } = 10;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "payments.creditCard", CreditCard, 0, 1);
        SimulationParameters.Range(p, "payments.boleto", Boleto, 0, 1);
        SimulationParameters.Range(p, "payments.debitCard", DebitCard, 0, 1);
        SimulationParameters.Range(p, "payments.voucherOnly", VoucherOnly, 0, 1);
        SimulationParameters.Range(p, "payments.secondVoucher", SecondVoucher, 0, 1);
        if (CreditCard + Boleto + DebitCard + VoucherOnly <= 0) p.Add("payments: the shares of payment types must have a positive sum");
        SimulationParameters.Range(p, "payments.pixMatureShare", PixMatureShare, 0, 1);
        SimulationParameters.Range(p, "payments.pixRampMonths", PixRampMonths, 0, 240);
        SimulationParameters.Weights(p, "payments.installmentWeights", InstallmentWeights, 12);
        SimulationParameters.Range(p, "payments.minInstallment", MinInstallment, 0, 10_000);
    }
}

/// <summary>A carrier: share of shipments, fixed days and speed, and the longest haul it takes.</summary>
public sealed record CarrierProfile(string Name, double Share, double BaseDays, double KmPerDay, int MaxKm);

/// <summary>How long deliveries take and what is promised.</summary>
public sealed record DeliveryParameters
{
    /// <summary>Carriers (default: Correios PAC and SEDEX, Jadlog, Loggi (short hauls), Total Express, Azul Cargo Express (air, long hauls)).</summary>
    public IReadOnlyList<CarrierProfile> Carriers { get; init; } =
    [
        new("Correios PAC", 0.36, 4.0, 260, 10_000),
        new("Correios SEDEX", 0.16, 1.5, 650, 10_000),
        new("Jadlog", 0.16, 3.0, 330, 10_000),
        new("Loggi", 0.12, 1.5, 400, 700),
        new("Total Express", 0.12, 2.5, 360, 10_000),
        new("Azul Cargo Express", 0.08, 2.0, 900, 10_000),
    ];
    /// <summary>Median days from approval to handing over to the carrier (default 2.2).</summary>
    public double HandlingMedianDays { get; init; } = 2.2;
    /// <summary>Log-space spread of handling (default 0.6).</summary>
    public double HandlingSigma { get; init; } = 0.6;
    /// <summary>Log-space spread of transit (default 0.5: Olist's long right tail).</summary>
    public double TransitSigma { get; init; } = 0.5;
    /// <summary>Multiplies every carrier's median transit (default 1.45; calibrated so that purchase to delivery averages about 12 days as in Olist).</summary>
    public double SlownessFactor { get; init; } = 1.45;
    /// <summary>Promised days = expected median days × this, rounded up (default 1.9: about 8 % of orders arrive late, Olist 8.1 %).</summary>
    public double PromiseFactor { get; init; } = 1.9;

    internal void Validate(List<string> p)
    {
        if (Carriers is null || Carriers.Count == 0) p.Add("delivery.carriers must not be empty");
        else
        {
            foreach (var c in Carriers)
            {
                SimulationParameters.Range(p, $"delivery.carriers[{c.Name}].share", c.Share, 0, 1000);
                SimulationParameters.Range(p, $"delivery.carriers[{c.Name}].baseDays", c.BaseDays, 0, 60);
                SimulationParameters.Range(p, $"delivery.carriers[{c.Name}].kmPerDay", c.KmPerDay, 10, 10_000);
            }
            if (!Carriers.Any(c => c.MaxKm >= 10_000 && c.Share > 0)) p.Add("delivery.carriers: at least one carrier must take any distance (maxKm >= 10000)");
        }
        SimulationParameters.Range(p, "delivery.handlingMedianDays", HandlingMedianDays, 0.01, 60);
        SimulationParameters.Range(p, "delivery.handlingSigma", HandlingSigma, 0, 2);
        SimulationParameters.Range(p, "delivery.transitSigma", TransitSigma, 0, 2);
        SimulationParameters.Range(p, "delivery.slownessFactor", SlownessFactor, 0.05, 20);
        SimulationParameters.Range(p, "delivery.promiseFactor", PromiseFactor, 0.5, 10);
    }
}

/// <summary>Orders that do not end delivered.</summary>
public sealed record StatusParameters
{
    /// <summary>Share of orders canceled by the customer or the payment (default 0.006; Olist 0.63 %).</summary>
    public double CanceledRate { get; init; } = 0.006;
    /// <summary>Share of orders the seller could not fulfil (default 0.006; Olist 0.61 %).</summary>
    public double UnavailableRate { get; init; } = 0.006;
    /// <summary>Share of delivered orders returned (default 0.005).</summary>
    public double ReturnedRate { get; init; } = 0.005;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "statuses.canceledRate", CanceledRate, 0, 0.5);
        SimulationParameters.Range(p, "statuses.unavailableRate", UnavailableRate, 0, 0.5);
        SimulationParameters.Range(p, "statuses.returnedRate", ReturnedRate, 0, 0.5);
    }
}

/// <summary>Reviews after delivery.</summary>
public sealed record ReviewParameters
{
    /// <summary>Share of delivered orders reviewed (default 0.9).</summary>
    public double DeliveredRate { get; init; } = 0.9;
    /// <summary>Share of canceled, unavailable or still undelivered-after-promise orders reviewed (default 0.35).</summary>
    public double NotDeliveredRate { get; init; } = 0.35;
    /// <summary>Relative frequency of scores 1..5 for on-time deliveries (default Olist on time: mean about 4.3).</summary>
    public IReadOnlyList<double> OnTimeScoreWeights { get; init; } = [0.07, 0.025, 0.08, 0.21, 0.615];
    /// <summary>Relative frequency of scores 1..5 for late deliveries (default Olist late: mean about 2.6).</summary>
    public IReadOnlyList<double> LateScoreWeights { get; init; } = [0.45, 0.08, 0.12, 0.13, 0.22];
    /// <summary>Relative frequency of scores 1..5 for orders never delivered (default: mostly 1).</summary>
    public IReadOnlyList<double> NotDeliveredScoreWeights { get; init; } = [0.75, 0.1, 0.07, 0.03, 0.05];
    /// <summary>Share of reviews with a comment (default 0.41, Olist).</summary>
    public double CommentRate { get; init; } = 0.41;
    /// <summary>Share of reviews with a title (default 0.12, Olist).</summary>
    public double TitleRate { get; init; } = 0.12;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "reviews.deliveredRate", DeliveredRate, 0, 1);
        SimulationParameters.Range(p, "reviews.notDeliveredRate", NotDeliveredRate, 0, 1);
        SimulationParameters.Weights(p, "reviews.onTimeScoreWeights", OnTimeScoreWeights, 5);
        SimulationParameters.Weights(p, "reviews.lateScoreWeights", LateScoreWeights, 5);
        SimulationParameters.Weights(p, "reviews.notDeliveredScoreWeights", NotDeliveredScoreWeights, 5);
        SimulationParameters.Range(p, "reviews.commentRate", CommentRate, 0, 1);
        SimulationParameters.Range(p, "reviews.titleRate", TitleRate, 0, 1);
    }
}

/// <summary>Injected fraud and anomalies (labelled in sim.labels). Rates are per ordinary order; each kind appears at least once in every month with orders when its rate is above zero.</summary>
public sealed record FraudParameters
{
    /// <summary>Bulk orders: many units of one product (default 0.0015 per order).</summary>
    public double BulkOrderRate { get; init; } = 0.0015;
    /// <summary>Price errors: an item at a fraction or a multiple of its list price (default 0.0015).</summary>
    public double PriceErrorRate { get; init; } = 0.0015;
    /// <summary>Card-testing bursts per order (default 0.0002; each burst is 4 to 12 small card orders within minutes from one new account).</summary>
    public double CardTestingBurstRate { get; init; } = 0.0002;
    /// <summary>Account takeovers: an established customer suddenly orders high value shipped to a far state (default 0.001).</summary>
    public double AccountTakeoverRate { get; init; } = 0.001;
    /// <summary>Unusual geography: shipped far from the customer's state (default 0.0015).</summary>
    public double UnusualGeographyRate { get; init; } = 0.0015;
    /// <summary>Freight errors: freight absurdly high for the price (default 0.001).</summary>
    public double FreightErrorRate { get; init; } = 0.001;

    internal void Validate(List<string> p)
    {
        SimulationParameters.Range(p, "fraud.bulkOrderRate", BulkOrderRate, 0, 0.05);
        SimulationParameters.Range(p, "fraud.priceErrorRate", PriceErrorRate, 0, 0.05);
        SimulationParameters.Range(p, "fraud.cardTestingBurstRate", CardTestingBurstRate, 0, 0.01);
        SimulationParameters.Range(p, "fraud.accountTakeoverRate", AccountTakeoverRate, 0, 0.05);
        SimulationParameters.Range(p, "fraud.unusualGeographyRate", UnusualGeographyRate, 0, 0.05);
        SimulationParameters.Range(p, "fraud.freightErrorRate", FreightErrorRate, 0, 0.05);
    }
}

/// <summary>A kind of market event: how often, how strong and how long.</summary>
/// <param name="Kind">One of <see cref="MarketEventKinds"/>.</param>
/// <param name="PerYear">Expected events per year.</param>
/// <param name="MinIntensity">Smallest effect (see <see cref="MarketEvent.Intensity"/>).</param>
/// <param name="MaxIntensity">Largest effect.</param>
/// <param name="MinHours">Shortest duration.</param>
/// <param name="MaxHours">Longest duration.</param>
public sealed record EventProfile(string Kind, double PerYear, double MinIntensity, double MaxIntensity, double MinHours, double MaxHours);

/// <summary>Market events drawn at random over the period.</summary>
public sealed record EventParameters
{
    /// <summary>
    /// Event kinds (defaults: logistics crisis 2/year, deliveries 1.4–2.2x slower for 1–4 weeks (Correios strikes, the
    /// 2018 truckers' strike, the 2024 RS floods); site outage 4/year, demand 2–10 % of normal for 2–8 hours; viral
    /// product 6/year, 2–6 % of orders for 3–14 days; marketing campaign 6/year, demand 1.15–1.5x for 2–7 days;
    /// competitor promotion 3/year, demand 0.7–0.9x for 2–5 days; payment outage 3/year, card share 10–40 % of normal
    /// for 2–12 hours).
    /// </summary>
    public IReadOnlyList<EventProfile> Kinds { get; init; } =
    [
        new(MarketEventKinds.LogisticsCrisis, 2, 1.4, 2.2, 7 * 24, 28 * 24),
        new(MarketEventKinds.SiteOutage, 4, 0.02, 0.10, 2, 8),
        new(MarketEventKinds.ViralProduct, 6, 0.02, 0.06, 3 * 24, 14 * 24),
        new(MarketEventKinds.MarketingCampaign, 6, 1.15, 1.5, 2 * 24, 7 * 24),
        new(MarketEventKinds.CompetitorPromotion, 3, 0.7, 0.9, 2 * 24, 5 * 24),
        new(MarketEventKinds.PaymentOutage, 3, 0.1, 0.4, 2, 12),
    ];
    /// <summary>Draw at least one event of every kind with a positive rate in every run (default true: every dataset has each effect to find).</summary>
    public bool AtLeastOneOfEachKind { get; init; } = true;

    internal void Validate(List<string> p)
    {
        if (Kinds is null) { p.Add("events.kinds must not be null"); return; }
        foreach (var k in Kinds)
        {
            if (!MarketEventKinds.All.Contains(k.Kind)) p.Add($"events.kinds: unknown kind '{k.Kind}' (known: {string.Join(", ", MarketEventKinds.All)})");
            SimulationParameters.Range(p, $"events.kinds[{k.Kind}].perYear", k.PerYear, 0, 365);
            if (k.MinIntensity > k.MaxIntensity || k.MinIntensity <= 0) p.Add($"events.kinds[{k.Kind}]: intensity range {k.MinIntensity}..{k.MaxIntensity} is not valid");
            if (k.MinHours > k.MaxHours || k.MinHours <= 0) p.Add($"events.kinds[{k.Kind}]: duration range {k.MinHours}..{k.MaxHours} hours is not valid");
        }
    }
}
