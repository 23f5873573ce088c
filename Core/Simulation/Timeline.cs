using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// The hour-by-hour demand shape of the whole period (calendar × weekday × hour of day × market events, zero after
/// "now"), its running sum, the market events, and the month plan: how many new customers each month needs so that
/// orders follow the growth curve. Built once per simulator from the world's event stream; read-only afterwards.
/// </summary>
internal sealed class Timeline
{
    public const double HoursPerMonth = 730.5;
    public const long SecondsPerHour = 3600;
    public const long SecondsPerDay = 86_400;

    public SimulationParameters P { get; }
    /// <summary>Unix seconds of local midnight starting From.</summary>
    public long StartSec { get; }
    /// <summary>Unix seconds of local midnight after To.</summary>
    public long EndOfToSec { get; }
    /// <summary>Unix seconds of "now" (at most <see cref="EndOfToSec"/>).</summary>
    public long NowSec { get; }
    public int Hours { get; }
    /// <summary>Demand shape per hour (ordinary hour of an ordinary day = about 1).</summary>
    public double[] Shape { get; }
    /// <summary>Running sum of <see cref="Shape"/>: Cumulative[h] = sum of hours before h (length Hours + 1).</summary>
    public double[] Cumulative { get; }
    /// <summary>Local day index (days since From) of each hour.</summary>
    public int[] DayOfHour { get; }
    /// <summary>Unix seconds of the local midnight starting day i (days since From), for the period and 400 days after it.</summary>
    public long[] DayStartSec { get; }
    public GiftSeason[] SeasonOfDay { get; }
    public int Days { get; }
    /// <summary>The hour holding "now" and the share of it before now.</summary>
    public int NowHour { get; }
    public double NowHourFraction { get; }

    public IReadOnlyList<ChunkSpec> Chunks { get; }
    /// <summary>Per chunk (index = chunk number; 0 unused): first and past-the-end hour.</summary>
    public (int From, int To)[] ChunkHours { get; }
    public List<PlannedEvent> Events { get; }
    /// <summary>Per chunk: regular new customers (first orders) and card-testing accounts.</summary>
    public int[] NewCustomers { get; }
    public int[] CardTesters { get; }
    /// <summary>Per chunk: expected orders.</summary>
    public double[] ExpectedOrders { get; }
    public long EstimatedOrders { get; }

