using System.Globalization;
using System.Reflection;

namespace Ecom.Aspire.Core.Simulation;

/// <summary>A federative unit (state or the Federal District) from <c>brazil-ufs.csv</c> (IBGE, Censo Demográfico 2022).</summary>
public sealed record BrazilState(string Uf, int IbgeCode, string Name, string Region, string Capital, long Population,
    double Latitude, double Longitude);

/// <summary>A city from <c>brazil-cities.csv</c>: population (Fonte: IBGE, Censo Demográfico 2022) and phone area code (DDD).</summary>
public sealed record BrazilCity(string Uf, int IbgeCode, string Name, long Population, int Ddd, bool IsCapital);

/// <summary>
/// States, their cities, CEP (ZIP) ranges and distances: the state-consistent geography the simulation draws from.
/// Loaded once from the embedded resources <c>Ecom.Aspire.Core.Data.brazil-ufs.csv</c> and <c>brazil-cities.csv</c>.
/// </summary>
public static class BrazilGeography
{
    private static readonly Lazy<Data> Loaded = new(Load);

    /// <summary>The 27 UFs in IBGE order.</summary>
    public static IReadOnlyList<BrazilState> States => Loaded.Value.States;

    /// <summary>Cities of every UF, in the file's order (capital first within a UF).</summary>
    public static IReadOnlyList<BrazilCity> Cities => Loaded.Value.Cities;

    public static BrazilState State(string uf) => Loaded.Value.ByUf[uf];

    public static IReadOnlyList<BrazilCity> CitiesOf(string uf) => Loaded.Value.CitiesByUf[uf];

    /// <summary>True when <paramref name="city"/> is a city of <paramref name="uf"/> in the reference table.</summary>
    public static bool IsCityOf(string city, string uf) =>
        Loaded.Value.CitiesByUf.TryGetValue(uf, out var cities) && cities.Any(c => c.Name == city);

    /// <summary>
    /// CEP ranges (first five digits, inclusive) of each UF, as the Correios assign them. Several UFs have two ranges
    /// (AM, DF, GO). The first range of a UF holds its capital's CEPs at its start.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (int From, int To)[]> CepRanges = new Dictionary<string, (int, int)[]>
    {
        ["SP"] = [(1000, 19999)], ["RJ"] = [(20000, 28999)], ["ES"] = [(29000, 29999)], ["MG"] = [(30000, 39999)],
        ["BA"] = [(40000, 48999)], ["SE"] = [(49000, 49999)], ["PE"] = [(50000, 56999)], ["AL"] = [(57000, 57999)],
        ["PB"] = [(58000, 58999)], ["RN"] = [(59000, 59999)], ["CE"] = [(60000, 63999)], ["PI"] = [(64000, 64999)],
        ["MA"] = [(65000, 65999)], ["PA"] = [(66000, 68899)], ["AP"] = [(68900, 68999)],
        ["AM"] = [(69000, 69299), (69400, 69899)], ["RR"] = [(69300, 69399)], ["AC"] = [(69900, 69999)],
        ["DF"] = [(70000, 72799), (73000, 73699)], ["GO"] = [(72800, 72999), (73700, 76799)],
        ["RO"] = [(76800, 76999)], ["TO"] = [(77000, 77999)], ["MT"] = [(78000, 78899)], ["MS"] = [(79000, 79999)],
        ["PR"] = [(80000, 87999)], ["SC"] = [(88000, 89999)], ["RS"] = [(90000, 99999)],
    };

    /// <summary>CEP prefixes of each capital (approximate ranges of the capital's own CEPs).</summary>
    internal static readonly IReadOnlyDictionary<string, (int From, int To)> CapitalCeps = new Dictionary<string, (int, int)>
    {
        ["SP"] = (1000, 5999), ["RJ"] = (20000, 23799), ["ES"] = (29000, 29099), ["MG"] = (30000, 31999),
        ["BA"] = (40000, 42599), ["SE"] = (49000, 49099), ["PE"] = (50000, 52999), ["AL"] = (57000, 57099),
        ["PB"] = (58000, 58099), ["RN"] = (59000, 59159), ["CE"] = (60000, 61599), ["PI"] = (64000, 64099),
        ["MA"] = (65000, 65109), ["PA"] = (66000, 66999), ["AP"] = (68900, 68911), ["AM"] = (69000, 69099),
        ["RR"] = (69300, 69339), ["AC"] = (69900, 69923), ["DF"] = (70000, 72799), ["GO"] = (74000, 74899),
        ["RO"] = (76800, 76834), ["TO"] = (77000, 77270), ["MT"] = (78000, 78109), ["MS"] = (79000, 79124),
        ["PR"] = (80000, 82999), ["SC"] = (88000, 88099), ["RS"] = (90000, 91999),
    };

