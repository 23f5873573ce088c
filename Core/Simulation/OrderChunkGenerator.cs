using System.Globalization;
using Ecom.Aspire.Core.Model;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>
/// The orders of one month chunk: who orders when (first orders from the world's plan, repeat orders as a Poisson
/// process per customer over the hour grid), injected fraud, then each order with its items, payments, delivery,
/// review and status as of "now". Single use; depends on the world and (seed, chunk) only.
/// </summary>
internal sealed class OrderChunkGenerator
{
    private const byte Normal = 0, Bulk = 1, PriceError = 2, CardTesting = 3, AccountTakeover = 4, UnusualGeography = 5, FreightError = 6;
    private const long Day = Timeline.SecondsPerDay;

    private readonly World _w;
    private readonly Timeline _t;
    private readonly SimulationParameters _p;
    private readonly int _runId;
    private readonly ChunkSpec _chunk;
    private readonly long _fromSec, _toSec, _nowSec;
    private readonly int _fromHour, _toHour, _firstDay;
    private SimRandom _rng;

    private readonly WeightedTable[] _dayCategories;
    private readonly WeightedTable[] _categoryProducts;
    private readonly int _fallbackProduct;
    private readonly PlannedEvent[] _viral, _paymentOutages, _crises;
    private readonly WeightedTable _itemCount;
    private readonly WeightedTable _installments;
    private readonly double[] _paymentWeights = new double[5];
    private readonly WeightedTable _onTimeScores, _lateScores, _notDeliveredScores;
    private readonly CarrierProfile[] _carriers;
    private readonly int[] _valuableCategories;
    private readonly double _approvalMedianDays;

    private readonly int[] _itemProduct = new int[64];
    private readonly long[] _itemPrice = new long[64];
    private readonly long[] _itemFreight = new long[64];

    private long _reviewSeq;

    /// <summary>Live mode: the window's days are read from the calendar, not from the history run's timeline.</summary>
    private readonly bool _live;
    private readonly GiftSeason[] _liveSeasons = [];

    public OrderChunkGenerator(World world, SimulationParameters p, int runId, ChunkSpec chunk)
        : this(world, p, runId, chunk, live: null)
    {
    }