    public Timeline(SimulationParameters p)
    {
        P = p;
        var now = p.Now ?? throw new ArgumentException("resolve the parameters first (SimulationParameters.Resolve)", nameof(p));
        StartSec = SaoPauloTime.StartOfDay(p.From).ToUnixTimeSeconds();
        EndOfToSec = SaoPauloTime.StartOfDay(p.To.AddDays(1)).ToUnixTimeSeconds();
        NowSec = Math.Min(now.ToUnixTimeSeconds(), EndOfToSec);
        Hours = (int)((EndOfToSec - StartSec) / SecondsPerHour);
        Days = p.To.DayNumber - p.From.DayNumber + 1;

        DayStartSec = new long[Days + 401];
        for (var d = 0; d < DayStartSec.Length; d++) DayStartSec[d] = SaoPauloTime.StartOfDay(p.From.AddDays(d)).ToUnixTimeSeconds();

        var dayFactor = new double[Days];
        SeasonOfDay = new GiftSeason[Days];
        for (var d = 0; d < Days; d++) dayFactor[d] = RetailCalendar.DayFactor(p.From.AddDays(d), p.Calendar, out SeasonOfDay[d]);

        var weekday = Normalized(p.Calendar.WeekdayWeights, 7);
        var hourly = Normalized(p.Calendar.HourWeights, 24);

        Shape = new double[Hours];
        DayOfHour = new int[Hours];
        var day = 0;
        NowHour = Hours;
        NowHourFraction = 0;
        for (var h = 0; h < Hours; h++)
        {
            var sec = StartSec + h * SecondsPerHour;
            while (day + 1 < Days && DayStartSec[day + 1] <= sec) day++;
            DayOfHour[h] = day;
            var local = SaoPauloTime.LocalOf(DateTimeOffset.FromUnixTimeSeconds(sec));
            var dow = ((int)local.DayOfWeek + 6) % 7; // Monday = 0
            var s = dayFactor[day] * weekday[dow] * hourly[local.Hour];
            if (sec >= NowSec) s = 0;
            else if (sec + SecondsPerHour > NowSec)
            {
                NowHour = h;
                NowHourFraction = (NowSec - sec) / (double)SecondsPerHour;
                s *= NowHourFraction;
            }
            Shape[h] = s;
        }

        var rng = SimRandom.Create(p.Seed, ChunkSpec.WorldChunkNo, 1);
        Events = DrawEvents(ref rng);
        foreach (var e in Events)
        {
            if (e.Kind is not (MarketEventKinds.SiteOutage or MarketEventKinds.MarketingCampaign or MarketEventKinds.CompetitorPromotion)) continue;
            for (var h = e.FromHour; h < e.ToHour; h++) Shape[h] *= e.Intensity;
        }

        Cumulative = new double[Hours + 1];
        for (var h = 0; h < Hours; h++) Cumulative[h + 1] = Cumulative[h] + Shape[h];

        // Chunks: the world, then calendar months.
        var chunks = new List<ChunkSpec> { new(ChunkSpec.WorldChunkNo, p.From, p.To.AddDays(1)) };
        var hours = new List<(int, int)> { (0, Hours) };
        var from = p.From;
        while (from <= p.To)
        {
            var next = new DateOnly(from.Year, from.Month, 1).AddMonths(1);
            var to = next <= p.To ? next : p.To.AddDays(1);
            chunks.Add(new ChunkSpec(chunks.Count, from, to));
            hours.Add((HourOf(from), HourOf(to)));
            from = to;
        }
        Chunks = chunks;
        ChunkHours = [.. hours];

        (NewCustomers, CardTesters, ExpectedOrders) = PlanMonths();
        EstimatedOrders = (long)Math.Round(ExpectedOrders.Sum());
    }

    private int HourOf(DateOnly day) =>
        (int)((SaoPauloTime.StartOfDay(day).ToUnixTimeSeconds() - StartSec) / SecondsPerHour);

