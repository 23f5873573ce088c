using System.Text;
using System.Text.Json.Nodes;

namespace Ecom.Aspire.Integration.Tests.BadInput;

/// <summary>An endpoint of the Api as its OpenAPI document describes it.</summary>
public sealed record ApiEndpoint(string Method, string Path, IReadOnlyList<string> QueryParameters, IReadOnlyList<string> PathParameters, bool HasBody)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation of an OpenAPI 3 document.</summary>
    public static IReadOnlyList<ApiEndpoint> FromOpenApi(JsonNode document)
    {
        var endpoints = new List<ApiEndpoint>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description") continue;
                var parameters = (operation!["parameters"]?.AsArray() ?? []).Select(p => (Name: (string)p!["name"]!, In: (string)p!["in"]!)).ToList();
                endpoints.Add(new ApiEndpoint(method.ToUpperInvariant(), path,
                    [.. parameters.Where(p => p.In == "query").Select(p => p.Name)],
                    [.. parameters.Where(p => p.In == "path").Select(p => p.Name)],
                    operation["requestBody"] is not null));
            }
        }
        return endpoints;
    }
}

/// <summary>One generated request and what the Api must make of it.</summary>
/// <param name="Named">The parameter (or "body") that is malformed.</param>
/// <param name="MustRefuse">True when the value is invalid whatever the endpoint: the answer must be a 4xx ProblemDetails;
/// false for free text (a search box may take "' OR 1=1"): any answer but a 5xx.</param>
public sealed record MalformedRequest(HttpMethod Method, string Url, string? Body, string Named, bool MustRefuse);

/// <summary>
/// Malformed requests for an endpoint, drawn from families of bad values chosen by what a parameter holds (its name):
/// dates, numbers, codes and choices, free text, path ids, JSON bodies. Deterministic for a seed.
/// </summary>
public static class MalformedRequests
{
    private static readonly string[] Attacks =
    [
        "' OR '1'='1", "1; DROP TABLE shop.orders; --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
        "${jndi:ldap://x}", "../../etc/passwd", "%00", "\u0000", "NaN", "null", "undefined", "[]", "{}", "💥", "ção",
    ];

    private static readonly string[] BadDates =
    [
        "2024-13-01", "2024-02-30", "2024-00-10", "24-01-01", "01/02/2024", "2024/01/01", "yesterday", "2024-01-01T00:00:00Z",
        "99999-01-01", "-2024-01-01", "0000-00-00", "1900-01-01", "3000-01-01", "9999-12-31", "1e9", "-1", "20240101",
    ];

    private static readonly string[] BadNumbers =
    [
        "abc", "-1", "-999999999999", "99999999999999999999", "1.5", "1,5", "1e40", "0x10", "NaN", "Infinity", "--1", "+-3",
        "2147483648", "-2147483649", "1 0", "١٢", "0.5.5",
    ];

    private static readonly string[] BadCodes = ["XX", "S", "SPX", "sp1", "12", "ZZ", "S P", "ÇÃ", "EX"];

    private static readonly string[] BadBodies =
    [
        "{", "}", "[", "{\"customers\":", "{\"from\": \"2024-99-99\"}", "{\"customers\": \"abc\"}", "{\"customers\": -5}",
        "{\"customers\": 1e40}", "{\"years\": -1}", "{\"years\": 1000}", "{\"seed\": \"; DROP TABLE sim.runs\"}",
        "{\"from\": 20240101}", "{\"to\": \"<script>\"}", "{\"ordersPerSecond\": -1}", "{\"ordersPerSecond\": \"fast\"}",
        "{\"ordersPerSecond\": 1e308}", "[1,2,3]", "\"text\"", "true", "{\"from\": \"2024-05-01\", \"to\": \"2024-01-01\"}",
        "{\"customers\": 0}", "{\"customers\": {\"$gt\": 1}}", "{\"years\": 1.5}",
    ];

    private enum Kind { Date, Number, Code, Choice, Text }

    private static Kind KindOf(string parameter) => parameter.ToLowerInvariant() switch
    {
        "from" or "to" or "day" or "date" or "since" or "until" => Kind.Date,
        "limit" or "page" or "pagesize" or "take" or "skip" or "top" or "weeks" or "months" or "customers" or "seed" or "years"
            or "minsupport" or "minorders" or "minconfidence" or "buckets" => Kind.Number,
        "state" or "uf" => Kind.Code,
        "q" or "search" or "query" or "text" or "name" or "city" or "term" => Kind.Text,
        _ => Kind.Choice,
    };

    public static IEnumerable<MalformedRequest> For(ApiEndpoint endpoint, int count, int seed)
    {
        var random = new Random(seed);
        var method = new HttpMethod(endpoint.Method);
        for (var i = 0; i < count; i++)
        {
            var targets = new List<string>();
            if (endpoint.PathParameters.Count > 0) targets.AddRange(endpoint.PathParameters.Select(p => "path:" + p));
            targets.AddRange(endpoint.QueryParameters);
            if (endpoint.HasBody) targets.Add("body");
            if (targets.Count == 0)
            {
                // No parameter: unknown ones and a broken body must not disturb it.
                yield return new MalformedRequest(method, endpoint.Path + "?" + Query("unexpected", Pick(random, Attacks)), null, "unexpected", MustRefuse: false);
                continue;
            }
            var target = targets[random.Next(targets.Count)];
            var path = endpoint.Path;
            foreach (var p in endpoint.PathParameters)
            {
                var value = target == "path:" + p ? PathValue(random) : "1";
                path = path.Replace("{" + p + "}", Uri.EscapeDataString(value));
            }
            if (target.StartsWith("path:", StringComparison.Ordinal))
            {
                yield return new MalformedRequest(method, path, endpoint.HasBody ? "{}" : null, target[5..], MustRefuse: true);
                continue;
            }
            if (target == "body")
            {
                var body = random.Next(20) == 0 ? "{\"pad\": \"" + new string('x', 70_000) + "\"}" : Pick(random, BadBodies);
                yield return new MalformedRequest(method, path, body, "body", MustRefuse: true);
                continue;
            }
            var (bad, refuse) = Value(random, KindOf(target));
            var query = Query(target, bad);
            // Sometimes the same parameter twice, or a second malformed one.
            if (random.Next(8) == 0) query += "&" + Query(target, Value(random, KindOf(target)).Value);
            yield return new MalformedRequest(method, path + "?" + query, endpoint.HasBody ? "{}" : null, target, refuse);
        }
    }

    private static (string Value, bool MustRefuse) Value(Random random, Kind kind)
    {
        var roll = random.Next(10);
        if (kind == Kind.Text) return (roll < 2 ? new string('a', 5_000) : Pick(random, Attacks), false);
        if (roll == 0) return (new string('9', 3_000), true);
        if (roll == 1) return (Pick(random, Attacks), true);
        return kind switch
        {
            Kind.Date => (Pick(random, BadDates), true),
            Kind.Number => (Pick(random, BadNumbers), true),
            Kind.Code => (Pick(random, BadCodes), true),
            _ => ("unknown_" + Pick(random, ["value", "x", "ALL", "-", "0"]), true),
        };
    }

    private static string PathValue(Random random) => Pick(random, ["abc", "-1", "0", "99999999999999999999", "1.5", "1e3", "%27", "<x>", "9223372036854775807"]);

    private static string Query(string name, string value) => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    public static HttpRequestMessage ToHttp(MalformedRequest request) => new(request.Method, request.Url)
    {
        Content = request.Body is null ? null : new StringContent(request.Body, Encoding.UTF8, "application/json"),
    };
}
