using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ecom.Aspire.Web.Services;

/// <summary>One state drawn as an SVG path (in the map's view box), with the point where its label goes.</summary>
public sealed record StateShape(string Uf, string Name, string Region, string Path, double LabelX, double LabelY);

/// <summary>
/// The outlines of Brazil's 27 states as SVG paths, projected once from <c>wwwroot/data/brazil-states.geojson</c>
/// (Natural Earth admin-1, public domain; made with Natural Earth). Projection: equirectangular with the longitudes
/// scaled by cos(latitude of the map's centre) (about 0.97 near 14°S), which keeps Brazil's shapes and areas close to
/// true at this scale; y grows southwards. Coordinates are rounded to 0.1 of a view-box unit (the view box is
/// <see cref="Width"/> wide) to keep the page small.
/// </summary>
public sealed class BrazilMap
{
    public const double Width = 600;
    public const string WebPath = "data/brazil-states.geojson";

    public IReadOnlyList<StateShape> States { get; }
    public double Height { get; }

    private BrazilMap(IReadOnlyList<StateShape> states, double height)
    {
        States = states;
        Height = height;
    }

    public StateShape? Find(string uf) => States.FirstOrDefault(s => s.Uf == uf);

    /// <summary>The map of the Web's own copy of the file (wwwroot/data).</summary>
    public static BrazilMap FromWebRoot(IWebHostEnvironment environment)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(WebPath);
        if (!file.Exists) throw new FileNotFoundException($"The map file wwwroot/{WebPath} is missing.", WebPath);
        using var stream = file.CreateReadStream();
        return Load(stream);
    }

    /// <summary>Reads a GeoJSON FeatureCollection of Polygons/MultiPolygons with properties uf, name and region.</summary>
    public static BrazilMap Load(Stream geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        var features = new List<(string Uf, string Name, string Region, List<List<(double Lon, double Lat)>> Rings)>();
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [coordinates],
                "MultiPolygon" => coordinates.EnumerateArray().ToList(),
                var other => throw new InvalidDataException($"Unsupported geometry {other}."),
            };
            var rings = polygons.SelectMany(p => p.EnumerateArray())
                .Select(ring => ring.EnumerateArray().Select(pt => (pt[0].GetDouble(), pt[1].GetDouble())).ToList())
                .ToList();
            features.Add((properties.GetProperty("uf").GetString()!, properties.GetProperty("name").GetString()!,
                properties.GetProperty("region").GetString()!, rings));
        }

        var all = features.SelectMany(f => f.Rings).SelectMany(r => r).ToList();
        double minLon = all.Min(p => p.Lon), maxLon = all.Max(p => p.Lon), minLat = all.Min(p => p.Lat), maxLat = all.Max(p => p.Lat);
        var kx = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var scale = Width / ((maxLon - minLon) * kx);
        var height = Math.Round((maxLat - minLat) * scale, 1);
        (double X, double Y) Project((double Lon, double Lat) p) => ((p.Lon - minLon) * kx * scale, (maxLat - p.Lat) * scale);

        var states = features.Select(f =>
        {
            var path = new StringBuilder();
            foreach (var ring in f.Rings)
            {
                var first = true;
                foreach (var point in ring.Select(Project))
                {
                    path.Append(first ? 'M' : 'L').Append(N(point.X)).Append(',').Append(N(point.Y));
                    first = false;
                }
                path.Append('Z');
            }
            // The label goes at the centre of the bounding box of the largest ring (the mainland of the state).
            var main = f.Rings.OrderByDescending(r => r.Count).First().Select(Project).ToList();
            return new StateShape(f.Uf, f.Name, f.Region, path.ToString(),
                Math.Round((main.Min(p => p.X) + main.Max(p => p.X)) / 2, 1), Math.Round((main.Min(p => p.Y) + main.Max(p => p.Y)) / 2, 1));
        }).OrderBy(s => s.Uf, StringComparer.Ordinal).ToList();
        return new BrazilMap(states, height);
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