    /// <param name="live">For live mode: the window [FromSec, ToSec) (after the history run's period) and its random stream.</param>
    private OrderChunkGenerator(World world, SimulationParameters p, int runId, ChunkSpec chunk, (long FromSec, long ToSec, SimRandom Rng)? live)
    {
        _w = world;
        _t = world.T;
        _p = p;
        _runId = runId;
        _chunk = chunk;
        if (live is { } window)
        {
            // Live windows lie after the history timeline: no hour grid, no planned market events; "now" is the window's end.
            _live = true;
            _fromSec = window.FromSec;
            _toSec = window.ToSec;
            _nowSec = window.ToSec;
            _rng = window.Rng;
            _liveSeasons = new GiftSeason[Math.Max(1, chunk.To.DayNumber - chunk.From.DayNumber)];
            for (var d = 0; d < _liveSeasons.Length; d++) RetailCalendar.DayFactor(chunk.From.AddDays(d), p.Calendar, out _liveSeasons[d]);
        }
        else
        {
            (_fromHour, _toHour) = _t.ChunkHours[chunk.No];
            _fromSec = _t.StartSec + _fromHour * Timeline.SecondsPerHour;
            _toSec = _t.StartSec + _toHour * Timeline.SecondsPerHour;
            _nowSec = _t.NowSec;
            _firstDay = chunk.From.DayNumber - p.From.DayNumber;
            _rng = SimRandom.Create(p.Seed, chunk.No, 0);
        }

        var categories = p.Catalog.Categories;
        var catIndex = new Dictionary<string, int>();
        for (var i = 0; i < categories.Count; i++) catIndex[categories[i].Name] = i;

        var chunkEvents = _live ? [] : _t.Events.Where(e => e.FromHour < _toHour && e.ToHour > _fromHour).ToArray();
        _viral = [.. chunkEvents.Where(e => e.Kind == MarketEventKinds.ViralProduct && e.ProductIndex >= 0)];
        _paymentOutages = [.. chunkEvents.Where(e => e.Kind == MarketEventKinds.PaymentOutage)];
        // Crises that started up to two months before the chunk still slow down its shipments.
        _crises = _live ? [] : [.. _t.Events.Where(e => e.Kind == MarketEventKinds.LogisticsCrisis && e.ToHour > _fromHour && e.FromHour < _toHour + 90 * 24)];

        // Category demand per day: base share × gift-date boost × campaigns on a category.
        var days = chunk.To.DayNumber - chunk.From.DayNumber;
        _dayCategories = new WeightedTable[Math.Max(1, days)];
        var weights = new double[categories.Count];
        for (var d = 0; d < _dayCategories.Length; d++)
        {
            var dayIndex = Math.Min(_firstDay + d, _t.Days - 1);
            var gifts = RetailCalendar.GiftCategories(_live ? _liveSeasons[Math.Min(d, _liveSeasons.Length - 1)] : _t.SeasonOfDay[dayIndex]);
            var dayFromHour = _live ? 0 : (int)((_t.DayStartSec[dayIndex] - _t.StartSec) / Timeline.SecondsPerHour);
            var dayToHour = _live ? 0 : (int)((_t.DayStartSec[dayIndex + 1] - _t.StartSec) / Timeline.SecondsPerHour);
            for (var c = 0; c < categories.Count; c++)
            {
                var w = categories[c].DemandShare;
                if (gifts.Contains(categories[c].Name)) w *= p.Calendar.GiftCategoryBoost;
                weights[c] = w;
            }
            foreach (var e in chunkEvents)
            {
                if (e.Category is null || e.FromHour >= dayToHour || e.ToHour <= dayFromHour || !catIndex.TryGetValue(e.Category, out var c)) continue;
                if (e.Kind == MarketEventKinds.MarketingCampaign) weights[c] *= 2;
                else if (e.Kind == MarketEventKinds.CompetitorPromotion) weights[c] *= 0.5;
            }
            _dayCategories[d] = new WeightedTable(weights);
        }

        // Product demand within a category at mid-chunk: popularity × lifecycle; products launched in the chunk are
        // in the table and re-drawn when an order comes before their launch.
        var midSec = (_fromSec + _toSec) / 2;
        _categoryProducts = new WeightedTable[categories.Count];
        var earliest = long.MaxValue;
        for (var c = 0; c < categories.Count; c++)
        {
            var pool = _w.ProductsOfCategory[c];
            var pw = new double[pool.Length];
            for (var i = 0; i < pool.Length; i++)
            {
                var prod = pool[i];
                var launch = _w.ProdLaunchSec[prod];
                if (launch < earliest) { earliest = launch; _fallbackProduct = prod; }
                if (launch >= _toSec) continue;
                var ageMonths = Math.Max(0, (midSec - launch) / (Timeline.HoursPerMonth * 3600.0));
                pw[i] = _w.ProdPopularity[prod] * LifecycleFactor(_w.ProdLifecycle[prod], ageMonths);
            }
            _categoryProducts[c] = new WeightedTable(pw);
        }
        _valuableCategories = [.. new[] { "electronics", "telephony", "computers_accessories", "consoles_games", "watches_gifts" }
            .Where(catIndex.ContainsKey).Select(n => catIndex[n])];
        if (_valuableCategories.Length == 0) _valuableCategories = [.. Enumerable.Range(0, categories.Count)];

        _itemCount = new WeightedTable([.. p.Basket.ItemCountWeights]);
        _installments = new WeightedTable([.. p.Payments.InstallmentWeights]);
        _onTimeScores = new WeightedTable([.. p.Reviews.OnTimeScoreWeights]);
        _lateScores = new WeightedTable([.. p.Reviews.LateScoreWeights]);
        _notDeliveredScores = new WeightedTable([.. p.Reviews.NotDeliveredScoreWeights]);
        _carriers = [.. p.Delivery.Carriers];

        // Payment mix of the month: Pix takes its share from boleto and debit after launch.
        var pay = p.Payments;
        var boleto = pay.Boleto;
        var debit = pay.DebitCard;
        var pix = 0.0;
        var midDay = DateOnly.FromDayNumber((chunk.From.DayNumber + chunk.To.DayNumber) / 2);
        if (midDay >= pay.PixLaunch)
        {
            var months = (midDay.DayNumber - pay.PixLaunch.DayNumber) / 30.44;
            pix = Math.Min(boleto + debit, pay.PixMatureShare * (pay.PixRampMonths <= 0 ? 1 : Math.Min(1, (months + 0.5) / pay.PixRampMonths)));
            if (boleto + debit > 0)
            {
                var keep = 1 - pix / (boleto + debit);
                boleto *= keep;
                debit *= keep;
            }
        }
        _paymentWeights[0] = pay.CreditCard;
        _paymentWeights[1] = boleto;
        _paymentWeights[2] = debit;
        _paymentWeights[3] = pay.VoucherOnly;
        _paymentWeights[4] = pix;
        _approvalMedianDays = (pay.CreditCard * 0.01 + boleto * 1.5 + debit * 0.01 + pix * 0.002) / Math.Max(1e-9, pay.CreditCard + boleto + debit + pix);
    }