    private static double[] Normalized(IReadOnlyList<double> weights, int n)
    {
        var result = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) sum += weights[i];
        for (var i = 0; i < n; i++) result[i] = weights[i] * n / sum;
        return result;
    }

    /// <summary>The running demand at an instant (seconds) inside the grid.</summary>
    public double CumulativeAt(long sec)
    {
        var offset = sec - StartSec;
        if (offset <= 0) return 0;
        var h = (int)(offset / SecondsPerHour);
        if (h >= Hours) return Cumulative[Hours];
        var frac = (offset - h * SecondsPerHour) / (double)SecondsPerHour;
        if (h == NowHour) frac = Math.Min(1, frac / NowHourFraction);
        return Cumulative[h] + Shape[h] * frac;
    }

    /// <summary>The instant (seconds) at which the running demand reaches <paramref name="u"/>, searching hours [fromHour, toHour).</summary>
    public long InstantAt(double u, int fromHour, int toHour)
    {
        var c = Cumulative;
        int lo = fromHour, hi = toHour - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (c[mid] <= u) lo = mid; else hi = mid - 1;
        }
        var s = Shape[lo];
        var frac = s > 0 ? (u - c[lo]) / s : 0;
        if (frac < 0) frac = 0;
        if (frac > 0.9999999) frac = 0.9999999;
        if (lo == NowHour) frac *= NowHourFraction;
        return StartSec + lo * SecondsPerHour + (long)(frac * SecondsPerHour);
    }

    /// <summary>A random instant in [fromSec, toSec) following the demand shape; toSec when there is no demand there.</summary>
    public long SampleInstant(ref SimRandom rng, long fromSec, long toSec)
    {
        if (toSec > NowSec) toSec = NowSec;
        if (toSec <= fromSec) return toSec;
        var a = CumulativeAt(fromSec);
        var b = CumulativeAt(toSec);
        if (b <= a) return fromSec + (long)(rng.NextDouble() * (toSec - fromSec));
        var fromHour = (int)((fromSec - StartSec) / SecondsPerHour);
        var toHour = Math.Min(Hours, (int)((toSec - StartSec + SecondsPerHour - 1) / SecondsPerHour));
        var t = InstantAt(a + rng.NextDouble() * (b - a), fromHour, toHour);
        return Math.Clamp(t, fromSec, toSec - 1);
    }

    public int HourOfSec(long sec) => (int)Math.Clamp((sec - StartSec) / SecondsPerHour, 0, Hours - 1);

    private List<PlannedEvent> DrawEvents(ref SimRandom rng)
    {
        var events = new List<PlannedEvent>();
        var liveHours = (int)Math.Ceiling((NowSec - StartSec) / (double)SecondsPerHour);
        if (liveHours <= 0) return events;
        var years = liveHours / (HoursPerMonth * 12);
        var states = BrazilGeography.States;
        var customerShares = new double[states.Count];
        for (var i = 0; i < states.Count; i++) customerShares[i] = P.Geography.CustomerStateShares.GetValueOrDefault(states[i].Uf);
        var stateTable = new WeightedTable(customerShares);
        var categories = P.Catalog.Categories;
        foreach (var k in P.Events.Kinds)
        {
            if (k.PerYear <= 0) continue;
            var n = rng.Poisson(k.PerYear * years);
            if (P.Events.AtLeastOneOfEachKind && n == 0) n = 1;
            for (var i = 0; i < n; i++)
            {
                var duration = Math.Max(1, (int)Math.Round(rng.Uniform(k.MinHours, k.MaxHours)));
                var startHour = rng.Next(Math.Max(1, liveHours - Math.Min(duration, liveHours / 2)));
                if (k.Kind == MarketEventKinds.SiteOutage || k.Kind == MarketEventKinds.PaymentOutage)
                {
                    // Outages hit when people shop: move the start into the daytime of its day.
                    var localHour = HourOfDayLocal(startHour);
                    if (localHour < 9) startHour = Math.Min(liveHours - 1, startHour + (9 - localHour) + rng.Next(10));
                }
                var endHour = Math.Min(startHour + duration, liveHours);
                var intensity = Math.Round(rng.Uniform(k.MinIntensity, k.MaxIntensity), 3);
                string? state = null, category = null;
                switch (k.Kind)
                {
                    case MarketEventKinds.LogisticsCrisis:
                        if (rng.Chance(0.5)) state = states[stateTable.Sample(ref rng)].Uf;
                        break;
                    case MarketEventKinds.MarketingCampaign:
                    case MarketEventKinds.CompetitorPromotion:
                        if (rng.Chance(0.5)) category = categories[rng.Next(categories.Count)].Name;
                        break;
                }
                events.Add(new PlannedEvent(k.Kind, startHour, endHour, intensity, state, category));
            }
        }
        events.Sort((a, b) => a.FromHour != b.FromHour ? a.FromHour.CompareTo(b.FromHour) : string.CompareOrdinal(a.Kind, b.Kind));
        return events;
    }

    private int HourOfDayLocal(int hour) => SaoPauloTime.LocalOf(DateTimeOffset.FromUnixTimeSeconds(StartSec + hour * SecondsPerHour)).Hour;

    /// <summary>
    /// The target orders of month m follow growth × the month's demand shape. Customers who signed up earlier place
    /// repeat orders (expected from the personas' rates and lifetimes); new customers fill the rest, at least a
    /// minimum share. Customers are then spread over months in proportion.
    /// </summary>
    private (int[] NewCustomers, int[] Testers, double[] Expected) PlanMonths()
    {
        var n = Chunks.Count;
        var w = new double[n];
        var mid = new double[n];
        var target = new double[n];
        var g = P.Growth;
        for (var m = 1; m < n; m++)
        {
            var (h0, h1) = ChunkHours[m];
            w[m] = Cumulative[h1] - Cumulative[h0];
            mid[m] = (h0 + h1) / 2.0;
            var months = mid[m] / HoursPerMonth;
            var ramp = g.RampMonths <= 0 ? 1 : g.RampStartLevel + (1 - g.RampStartLevel) * Math.Min(1, months / g.RampMonths);
            target[m] = Math.Pow(1 + g.AnnualGrowth, months / 12) * ramp * w[m];
        }

        var personas = P.CustomerBehaviour.Personas;
        var shareSum = personas.Sum(x => x.Share);
        double RepeatPerSignup(int k, int m)
        {
            var r = 0.0;
            foreach (var persona in personas)
            {
                if (persona.OrdersPerMonth <= 0 || persona.MeanLifetimeMonths <= 0) continue;
                var share = persona.Share / shareSum;
                var perHour = persona.OrdersPerMonth / HoursPerMonth;
                if (k == m) r += share * perHour * w[m] * 0.5;
                else r += share * perHour * w[m] * Math.Exp(-(mid[m] - mid[k]) / HoursPerMonth / persona.MeanLifetimeMonths);
            }
            return r;
        }

        var signups = new double[n];
        var orders = new double[n];
        var floor = P.CustomerBehaviour.MinNewCustomerShare;
        for (var m = 1; m < n; m++)
        {
            if (w[m] <= 0) continue;
            var repeat = 0.0;
            for (var k = 1; k < m; k++) if (signups[k] > 0) repeat += signups[k] * RepeatPerSignup(k, m);
            var own = RepeatPerSignup(m, m);
            signups[m] = Math.Max((target[m] - repeat) / (1 + own), floor * target[m]);
            orders[m] = signups[m] * (1 + own) + repeat;
        }
        var signupSum = signups.Sum();
        var newCustomers = new int[n];
        var testers = new int[n];
        var expected = new double[n];
        if (signupSum <= 0) return (newCustomers, testers, expected);

        var scale = P.Customers / signupSum;
        var burstRate = P.Fraud.CardTestingBurstRate;
        var totalTesters = 0;
        for (var m = 1; m < n; m++)
        {
            if (w[m] <= 0 || burstRate <= 0) continue;
            testers[m] = Math.Max(1, (int)Math.Round(orders[m] * scale * burstRate));
            totalTesters += testers[m];
        }
        if (totalTesters > P.Customers / 10)
        {
            // Small runs: card-testing accounts may take at most a tenth of the customers.
            var allowed = P.Customers / 10;
            for (var m = 1; m < n; m++)
            {
                var keep = Math.Min(testers[m], allowed);
                allowed -= keep;
                testers[m] = keep;
            }
            totalTesters = testers.Sum();
        }

        var regular = P.Customers - totalTesters;
        scale = regular / signupSum;
        // Largest remainder, so that the months add up to exactly the customers asked for.
        var assigned = 0;
        var remainders = new List<(double Remainder, int Month)>();
        for (var m = 1; m < n; m++)
        {
            var exact = signups[m] * scale;
            newCustomers[m] = (int)Math.Floor(exact);
            assigned += newCustomers[m];
            if (signups[m] > 0) remainders.Add((exact - newCustomers[m], m));
        }
        remainders.Sort((a, b) => a.Remainder != b.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Month.CompareTo(b.Month));
        for (var i = 0; assigned < regular && remainders.Count > 0; i = (i + 1) % remainders.Count, assigned++) newCustomers[remainders[i].Month]++;

        var f = P.Fraud;
        var extraShare = f.AccountTakeoverRate;
        for (var m = 1; m < n; m++) expected[m] = orders[m] * scale * (1 + extraShare) + testers[m] * 8;
        return (newCustomers, testers, expected);
    }
}

/// <summary>A market event on the hour grid, before it gets its product (viral) and its row.</summary>
internal sealed record PlannedEvent(string Kind, int FromHour, int ToHour, double Intensity, string? State, string? Category)
{
    public int ProductIndex { get; set; } = -1;
}