    /// <summary>Approximate coordinates of the state capitals (degrees), used for seller-to-customer distances.</summary>
    private static readonly IReadOnlyDictionary<string, (double Lat, double Lon)> CapitalCoordinates = new Dictionary<string, (double, double)>
    {
        ["RO"] = (-8.76, -63.90), ["AC"] = (-9.97, -67.81), ["AM"] = (-3.12, -60.02), ["RR"] = (2.82, -60.67),
        ["PA"] = (-1.46, -48.49), ["AP"] = (0.03, -51.07), ["TO"] = (-10.18, -48.33), ["MA"] = (-2.53, -44.30),
        ["PI"] = (-5.09, -42.80), ["CE"] = (-3.73, -38.52), ["RN"] = (-5.79, -35.21), ["PB"] = (-7.12, -34.86),
        ["PE"] = (-8.05, -34.88), ["AL"] = (-9.67, -35.74), ["SE"] = (-10.91, -37.07), ["BA"] = (-12.97, -38.50),
        ["MG"] = (-19.92, -43.94), ["ES"] = (-20.32, -40.34), ["RJ"] = (-22.91, -43.17), ["SP"] = (-23.55, -46.63),
        ["PR"] = (-25.43, -49.27), ["SC"] = (-27.60, -48.55), ["RS"] = (-30.03, -51.23), ["MS"] = (-20.47, -54.62),
        ["MT"] = (-15.60, -56.10), ["GO"] = (-16.69, -49.25), ["DF"] = (-15.79, -47.88),
    };

    /// <summary>The UF whose CEP ranges hold a five-digit prefix, or null.</summary>
    public static string? StateOfZipPrefix(string? zipPrefix)
    {
        if (zipPrefix is not { Length: 5 } || !int.TryParse(zipPrefix, NumberStyles.None, CultureInfo.InvariantCulture, out var zip)) return null;
        foreach (var (uf, ranges) in CepRanges)
            foreach (var (from, to) in ranges)
                if (zip >= from && zip <= to) return uf;
        return null;
    }

    /// <summary>
    /// Approximate road distance in km between the capitals of two UFs (great circle × 1.25, a usual road detour factor);
    /// within one UF a typical intra-state haul instead.
    /// </summary>
    public static int DistanceKm(string fromUf, string toUf)
    {
        if (fromUf == toUf) return fromUf == "DF" ? 25 : 150;
        var (lat1, lon1) = CapitalCoordinates[fromUf];
        var (lat2, lon2) = CapitalCoordinates[toUf];
        return (int)Math.Round(GreatCircleKm(lat1, lon1, lat2, lon2) * 1.25);
    }

    internal static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double r = 6371;
        double ToRad(double d) => d * Math.PI / 180;
        var dLat = ToRad(lat2 - lat1);
        var dLon = ToRad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(ToRad(lat1)) * Math.Cos(ToRad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * r * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private sealed record Data(
        IReadOnlyList<BrazilState> States,
        IReadOnlyList<BrazilCity> Cities,
        IReadOnlyDictionary<string, BrazilState> ByUf,
        IReadOnlyDictionary<string, IReadOnlyList<BrazilCity>> CitiesByUf);

    private static Data Load()
    {
        var states = new List<BrazilState>();
        foreach (var f in ReadCsv("brazil-ufs.csv"))
        {
            var (lat, lon) = CapitalCoordinates[f[0]];
            states.Add(new BrazilState(f[0], Int(f[1]), f[2], f[3], f[4], long.Parse(f[5], CultureInfo.InvariantCulture), lat, lon));
        }
        var cities = new List<BrazilCity>();
        foreach (var f in ReadCsv("brazil-cities.csv"))
            cities.Add(new BrazilCity(f[0], Int(f[1]), f[2], long.Parse(f[3], CultureInfo.InvariantCulture), Int(f[4]), f[5] == "1"));
        var byUf = states.ToDictionary(s => s.Uf);
        var citiesByUf = states.ToDictionary(s => s.Uf,
            s => (IReadOnlyList<BrazilCity>)cities.Where(c => c.Uf == s.Uf).OrderByDescending(c => c.IsCapital).ToList());
        foreach (var (uf, list) in citiesByUf)
            if (list.Count == 0) throw new InvalidDataException($"brazil-cities.csv has no city of {uf}");
        return new Data(states, cities, byUf, citiesByUf);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> ReadCsv(string file)
    {
        var name = $"Ecom.Aspire.Core.Data.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            rows.Add(line.Split(','));
        }
        return rows;
    }
}