    private static double LifecycleFactor(byte lifecycle, double ageMonths) => lifecycle switch
    {
        0 => Math.Min(1, 0.25 + 0.25 * ageMonths),                                        // launch: ramps up over 3 months
        1 => 0.6 + 8 * Math.Exp(-(ageMonths - 1.5) * (ageMonths - 1.5) / 2),               // viral: a peak 1.5 months after launch
        2 => 1,                                                                            // stable
        3 => Math.Max(0.15, Math.Exp(-ageMonths / 14)),                                    // declining
        _ => Math.Max(0.02, Math.Exp(-ageMonths / 5)),                                     // obsolete
    };

    private struct Planned : IComparable<Planned>
    {
        public long Sec;
        public int Customer;
        public byte Kind;
        public short Seq;
        public short Of;

        public readonly int CompareTo(Planned other)
        {
            var c = Sec.CompareTo(other.Sec);
            if (c != 0) return c;
            c = Customer.CompareTo(other.Customer);
            if (c != 0) return c;
            c = Kind.CompareTo(other.Kind);
            return c != 0 ? c : Seq.CompareTo(other.Seq);
        }
    }

    public ChunkData Generate()
    {
        var data = new ChunkData(_chunk);
        var plan = PlanOrders();
        if (plan.Count > IdSpace.ChunkSpan) throw new InvalidOperationException($"chunk {_chunk.No} has {plan.Count} orders, more than {IdSpace.ChunkSpan} ids");
        var array = plan.ToArray();
        Array.Sort(array);
        data.Orders.Capacity = array.Length;
        for (var i = 0; i < array.Length; i++)
        {
            var order = BuildOrder(in array[i], IdSpace.Id(_runId, _chunk.No, i), out var label);
            data.Orders.Add(order);
            if (label is not null) data.Labels.Add(label);
        }
        return data;
    }

    /// <summary>
    /// Live mode: the orders of [<paramref name="fromSec"/>, <paramref name="toSec"/>) for live run
    /// <paramref name="liveRunId"/>, numbered from <paramref name="firstOrderSeq"/> (<see cref="LiveIds"/>), with their
    /// state at the end of the window (<see cref="LiveOrderTimeline"/>). The random stream derives from (seed, live run,
    /// window start), so the same window gives the same rows.
    /// </summary>
    public static ChunkData GenerateLive(World world, SimulationParameters p, int liveRunId, long fromSec, long toSec,
        double ordersPerSecond, long firstOrderSeq, LiveCustomerPool customers)
    {
        var chunk = new ChunkSpec(LiveIds.ChunkOf(firstOrderSeq),
            SaoPauloTime.DateOf(World.At(fromSec)), SaoPauloTime.DateOf(World.At(toSec - 1)).AddDays(1));
        var mixed = p.Seed ^ (long)((ulong)(uint)liveRunId * 0x9E3779B97F4A7C15UL);
        var rng = SimRandom.Create(mixed, (int)(fromSec ^ (fromSec >> 32)), 0x4C495645);
        return new OrderChunkGenerator(world, p, liveRunId, chunk, (fromSec, toSec, rng)).GenerateLive(ordersPerSecond, firstOrderSeq, customers);
    }

    private ChunkData GenerateLive(double ordersPerSecond, long firstOrderSeq, LiveCustomerPool customers)
    {
        var data = new ChunkData(_chunk);
        if (customers.Count == 0) return data;

        // Expected orders per hour segment: rate × seconds × the calendar's demand factor of that hour.
        var segments = new List<(long From, long To, double Cumulative)>();
        var total = 0.0;
        for (var a = _fromSec; a < _toSec;)
        {
            var b = Math.Min(_toSec, (a / Timeline.SecondsPerHour + 1) * Timeline.SecondsPerHour);
            total += ordersPerSecond * (b - a) * RetailCalendar.LiveDemandFactor(World.At(a), _p.Calendar);
            segments.Add((a, b, total));
            a = b;
        }
        var n = _rng.Poisson(total);
        if (n == 0) return data;

        var f = _p.Fraud;
        var plan = new Planned[n];
        for (var k = 0; k < n; k++)
        {
            var u = _rng.NextDouble() * total;
            var s = 0;
            while (s < segments.Count - 1 && segments[s].Cumulative <= u) s++;
            var (from, to, _) = segments[s];
            var sec = from + (long)(_rng.NextDouble() * (to - from));
            var customer = customers.Sample(ref _rng);
            byte kind = Normal;
            var x = _rng.NextDouble();
            if ((x -= f.BulkOrderRate) < 0) kind = Bulk;
            else if ((x -= f.PriceErrorRate) < 0) kind = PriceError;
            else if ((x -= f.UnusualGeographyRate) < 0) kind = UnusualGeography;
            else if ((x -= f.FreightErrorRate) < 0) kind = FreightError;
            else if ((x -= f.AccountTakeoverRate) < 0)
            {
                // An established account (first order at least 60 days before) suddenly buys high value far away.
                var bound = LowerBound(_w.CustFirstSec, sec - 60 * Day);
                for (var attempt = 0; attempt < 10 && bound > 0; attempt++)
                {
                    var victim = _rng.Next(bound);
                    if (_w.CustTester[victim]) continue;
                    customer = victim;
                    kind = AccountTakeover;
                    break;
                }
            }
            plan[k] = new Planned { Sec = sec, Customer = customer, Kind = kind };
        }
        Array.Sort(plan);
        data.Orders.Capacity = n;
        for (var i = 0; i < n; i++)
        {
            var order = BuildOrder(in plan[i], LiveIds.OrderId(_runId, firstOrderSeq + i), out var label);
            // The history logic drew a fate as of the window's end; live orders follow their own timeline instead.
            var fate = LiveOrderTimeline.FateOf(order.Id, order.PurchasedAt, order.Delivery!.PromisedAt, _p);
            LiveOrderTimeline.Apply(order, LiveOrderTimeline.StateAt(fate, World.At(_toSec)));
            order.Reviews.Clear();
            data.Orders.Add(order);
            if (label is not null) data.Labels.Add(label);
        }
        return data;
    }

