using System.Globalization;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// Chunk 0: customers, sellers, products and market events of the whole period, plus the compact arrays that order
/// chunks read (structure of arrays, customers sorted by their first order). Built once per simulator from
/// (seed, 0); read-only afterwards, so chunks may read it from any thread. Customers are kept as arrays only (about
/// 60 bytes each); their rows, with name, CPF, e-mail and phone, are made when the world chunk is written
/// (<see cref="CustomerRows"/>), from a stream of their own, so that a run's memory does not grow with its customers'
/// strings.
/// </summary>
internal sealed class World
{
    public Timeline T { get; }
    public int RunId { get; }
    public List<Seller> Sellers { get; } = [];
    public List<Product> Products { get; } = [];
    public List<MarketEvent> MarketEvents { get; } = [];

    // Customers, sorted by first order (index = id sequence).
    public long[] CustFirstSec = [];
    public long[] CustChurnSec = [];
    /// <summary>Repeat orders per unit of demand shape (persona rate / 730.5 hours); 0 for one-time buyers and card testers.</summary>
    public double[] CustRate = [];
    public bool[] CustTester = [];
    public short[] CustState = [];
    public BrazilCity[] CustCity = [];
    /// <summary>CEP prefix (pooled strings).</summary>
    public string[] CustZip = [];
    public long[] CustSignupSec = [];
    public byte[] CustPersona = [];

    // Sellers and products.
    public short[] SellerState = [];
    public int[] ProdCategory = [];
    public int[] ProdSeller = [];
    public long[] ProdLaunchSec = [];
    public long[] ProdPriceCents = [];
    public long[] ProdCostCents = [];
    public double[] ProdKg = [];
    public double[] ProdPopularity = [];
    public byte[] ProdLifecycle = [];
    public int[] ProdCompanion = [];
    public int[][] ProductsOfCategory = [];

    /// <summary>Distances in km between state capitals (by state index).</summary>
    public int[,] StateKm = new int[0, 0];
    public string[] StateUf = [];
    public WeightedTable CustomerStateTable = null!;
    /// <summary>Per state: cities and a population-weighted table to draw one.</summary>
    public BrazilCity[][] StateCities = [];
    public WeightedTable[] StateCityTables = [];
    /// <summary>Per state: the states at least 1,500 km away, weighted by demand (for unusual shipping destinations).</summary>
    public int[][] FarStates = [];
    public WeightedTable[] FarStateTables = [];

    private readonly long _seed;

    public World(SimulationParameters p, int runId, Timeline t)
    {
        T = t;
        RunId = runId;
        _seed = p.Seed;
        BuildGeography(p);
        var catalogRng = SimRandom.Create(p.Seed, ChunkSpec.WorldChunkNo, 2);
        BuildSellers(p, runId, ref catalogRng);
        BuildProducts(p, runId, ref catalogRng);
        var customerRng = SimRandom.Create(p.Seed, ChunkSpec.WorldChunkNo, 3);
        BuildCustomers(p, runId, ref customerRng);
        var eventRng = SimRandom.Create(p.Seed, ChunkSpec.WorldChunkNo, 4);
        BuildEvents(runId, ref eventRng);
    }

    /// <summary>The database id of customer <paramref name="c"/> (index in the arrays).</summary>
    public long CustomerId(int c) => IdSpace.Id(RunId, ChunkSpec.WorldChunkNo, c);

    public int CustomerCount => CustFirstSec.Length;

    /// <summary>
    /// The customer rows, made again from the arrays and each customer's identity stream (seed, 0, -1 - index):
    /// name, CPF, e-mail and phone. The same world gives the same rows.
    /// </summary>
    public IEnumerable<Customer> CustomerRows()
    {
        for (var c = 0; c < CustomerCount; c++) yield return CustomerRow(c);
    }

