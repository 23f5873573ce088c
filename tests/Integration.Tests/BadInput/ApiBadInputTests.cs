using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Ecom.Aspire.Integration.Tests.Simulation;
using Ecom.Aspire.Integration.Tests.Warehouse;
using Npgsql;
using Xunit.Abstractions;

namespace Ecom.Aspire.Integration.Tests.BadInput;

/// <summary>
/// Bad input: at least 1,000 generated malformed requests to every endpoint of the Api's OpenAPI document (so a new
/// endpoint is covered without touching this test). None may get a 5xx; each invalid one gets a 4xx ProblemDetails that
/// names what is wrong; and nothing stored changes.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class ApiBadInputTests(ServersFixture servers, ITestOutputHelper output)
{
    private const int RequestsPerEndpoint = 1_000;

    [Fact]
    public async Task Malformed_requests_to_every_endpoint_get_a_problem_naming_the_fault_never_a_5xx_and_change_nothing()
    {
        var db = await servers.NewMigratedDatabaseAsync("bad_input");
        await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(seed: 11, customers: 400), workers: 2);
        await using (var dataSource = NpgsqlDataSource.Create(db))
        {
            await WarehouseShop.Etl(dataSource).RunAsync(CancellationToken.None);
        }
        var before = await StoredAsync(db);

        await using var api = new ApiFactory(db, servers.Redis.ConnectionString, new Dictionary<string, string>
        {
            // The rate limit is tested on its own; here every request must reach validation.
            ["Ecom:RateLimit:MutationsPerMinute"] = "1000000",
        });
        var client = api.CreateClient().WithAdminKey();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var endpoints = ApiEndpoint.FromOpenApi(document);
        Assert.True(endpoints.Count >= 10, $"{endpoints.Count} endpoints in the OpenAPI document");

        var failures = new List<(string Group, string Line)>();
        var total = 0;
        for (var e = 0; e < endpoints.Count; e++)
        {
            var endpoint = endpoints[e];
            var refused = 0;
            var requests = MalformedRequests.For(endpoint, RequestsPerEndpoint, seed: 1_000 + e).ToList();
            await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, ct) =>
            {
                using var message = MalformedRequests.ToHttp(request);
                using var response = await client.SendAsync(message, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var problem = Judge(request, response, body);
                if ((int)response.StatusCode is >= 400 and < 500) Interlocked.Increment(ref refused);
                if (problem is not null)
                {
                    lock (failures) failures.Add(($"{endpoint} {request.Named}", $"{request.Method} {Shorten(request.Url)} [{Shorten(request.Body ?? "")}] -> {(int)response.StatusCode}: {problem}: {Shorten(body)}"));
                }
            });
            total += requests.Count;
            output.WriteLine($"{endpoint}: {requests.Count} malformed requests, {refused} refused with a 4xx ProblemDetails");
        }
        output.WriteLine($"{total} requests to {endpoints.Count} endpoints");
        // Three examples of each kind of failure (endpoint and parameter).
        Assert.True(failures.Count == 0, $"{failures.Count} wrong answers:\n" +
            string.Join('\n', failures.GroupBy(f => f.Group).SelectMany(g => g.Take(3).Select(f => f.Line))));
        Assert.Equal(before, await StoredAsync(db));
    }

    /// <summary>Null when the answer is right for the request, else what is wrong with it.</summary>
    private static string? Judge(MalformedRequest request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return "a server error";
        if (status < 400) return request.MustRefuse ? "accepted an invalid value" : null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return "not a ProblemDetails";
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return "a ProblemDetails that is not JSON";
        }
        if (body.Contains("   at ", StringComparison.Ordinal)) return "a stack trace";
        if (status is 404 or 405 or 413 or 415) return null; // the problem is the resource, the method or the size: its title says so
        if (request.Named == "body") return json.TryGetProperty("title", out _) ? null : "no title";
        if (json.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(p => p.Name.Equals(request.Named, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        var text = (json.TryGetProperty("title", out var t) ? t.GetString() : "") + " " + (json.TryGetProperty("detail", out var d) ? d.GetString() : "");
        return text.Contains(request.Named, StringComparison.OrdinalIgnoreCase) ? null : $"the problem does not name '{request.Named}'";
    }

    /// <summary>Row counts and checksums of everything stored: the shop, the simulator's bookkeeping, the warehouse and queued jobs.</summary>
    private static async Task<string> StoredAsync(string db)
    {
        var shop = await SimulatedDatabase.ChecksumsAsync(db);
        var warehouse = await WarehouseShop.FingerprintAsync(db);
        await using var connection = new NpgsqlConnection(db);
        var bookkeeping = await connection.ExecuteScalarAsync<string>("""
            SELECT (SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY id), '')) FROM sim.runs r) || '/' ||
                   (SELECT md5(coalesce(string_agg(c::text, '|' ORDER BY run_id, chunk_no), '')) FROM sim.run_chunks c) || '/' ||
                   (SELECT count(*) FROM sim.live_batches)
            """);
        // Hangfire's schema is created by the first client that needs it; what matters is that no job was queued.
        var jobs = await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('hangfire.job') IS NOT NULL")
            ? await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM hangfire.job")
            : 0;
        return string.Join('\n', shop.Concat(warehouse).Select(kv => $"{kv.Key}={kv.Value}")) + "\n" + bookkeeping + $"\nhangfire jobs={jobs}";
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