    private List<Planned> PlanOrders()
    {
        var w = _w;
        var plan = new List<Planned>(Math.Max(16, (int)Math.Min(5_000_000, _t.ExpectedOrders[_chunk.No] * 1.2)));
        var endSec = Math.Min(_toSec, _nowSec);
        if (endSec <= _fromSec) return plan;
        var firsts = w.CustFirstSec;
        var lo = LowerBound(firsts, _fromSec);
        var hi = LowerBound(firsts, endSec);

        // First orders, and the card-testing bursts of the month's fraudulent accounts.
        for (var c = lo; c < hi; c++)
        {
            if (!w.CustTester[c])
            {
                plan.Add(new Planned { Sec = firsts[c], Customer = c });
                continue;
            }
            var burst = _rng.Between(4, 12);
            var sec = firsts[c];
            for (var k = 0; k < burst && sec < endSec; k++)
            {
                plan.Add(new Planned { Sec = sec, Customer = c, Kind = CardTesting, Seq = (short)k, Of = (short)burst });
                sec += _rng.Between(15, 240);
            }
        }

        // Repeat orders: Poisson over each active customer's window, placed by the demand shape.
        var cumFrom = _t.CumulativeAt(_fromSec);
        var cumTo = _t.CumulativeAt(endSec);
        for (var c = 0; c < hi; c++)
        {
            var rate = w.CustRate[c];
            if (rate <= 0) continue;
            var churn = w.CustChurnSec[c];
            if (churn <= _fromSec) continue;
            var first = firsts[c];
            var a = first > _fromSec ? _t.CumulativeAt(first + 1) : cumFrom;
            var b = churn < endSec ? _t.CumulativeAt(churn) : cumTo;
            if (b <= a) continue;
            var n = _rng.Poisson(rate * (b - a));
            for (var k = 0; k < n; k++)
            {
                var sec = _t.InstantAt(a + _rng.NextDouble() * (b - a), _fromHour, _toHour);
                if (sec <= first) sec = first + 1;
                if (sec >= endSec) sec = endSec - 1;
                plan.Add(new Planned { Sec = sec, Customer = c });
            }
        }

        // Fraud: flag some ordinary orders, add account takeovers.
        var normal = 0;
        foreach (var po in plan) if (po.Kind == Normal) normal++;
        if (normal == 0) return plan;
        var f = _p.Fraud;
        Flag(plan, Bulk, f.BulkOrderRate, normal);
        Flag(plan, PriceError, f.PriceErrorRate, normal);
        Flag(plan, UnusualGeography, f.UnusualGeographyRate, normal);
        Flag(plan, FreightError, f.FreightErrorRate, normal);
        if (f.AccountTakeoverRate > 0)
        {
            var count = Math.Max(1, _rng.Poisson(f.AccountTakeoverRate * normal));
            for (var i = 0; i < count; i++)
            {
                for (var attempt = 0; attempt < 30; attempt++)
                {
                    var sec = _t.SampleInstant(ref _rng, _fromSec, endSec);
                    // An established account: first order at least 60 days before (less early in the run).
                    var minAge = attempt < 20 ? 60 * Day : attempt < 25 ? 7 * Day : 3600;
                    var bound = LowerBound(firsts, sec - minAge);
                    if (bound == 0) continue;
                    var victim = _rng.Next(bound);
                    if (w.CustTester[victim]) continue;
                    plan.Add(new Planned { Sec = sec, Customer = victim, Kind = AccountTakeover });
                    break;
                }
            }
        }
        return plan;
    }