    private Customer CustomerRow(int c)
    {
        var rng = SimRandom.Create(_seed, ChunkSpec.WorldChunkNo, -1 - c);
        var names = NamePools.Shared;
        var female = rng.Chance(0.51);
        var firstNames = female ? names.FemaleFirst : names.MaleFirst;
        var firstAscii = female ? names.FemaleFirstAscii : names.MaleFirstAscii;
        var fi = rng.Next(firstNames.Length);
        var li = rng.Next(names.Last.Length);
        string name;
        if (rng.Chance(0.45))
        {
            var mi = rng.Next(names.Last.Length);
            name = $"{firstNames[fi]} {names.Last[mi]} {names.Last[li]}";
        }
        else name = $"{firstNames[fi]} {names.Last[li]}";
        var domain = EmailDomains[EmailDomainTable.Sample(ref rng)];
        var email = CustTester[c]
            ? $"{RandomLetters(ref rng, 8)}{rng.Next(10_000)}@{domain}"
            : rng.Chance(0.6)
                ? $"{firstAscii[fi]}.{names.LastAscii[li]}{rng.Next(1000)}@{domain}"
                : $"{firstAscii[fi]}{names.LastAscii[li]}@{domain}";
        var city = CustCity[c];
        return new Customer
        {
            Id = CustomerId(c),
            RunId = RunId,
            Cpf = Cpf.Generate(ref rng),
            Name = name,
            Email = email,
            Phone = Phone(city.Ddd, ref rng),
            City = city.Name,
            State = StateUf[CustState[c]],
            ZipPrefix = CustZip[c],
            Persona = Model.Personas.All[CustPersona[c]],
            SignupAt = At(CustSignupSec[c]),
        };
    }