    private void Flag(List<Planned> plan, byte kind, double rate, int normal)
    {
        if (rate <= 0) return;
        var count = Math.Min(normal / 2, Math.Max(1, _rng.Poisson(rate * normal)));
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(plan);
        for (var i = 0; i < count; i++)
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                ref var po = ref span[_rng.Next(span.Length)];
                if (po.Kind != Normal) continue;
                po.Kind = kind;
                break;
            }
        }
    }

    private static int LowerBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int PickProduct(int localDay, long sec)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var cat = _dayCategories[localDay].Sample(ref _rng);
            var table = _categoryProducts[cat];
            if (table.Total <= 0) continue;
            var prod = _w.ProductsOfCategory[cat][table.Sample(ref _rng)];
            if (_w.ProdLaunchSec[prod] <= sec) return prod;
        }
        return _fallbackProduct;
    }

    private int PickFrom(int[] categories, long sec, bool expensive)
    {
        var best = -1;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var pool = _w.ProductsOfCategory[categories[_rng.Next(categories.Length)]];
            var prod = pool[_rng.Next(pool.Length)];
            if (_w.ProdLaunchSec[prod] > sec) continue;
            if (best < 0 || (expensive ? _w.ProdPriceCents[prod] > _w.ProdPriceCents[best] : _w.ProdPriceCents[prod] < _w.ProdPriceCents[best])) best = prod;
        }
        return best < 0 ? _fallbackProduct : best;
    }

    private Order BuildOrder(in Planned po, long orderId, out FraudLabel? label)
    {
        label = null;
        var w = _w;
        var p = _p;
        var t = po.Sec;
        var c = po.Customer;
        var kind = po.Kind;
        int hour, localDay;
        GiftSeason season;
        if (_live)
        {
            hour = -1; // no market events in live mode
            localDay = Math.Clamp(SaoPauloTime.DateOf(World.At(t)).DayNumber - _chunk.From.DayNumber, 0, _dayCategories.Length - 1);
            season = _liveSeasons[Math.Min(localDay, _liveSeasons.Length - 1)];
        }
        else
        {
            hour = _t.HourOfSec(t);
            var dayIndex = _t.DayOfHour[hour];
            localDay = Math.Clamp(dayIndex - _firstDay, 0, _dayCategories.Length - 1);
            season = _t.SeasonOfDay[dayIndex];
        }

        // Where it ships.
        int shipState = w.CustState[c];
        var shipCity = w.CustCity[c].Name;
        var shipZip = w.CustZip[c];
        if (kind is AccountTakeover or UnusualGeography)
        {
            var far = w.FarStates[shipState];
            shipState = far[w.FarStateTables[shipState].Sample(ref _rng)];
            var city = w.StateCities[shipState][w.StateCityTables[shipState].Sample(ref _rng)];
            shipCity = city.Name;
            shipZip = w.ZipFor(shipState, city, ref _rng);
        }

        // Items.
        int n;
        switch (kind)
        {
            case Bulk:
                n = _rng.Between(10, 40);
                _itemProduct[0] = PickProduct(localDay, t);
                for (var i = 1; i < n; i++) _itemProduct[i] = _itemProduct[0];
                break;
            case CardTesting:
                n = 1;
                _itemProduct[0] = PickFrom(_valuableCategories, t, expensive: false);
                break;
            case AccountTakeover:
                n = _rng.Between(1, 3);
                for (var i = 0; i < n; i++) _itemProduct[i] = PickFrom(_valuableCategories, t, expensive: true);
                break;
            default:
                n = _itemCount.Sample(ref _rng) + 1;
                _itemProduct[0] = PickProduct(localDay, t);
                foreach (var e in _viral)
                {
                    if (hour >= e.FromHour && hour < e.ToHour && w.ProdLaunchSec[e.ProductIndex] <= t && _rng.Chance(e.Intensity))
                    {
                        _itemProduct[0] = e.ProductIndex;
                        break;
                    }
                }
                for (var i = 1; i < n; i++)
                {
                    var first = _itemProduct[0];
                    if (_rng.Chance(p.Basket.SameProductShare)) _itemProduct[i] = first;
                    else if (_rng.Chance(p.Basket.CompanionShare) && w.ProdLaunchSec[w.ProdCompanion[first]] <= t) _itemProduct[i] = w.ProdCompanion[first];
                    else _itemProduct[i] = PickProduct(localDay, t);
                }
                break;
        }

        // Prices and freight.
        var discount = season == GiftSeason.BlackFriday ? 1 - p.Basket.BlackFridayDiscount : 1.0;
        var fr = p.Freight;
        long itemsTotal = 0, freightTotal = 0;
        var deliveryKm = 0;
        for (var i = 0; i < n; i++)
        {
            var prod = _itemProduct[i];
            var list = w.ProdPriceCents[prod];
            long price = kind == Bulk && i > 0
                ? _itemPrice[0]
                : Math.Max(1, (long)Math.Round(list * discount * Math.Exp(p.Basket.PriceNoise * _rng.NextGaussian())));
            var km = Distance(w.SellerState[w.ProdSeller[prod]], shipState);
            if (i == 0) deliveryKm = km;
            var freight = (fr.Base + fr.PerKg * w.ProdKg[prod] + fr.Per1000Km * km / 1000.0) * Math.Exp(fr.Noise * _rng.NextGaussian() - fr.Noise * fr.Noise / 2);
            if (i > 0) freight *= fr.AdditionalItemFactor;
            _itemPrice[i] = price;
            _itemFreight[i] = Math.Max(0, (long)Math.Round(freight * 100));
        }
        string? detail = null;
        switch (kind)
        {
            case PriceError:
            {
                var factor = _rng.Chance(0.5) ? _rng.Uniform(0.05, 0.2) : _rng.Uniform(5, 10);
                var list = w.ProdPriceCents[_itemProduct[0]];
                _itemPrice[0] = Math.Max(1, (long)Math.Round(list * factor));
                detail = Invariant($"item 1 priced R$ {_itemPrice[0] / 100.0:0.00} against a list price of R$ {list / 100.0:0.00} ({factor:0.00}x)");
                break;
            }
            case FreightError:
            {
                var freight = Math.Max((long)(_itemPrice[0] * _rng.Uniform(3, 8)), (long)(_rng.Uniform(150, 400) * 100));
                detail = Invariant($"freight of item 1 R$ {freight / 100.0:0.00} for a price of R$ {_itemPrice[0] / 100.0:0.00} (normal about R$ {_itemFreight[0] / 100.0:0.00})");
                _itemFreight[0] = freight;
                break;
            }
        }
        for (var i = 0; i < n; i++)
        {
            itemsTotal += _itemPrice[i];
            freightTotal += _itemFreight[i];
        }
        var total = itemsTotal + freightTotal;

        var order = new Order
        {
            Id = orderId,
            RunId = _runId,
            CustomerId = w.CustomerId(c),
            PurchasedAt = World.At(t),
            ShipCity = shipCity,
            ShipState = w.StateUf[shipState],
            ShipZipPrefix = shipZip,
            ItemCount = (short)n,
            ItemsTotal = Money.FromCents(itemsTotal),
            FreightTotal = Money.FromCents(freightTotal),
            Total = Money.FromCents(total),
        };
        order.Items.Capacity = n;
        for (var i = 0; i < n; i++)
        {
            var prod = _itemProduct[i];
            order.Items.Add(new OrderItem
            {
                OrderId = orderId,
                ItemNo = (short)(i + 1),
                ProductId = w.Products[prod].Id,
                SellerId = w.Sellers[w.ProdSeller[prod]].Id,
                Price = Money.FromCents(_itemPrice[i]),
                Freight = Money.FromCents(_itemFreight[i]),
                Cost = w.Products[prod].Cost,
            });
        }

        var primary = Payments(order, kind, t, hour, total);
        Fulfil(order, kind, t, primary, deliveryKm, shipState);

        if (kind != Normal)
        {
            detail ??= kind switch
            {
                Bulk => Invariant($"{n} units of product {w.Products[_itemProduct[0]].Id} in one order"),
                CardTesting => Invariant($"card-testing burst: order {po.Seq + 1} of {po.Of} small card orders within minutes from account {w.CustomerId(c)}, created {World.At(w.CustSignupSec[c]):yyyy-MM-dd HH:mm}Z"),
                AccountTakeover => Invariant($"account since {World.At(w.CustSignupSec[c]):yyyy-MM-dd} in {w.StateUf[w.CustState[c]]} ordered R$ {total / 100.0:0.00} shipped to {w.StateUf[shipState]}"),
                UnusualGeography => Invariant($"customer in {w.StateUf[w.CustState[c]]} shipped to {w.StateUf[shipState]} ({Distance(w.CustState[c], shipState)} km away)"),
                _ => null,
            };
            label = new FraudLabel { OrderId = orderId, RunId = _runId, Kind = FraudKinds.All[kind - 1], Detail = detail };
        }
        return order;
    }

    private int Distance(int fromState, int toState)
    {
        if (fromState != toState) return _w.StateKm[fromState, toState];
        // Within a state: anything from the same city to a few hundred km.
        return 10 + (int)_rng.Exponential(_w.StateKm[fromState, toState]);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Payment rows summing exactly to the total; returns the primary type index (0 card, 1 boleto, 2 debit, 3 voucher, 4 pix).</summary>
    private int Payments(Order order, byte kind, long t, int hour, long total)
    {
        var pay = _p.Payments;
        int type;
        if (kind == CardTesting) type = 0;
        else
        {
            var card = _paymentWeights[0];
            foreach (var e in _paymentOutages)
                if (hour >= e.FromHour && hour < e.ToHour) card *= e.Intensity;
            var sum = card + _paymentWeights[1] + _paymentWeights[2] + _paymentWeights[3] + _paymentWeights[4];
            var u = _rng.NextDouble() * sum;
            if (u < card) type = 0;
            else if ((u -= card) < _paymentWeights[1]) type = 1;
            else if ((u -= _paymentWeights[1]) < _paymentWeights[2]) type = 2;
            else if ((u -= _paymentWeights[2]) < _paymentWeights[3]) type = 3;
            else type = 4;
        }

        var voucher = 0L;
        if (type is 0 or 1 or 4 && kind != CardTesting && total >= 200 && _rng.Chance(pay.SecondVoucher))
            voucher = Math.Clamp((long)Math.Round(total * _rng.Uniform(0.05, 0.5)), 1, total - 1);
        var main = total - voucher;
        short installments = 1;
        if (type == 0 && kind != CardTesting)
        {
            var max = pay.MinInstallment <= 0 ? 12 : (int)Math.Clamp(main / 100.0 / pay.MinInstallment, 1, 12);
            installments = (short)(_installments.Find(_rng.NextDouble() * _installments.CumulativeAt(max - 1)) + 1);
        }
        order.Payments.Capacity = voucher > 0 ? 2 : 1;
        order.Payments.Add(new Payment { OrderId = order.Id, Seq = 1, Type = PaymentTypeNames[type], Installments = installments, Amount = Money.FromCents(main) });
        if (voucher > 0)
            order.Payments.Add(new Payment { OrderId = order.Id, Seq = 2, Type = PaymentTypes.Voucher, Installments = 1, Amount = Money.FromCents(voucher) });
        return type;
    }

    private static readonly string[] PaymentTypeNames = [PaymentTypes.CreditCard, PaymentTypes.Boleto, PaymentTypes.DebitCard, PaymentTypes.Voucher, PaymentTypes.Pix];

    private long ApprovalDelay(int type) => type switch
    {
        0 => _rng.Chance(0.03) ? (long)_rng.Uniform(6, 48) * 3600 : (long)_rng.LogNormalMedian(600, 1.0),   // card: minutes, some manual review
        1 => (long)(_rng.LogNormalMedian(1.5, 0.4) * Day),                                                  // boleto: paid and cleared in days
        4 => (long)_rng.LogNormalMedian(90, 0.8),                                                            // pix: a minute or two
        _ => (long)_rng.LogNormalMedian(300, 0.8),
    };

    private void Fulfil(Order order, byte kind, long t, int paymentType, int km, int shipState)
    {
        var p = _p;
        var d = p.Delivery;
        var now = _nowSec;

        // Carrier among those taking this distance.
        var share = 0.0;
        foreach (var cp in _carriers) if (cp.MaxKm >= km) share += cp.Share;
        var u = _rng.NextDouble() * share;
        var carrier = _carriers[^1];
        foreach (var cp in _carriers)
        {
            if (cp.MaxKm < km) continue;
            if ((u -= cp.Share) < 0) { carrier = cp; break; }
        }

        var transitMedian = (carrier.BaseDays + km / carrier.KmPerDay) * d.SlownessFactor;
        var expectedDays = _approvalMedianDays + d.HandlingMedianDays + transitMedian;
        var promiseDays = (int)Math.Ceiling(expectedDays * d.PromiseFactor);
        long promised;
        if (_live) promised = SaoPauloTime.StartOfDay(SaoPauloTime.DateOf(World.At(t)).AddDays(promiseDays + 1)).ToUnixTimeSeconds();
        else
        {
            var dayIndex = _t.DayOfHour[_t.HourOfSec(t)];
            promised = _t.DayStartSec[Math.Min(dayIndex + promiseDays + 1, _t.DayStartSec.Length - 1)];
        }

        var approved = t + ApprovalDelay(paymentType);
        var handling = (long)(_rng.LogNormalMedian(d.HandlingMedianDays, d.HandlingSigma) * Day);
        var invoiced = approved + (long)(handling * _rng.Uniform(0.1, 0.5));
        var shipped = approved + handling;
        var transit = transitMedian * Math.Exp(d.TransitSigma * _rng.NextGaussian());
        foreach (var e in _crises)
        {
            var shipHour = (shipped - _t.StartSec) / Timeline.SecondsPerHour;
            if (shipHour >= e.FromHour && shipHour < e.ToHour && (e.State is null || e.State == _w.StateUf[shipState])) transit *= e.Intensity;
        }
        var delivered = shipped + (long)(transit * Day);

        // Fate: canceled, unavailable, or delivered (and maybe returned).
        var fate = _rng.NextDouble();
        long cancel = 0;
        var status = OrderStatuses.Delivered;
        var s = p.Statuses;
        if (kind == CardTesting ? fate < 0.6 : fate < s.CanceledRate)
        {
            status = OrderStatuses.Canceled;
            if (kind == CardTesting || _rng.Chance(0.5))
            {
                cancel = t + (kind == CardTesting ? _rng.Between(30, 900) : (long)_rng.Uniform(600, 2 * Day));
                approved = long.MaxValue; // never approved
            }
            else cancel = approved + (long)_rng.Uniform(3600, 3 * Day);
        }
        else if (fate < s.CanceledRate + s.UnavailableRate && kind != CardTesting)
        {
            status = OrderStatuses.Unavailable;
            cancel = approved + (long)_rng.Uniform(Day, 6 * Day);
        }
        var returned = status == OrderStatuses.Delivered && _rng.Chance(s.ReturnedRate);
        var returnedAt = delivered + (long)_rng.Uniform(2 * Day, 20 * Day);

        DateTimeOffset? shippedAt = null, deliveredAt = null;
        if (cancel != 0)
        {
            if (cancel <= now)
            {
                order.CanceledAt = World.At(cancel);
                if (approved <= cancel) order.ApprovedAt = World.At(approved);
            }
            else
            {
                status = approved <= now && invoiced <= now ? OrderStatuses.Invoiced : OrderStatuses.Processing;
                if (approved <= now) order.ApprovedAt = World.At(approved);
            }
        }
        else
        {
            if (approved <= now) order.ApprovedAt = World.At(approved);
            if (now < invoiced) status = OrderStatuses.Processing;
            else if (now < shipped) status = OrderStatuses.Invoiced;
            else if (now < delivered)
            {
                status = OrderStatuses.Shipped;
                shippedAt = World.At(shipped);
            }
            else
            {
                status = returned && returnedAt <= now ? OrderStatuses.Returned : OrderStatuses.Delivered;
                shippedAt = World.At(shipped);
                deliveredAt = World.At(delivered);
            }
        }
        order.Status = status;
        order.Delivery = new Delivery
        {
            OrderId = order.Id,
            Carrier = carrier.Name,
            PromisedAt = World.At(promised),
            ShippedAt = shippedAt,
            DeliveredAt = deliveredAt,
            DistanceKm = km,
        };

        // Review.
        var r = p.Reviews;
        long created = 0;
        WeightedTable? scores = null;
        if (deliveredAt is not null)
        {
            if (_rng.Chance(r.DeliveredRate))
            {
                created = delivered + (long)_rng.Uniform(0.2 * Day, 3 * Day);
                scores = status == OrderStatuses.Returned ? _notDeliveredScores : delivered > promised ? _lateScores : _onTimeScores;
            }
        }
        else if (order.CanceledAt is not null)
        {
            if (_rng.Chance(r.NotDeliveredRate))
            {
                created = cancel + (long)_rng.Uniform(0.5 * Day, 5 * Day);
                scores = _notDeliveredScores;
            }
        }
        else if (status == OrderStatuses.Shipped && promised < now && _rng.Chance(r.NotDeliveredRate))
        {
            created = promised + (long)_rng.Uniform(0.2 * Day, 3 * Day);
            scores = _notDeliveredScores;
        }
        if (scores is not null && created <= now)
        {
            var score = (short)(scores.Sample(ref _rng) + 1);
            var answered = created + (long)(_rng.LogNormalMedian(1.2, 0.8) * Day);
            order.Reviews.Capacity = 1;
            order.Reviews.Add(new Review
                {
                    Id = IdSpace.Id(_runId, _chunk.No, _reviewSeq++),
                    OrderId = order.Id,
                    Score = score,
                    Title = _rng.Chance(r.TitleRate) ? ReviewTexts.Titles[score - 1][_rng.Next(ReviewTexts.Titles[score - 1].Length)] : null,
                    Comment = _rng.Chance(r.CommentRate) ? ReviewTexts.Comments[score - 1][_rng.Next(ReviewTexts.Comments[score - 1].Length)] : null,
                    CreatedAt = World.At(created),
                    AnsweredAt = answered <= now ? World.At(answered) : null,
                });
        }
    }
}