    public static DateTimeOffset At(long sec) => new(DateTimeOffset.UnixEpoch.UtcTicks + sec * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private void BuildGeography(SimulationParameters p)
    {
        var states = BrazilGeography.States;
        StateUf = [.. states.Select(s => s.Uf)];
        StateKm = new int[states.Count, states.Count];
        for (var a = 0; a < states.Count; a++)
            for (var b = 0; b < states.Count; b++)
                StateKm[a, b] = BrazilGeography.DistanceKm(states[a].Uf, states[b].Uf);
        CustomerStateTable = new WeightedTable([.. states.Select(s => p.Geography.CustomerStateShares.GetValueOrDefault(s.Uf))]);
        StateCities = [.. states.Select(s => BrazilGeography.CitiesOf(s.Uf).ToArray())];
        StateCityTables = [.. StateCities.Select(cs => new WeightedTable([.. cs.Select(c => (double)c.Population)]))];
        FarStates = new int[states.Count][];
        FarStateTables = new WeightedTable[states.Count];
        for (var a = 0; a < states.Count; a++)
        {
            var far = Enumerable.Range(0, states.Count).Where(b => StateKm[a, b] >= 1500).ToArray();
            if (far.Length == 0) far = [.. Enumerable.Range(0, states.Count).Where(b => b != a)];
            FarStates[a] = far;
            FarStateTables[a] = new WeightedTable([.. far.Select(b => 0.2 + p.Geography.CustomerStateShares.GetValueOrDefault(states[b].Uf))]);
        }
    }

    public int StateIndex(string uf) => Array.IndexOf(StateUf, uf);

    /// <summary>A CEP prefix for a city: capitals within the capital's range, other cities in a block of the rest of their UF's range.</summary>
    public string ZipFor(int state, BrazilCity city, ref SimRandom rng)
    {
        var uf = StateUf[state];
        if (city.IsCapital)
        {
            var (from, to) = BrazilGeography.CapitalCeps[uf];
            return Zip(from + rng.Next(to - from + 1));
        }
        // Non-capital: the UF's ranges without the capital's, a block of prefixes per city picked from its IBGE code.
        var capital = BrazilGeography.CapitalCeps[uf];
        var ranges = BrazilGeography.CepRanges[uf];
        var free = new List<(int From, int To)>(4);
        foreach (var (from, to) in ranges)
        {
            if (capital.To < from || capital.From > to) { free.Add((from, to)); continue; }
            if (capital.From > from) free.Add((from, capital.From - 1));
            if (capital.To < to) free.Add((capital.To + 1, to));
        }
        var size = 0;
        foreach (var (from, to) in free) size += to - from + 1;
        if (size == 0) return Zip(capital.From + rng.Next(capital.To - capital.From + 1));
        var block = Math.Clamp((int)(city.Population / 25_000) + 1, 1, 60);
        var start = (int)((uint)(city.IbgeCode * 2654435761u) % (uint)size);
        var position = (start + rng.Next(block)) % size;
        foreach (var (from, to) in free)
        {
            var len = to - from + 1;
            if (position < len) return Zip(from + position);
            position -= len;
        }
        return Zip(free[0].From);
    }

    private static readonly string[] ZipStrings = BuildZipStrings();

    private static string[] BuildZipStrings()
    {
        var a = new string[100_000];
        for (var i = 0; i < a.Length; i++) a[i] = i.ToString("D5", CultureInfo.InvariantCulture);
        return a;
    }

    private static string Zip(int prefix) => ZipStrings[prefix];

    private static readonly string[] SellerSuffixes =
        ["Comércio", "Store", "Magazine", "Distribuidora", "Utilidades", "Presentes", "Importados", "Shop", "Variedades", "Casa & Cia", "Atacado", "Express"];
    private static readonly string[] CompanyForms = ["Ltda", "ME", "EIRELI", "S.A.", ""];

    private void BuildSellers(SimulationParameters p, int runId, ref SimRandom rng)
    {
        var count = Math.Max(1, (int)Math.Round(p.Customers / p.Catalog.CustomersPerSeller));
        var states = BrazilGeography.States;
        var table = new WeightedTable([.. states.Select(s => p.Geography.SellerStateShares.GetValueOrDefault(s.Uf))]);
        var names = NamePools.Shared;
        SellerState = new short[count];
        var liveSpan = Math.Max(1, T.NowSec - T.StartSec);
        for (var i = 0; i < count; i++)
        {
            var state = table.Sample(ref rng);
            var city = StateCities[state][StateCityTables[state].Sample(ref rng)];
            // A third of the sellers onboard before the launch (30 to 60 days before From); the rest join over the period.
            long joined = i < count / 3 || rng.Chance(0.1)
                ? T.StartSec - (long)rng.Uniform(30, 60) * Timeline.SecondsPerDay - rng.Next(86_400)
                : T.StartSec + (long)(rng.NextDouble() * liveSpan * 0.9);
            var form = CompanyForms[rng.Next(CompanyForms.Length)];
            var name = $"{names.Last[rng.Next(names.Last.Length)]} {SellerSuffixes[rng.Next(SellerSuffixes.Length)]}{(form.Length > 0 ? " " + form : "")}";
            SellerState[i] = (short)state;
            Sellers.Add(new Seller
            {
                Id = IdSpace.Id(runId, ChunkSpec.WorldChunkNo, i),
                RunId = runId,
                Name = name,
                City = city.Name,
                State = StateUf[state],
                ZipPrefix = ZipFor(state, city, ref rng),
                JoinedAt = At(joined),
            });
        }
    }

    private static readonly Dictionary<string, string> Complement = new()
    {
        ["bed_bath_table"] = "furniture_decor", ["furniture_decor"] = "housewares", ["housewares"] = "bed_bath_table",
        ["computers_accessories"] = "electronics", ["electronics"] = "telephony", ["telephony"] = "electronics",
        ["consoles_games"] = "computers_accessories", ["baby"] = "toys", ["toys"] = "cool_stuff", ["cool_stuff"] = "toys",
        ["health_beauty"] = "perfumery", ["perfumery"] = "health_beauty", ["fashion_bags_accessories"] = "watches_gifts",
        ["watches_gifts"] = "perfumery", ["sports_leisure"] = "fashion_bags_accessories", ["garden_tools"] = "housewares",
        ["auto"] = "electronics", ["stationery"] = "office_furniture", ["office_furniture"] = "computers_accessories",
        ["pet_shop"] = "housewares",
    };

    private void BuildProducts(SimulationParameters p, int runId, ref SimRandom rng)
    {
        var categories = p.Catalog.Categories;
        var count = Math.Max(categories.Count, (int)Math.Round(p.Customers / p.Catalog.CustomersPerProduct));
        var categoryTable = new WeightedTable([.. categories.Select(c => c.DemandShare)]);
        var sellerSize = new double[Sellers.Count];
        for (var i = 0; i < sellerSize.Length; i++) sellerSize[i] = Math.Exp(p.Catalog.SellerSizeSigma * rng.NextGaussian());
        var sellerTable = new WeightedTable(sellerSize);
        var lifecycleTable = new WeightedTable([.. p.Catalog.LifecycleShares]);

        ProdCategory = new int[count];
        ProdSeller = new int[count];
        ProdLaunchSec = new long[count];
        ProdPriceCents = new long[count];
        ProdCostCents = new long[count];
        ProdKg = new double[count];
        ProdPopularity = new double[count];
        ProdLifecycle = new byte[count];
        ProdCompanion = new int[count];
        var span = Math.Max(1, T.NowSec - T.StartSec);

        for (var i = 0; i < count; i++)
        {
            // Every category gets at least one product.
            var cat = i < categories.Count ? i : categoryTable.Sample(ref rng);
            var c = categories[cat];
            var seller = sellerTable.Sample(ref rng);
            var lifecycle = lifecycleTable.Sample(ref rng);
            var sellerJoined = Sellers[seller].JoinedAt.ToUnixTimeSeconds();
            long launch = lifecycle switch
            {
                0 => T.StartSec + (long)(span * rng.Uniform(0.7, 1.0)),          // launch: recent
                1 => T.StartSec + (long)(span * rng.Uniform(0.0, 0.8)),          // viral: any time, room to peak
                _ => T.StartSec - (long)rng.Uniform(1, 25) * Timeline.SecondsPerDay, // initial catalogue, listed before the launch
            };
            launch = Math.Max(launch, sellerJoined + (long)rng.Uniform(1, 10) * Timeline.SecondsPerDay);
            launch = Math.Min(launch, T.NowSec - 3600);
            launch -= launch % 60;

            var sigma = c.PriceSigma;
            var price = Math.Exp(Math.Log(c.MeanPrice) - sigma * sigma / 2 + sigma * rng.NextGaussian());
            long priceCents = price < 10
                ? Math.Max(390, (long)Math.Round(price * 100))
                : (long)Math.Floor(price) * 100 + (rng.Chance(0.6) ? 90 : 99);
            var margin = Math.Clamp(c.Margin + p.Catalog.MarginSpread * rng.NextGaussian(), 0.03, 0.9);
            var kg = Math.Max(0.05, c.MeanWeightGrams / 1000.0 * Math.Exp(-0.245 + 0.7 * rng.NextGaussian()));

            ProdCategory[i] = cat;
            ProdSeller[i] = seller;
            ProdLaunchSec[i] = launch;
            ProdPriceCents[i] = priceCents;
            ProdCostCents[i] = (long)Math.Round(priceCents * (1 - margin));
            ProdKg[i] = kg;
            ProdPopularity[i] = Math.Exp(p.Catalog.PopularitySigma * rng.NextGaussian());
            ProdLifecycle[i] = (byte)lifecycle;

            var (l, w, h) = Dimensions(kg, ref rng);
            var nouns = ProductNames.NounsOf(c.Name);
            var name = $"{nouns[rng.Next(nouns.Length)]} {ProductNames.Brands[rng.Next(ProductNames.Brands.Length)]} {ProductNames.Attributes[rng.Next(ProductNames.Attributes.Length)]}";
            Products.Add(new Product
            {
                Id = IdSpace.Id(runId, ChunkSpec.WorldChunkNo, i),
                RunId = runId,
                Name = name,
                Category = c.Name,
                Price = Money.FromCents(priceCents),
                Cost = Money.FromCents(ProdCostCents[i]),
                WeightGrams = (int)Math.Round(kg * 1000),
                LengthCm = l,
                WidthCm = w,
                HeightCm = h,
                Lifecycle = Lifecycles.All[lifecycle],
                LaunchedAt = At(launch),
            });
        }

        var byCategory = new List<int>[categories.Count];
        for (var i = 0; i < byCategory.Length; i++) byCategory[i] = [];
        for (var i = 0; i < count; i++) byCategory[ProdCategory[i]].Add(i);
        ProductsOfCategory = [.. byCategory.Select(l => l.ToArray())];

        var index = new Dictionary<string, int>();
        for (var i = 0; i < categories.Count; i++) index[categories[i].Name] = i;
        for (var i = 0; i < count; i++)
        {
            var cat = ProdCategory[i];
            var other = Complement.TryGetValue(categories[cat].Name, out var name) && index.TryGetValue(name, out var o) ? o : cat;
            var pool = ProductsOfCategory[other];
            ProdCompanion[i] = pool[rng.Next(pool.Length)];
        }
    }

    private static (int L, int W, int H) Dimensions(double kg, ref SimRandom rng)
    {
        var volume = kg * 1000 * rng.Uniform(2.5, 7); // cm³: packaging of 150 to 400 kg/m³
        var side = Math.Cbrt(volume);
        var l = Math.Clamp((int)Math.Round(side * rng.Uniform(1.2, 1.8)), 16, 105);
        var w = Math.Clamp((int)Math.Round(side * rng.Uniform(0.8, 1.2)), 11, 105);
        var h = Math.Clamp((int)Math.Round(volume / (l * (double)w)), 2, 105);
        return (l, w, h);
    }

    private static readonly string[] EmailDomains = ["gmail.com", "hotmail.com", "yahoo.com.br", "outlook.com", "uol.com.br", "bol.com.br", "icloud.com", "terra.com.br"];
    private static readonly WeightedTable EmailDomainTable = new([52, 18, 8, 9, 5, 4, 3, 1]);

    private void BuildCustomers(SimulationParameters p, int runId, ref SimRandom rng)
    {
        var total = p.Customers;
        var first = new long[total];
        var signup = new long[total];
        var churn = new long[total];
        var rate = new double[total];
        var tester = new bool[total];
        var persona = new byte[total];
        var personas = p.CustomerBehaviour.Personas;
        var personaTable = new WeightedTable([.. personas.Select(x => x.Share)]);
        var personaIndex = personas.Select(x => Array.IndexOf(Model.Personas.All.ToArray(), x.Name)).ToArray();
        var sameSession = p.CustomerBehaviour.SameSessionShare;
        var meanWait = p.CustomerBehaviour.FirstOrderMeanWaitHours * 3600;

        var n = 0;
        for (var m = 1; m < T.Chunks.Count; m++)
        {
            var (h0, h1) = T.ChunkHours[m];
            var fromSec = T.StartSec + h0 * Timeline.SecondsPerHour;
            var toSec = Math.Min(T.StartSec + h1 * Timeline.SecondsPerHour, T.NowSec);
            for (var i = 0; i < T.NewCustomers[m]; i++, n++)
            {
                var f = T.SampleInstant(ref rng, fromSec, toSec);
                var pi = personaTable.Sample(ref rng);
                var pp = personas[pi];
                double lead = rng.Chance(sameSession) ? rng.Uniform(60, 1800) : rng.Exponential(meanWait) + 60;
                var s = f - (long)lead;
                if (s < T.StartSec) s = T.StartSec + (long)((f - T.StartSec) * rng.NextDouble());
                first[n] = f;
                signup[n] = s;
                persona[n] = (byte)personaIndex[pi];
                if (pp.OrdersPerMonth > 0 && pp.MeanLifetimeMonths > 0)
                {
                    rate[n] = pp.OrdersPerMonth / Timeline.HoursPerMonth;
                    churn[n] = f + (long)(rng.Exponential(pp.MeanLifetimeMonths) * Timeline.HoursPerMonth * Timeline.SecondsPerHour);
                }
                else churn[n] = f;
            }
            for (var i = 0; i < T.CardTesters[m]; i++, n++)
            {
                // A card tester signs up and starts its burst within minutes; the burst (under an hour) must fit the month.
                var latest = Math.Max(fromSec + 1, toSec - 2 * Timeline.SecondsPerHour);
                var f = T.SampleInstant(ref rng, fromSec, latest);
                first[n] = f;
                signup[n] = Math.Max(T.StartSec, f - rng.Between(120, 1200));
                churn[n] = f;
                tester[n] = true;
                persona[n] = (byte)Array.IndexOf(Model.Personas.All.ToArray(), Model.Personas.OneTime);
            }
        }
        if (n != total) throw new InvalidOperationException($"planned {n} customers instead of {total}");

        // Ids follow the first order; ties keep the drawing order.
        var order = new int[total];
        for (var i = 0; i < total; i++) order[i] = i;
        var keys = (long[])first.Clone();
        Array.Sort(keys, order);
        // Array.Sort is not stable: put equal keys back into drawing order.
        for (var i = 0; i < total;)
        {
            var j = i + 1;
            while (j < total && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i);
            i = j;
        }

        // States by quota within each persona (then shuffled): every persona, from VIPs to one-time buyers, has the
        // demand shares of the states, so that the orders' shares hold even in a small run.
        var stateQueues = new int[Model.Personas.All.Count][];
        var stateNext = new int[Model.Personas.All.Count];
        for (var pi = 0; pi < stateQueues.Length; pi++)
        {
            var k = 0;
            for (var i = 0; i < total; i++) if (persona[i] == pi) k++;
            stateQueues[pi] = Quota(CustomerStateTable, k, ref rng);
        }

        CustFirstSec = new long[total];
        CustChurnSec = new long[total];
        CustRate = new double[total];
        CustTester = new bool[total];
        CustState = new short[total];
        CustCity = new BrazilCity[total];
        CustZip = new string[total];
        CustSignupSec = new long[total];
        CustPersona = new byte[total];
        for (var id = 0; id < total; id++)
        {
            var src = order[id];
            CustFirstSec[id] = first[src];
            CustChurnSec[id] = churn[src];
            CustRate[id] = rate[src];
            CustTester[id] = tester[src];
            CustSignupSec[id] = signup[src];
            CustPersona[id] = persona[src];

            var state = stateQueues[persona[src]][stateNext[persona[src]]++];
            var city = StateCities[state][StateCityTables[state].Sample(ref rng)];
            CustState[id] = (short)state;
            CustCity[id] = city;
            CustZip[id] = ZipFor(state, city, ref rng);
        }
    }

    /// <summary>n indices in proportion to the table's weights (largest remainder, the rest drawn), shuffled.</summary>
    private static int[] Quota(WeightedTable table, int n, ref SimRandom rng)
    {
        var result = new int[n];
        var filled = 0;
        for (var i = 0; i < table.Count && filled < n; i++)
        {
            var weight = table.CumulativeAt(i) - (i == 0 ? 0 : table.CumulativeAt(i - 1));
            var count = (int)Math.Floor(n * weight / table.Total);
            for (var j = 0; j < count && filled < n; j++) result[filled++] = i;
        }
        while (filled < n) result[filled++] = table.Sample(ref rng);
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    private static string RandomLetters(ref SimRandom rng, int n)
    {
        Span<char> s = stackalloc char[n];
        for (var i = 0; i < n; i++) s[i] = (char)('a' + rng.Next(26));
        return new string(s);
    }

    /// <summary>A mobile number "(DD) 9XXXX-XXXX" with the city's area code.</summary>
    private static string Phone(int ddd, ref SimRandom rng)
    {
        var number = 900_000_000 + rng.Next(100_000_000);
        return string.Create(15, (ddd, number), static (span, x) =>
        {
            span[0] = '(';
            span[1] = (char)('0' + x.ddd / 10);
            span[2] = (char)('0' + x.ddd % 10);
            span[3] = ')';
            span[4] = ' ';
            var n = x.number;
            for (var i = 14; i >= 5; i--)
            {
                if (i == 10) { span[i] = '-'; continue; }
                span[i] = (char)('0' + n % 10);
                n /= 10;
            }
        });
    }

    private void BuildEvents(int runId, ref SimRandom rng)
    {
        var seq = 0;
        foreach (var e in T.Events)
        {
            long? productId = null;
            string? category = e.Category;
            if (e.Kind == MarketEventKinds.ViralProduct)
            {
                // Any product already on sale when the buzz starts: viral hits come from anywhere in the catalogue.
                var startSec = T.StartSec + e.FromHour * Timeline.SecondsPerHour;
                var best = -1;
                for (var tries = 0; tries < 100 && best < 0; tries++)
                {
                    var i = rng.Next(ProdCategory.Length);
                    if (ProdLaunchSec[i] <= startSec) best = i;
                }
                if (best < 0) best = 0;
                e.ProductIndex = best;
                productId = Products[best].Id;
                category = Products[best].Category;
            }
            MarketEvents.Add(new MarketEvent
            {
                Id = IdSpace.Id(runId, ChunkSpec.WorldChunkNo, seq++),
                RunId = runId,
                Kind = e.Kind,
                StartsAt = At(T.StartSec + e.FromHour * Timeline.SecondsPerHour),
                EndsAt = At(Math.Min(T.NowSec, T.StartSec + e.ToHour * Timeline.SecondsPerHour)),
                Intensity = e.Intensity,
                State = e.State,
                Category = category,
                ProductId = productId,
                Description = Describe(e, productId is null ? null : Products[e.ProductIndex].Name),
            });
        }
    }

    private static string Describe(PlannedEvent e, string? productName) => e.Kind switch
    {
        MarketEventKinds.LogisticsCrisis => e.State is null
            ? string.Create(CultureInfo.InvariantCulture, $"Logistics crisis nationwide (carrier strike): transit {e.Intensity:0.00}x slower")
            : string.Create(CultureInfo.InvariantCulture, $"Logistics crisis in {e.State} (floods, road blocks): deliveries there {e.Intensity:0.00}x slower"),
        MarketEventKinds.SiteOutage => string.Create(CultureInfo.InvariantCulture, $"Site outage: orders down to {e.Intensity:P0} of normal"),
        MarketEventKinds.ViralProduct => string.Create(CultureInfo.InvariantCulture, $"Viral product \"{productName}\": {e.Intensity:P1} of orders"),
        MarketEventKinds.MarketingCampaign => e.Category is null
            ? string.Create(CultureInfo.InvariantCulture, $"Marketing campaign: demand {e.Intensity:0.00}x")
            : string.Create(CultureInfo.InvariantCulture, $"Marketing campaign for {e.Category}: demand {e.Intensity:0.00}x, the category sells more"),
        MarketEventKinds.CompetitorPromotion => e.Category is null
            ? string.Create(CultureInfo.InvariantCulture, $"Competitor promotion: demand {e.Intensity:0.00}x")
            : string.Create(CultureInfo.InvariantCulture, $"Competitor promotion on {e.Category}: demand {e.Intensity:0.00}x, the category sells less"),
        MarketEventKinds.PaymentOutage => string.Create(CultureInfo.InvariantCulture, $"Card payment outage: card payments at {e.Intensity:P0} of normal"),
        _ => e.Kind,
    };
}

/// <summary>BRL amounts as cents, turned into decimals with two places without arithmetic on decimals.</summary>
internal static class Money
{
    public static decimal FromCents(long cents) =>
        cents >= 0 && cents <= int.MaxValue ? new decimal((int)cents, 0, 0, false, 2) : cents / 100m;
}
