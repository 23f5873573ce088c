using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Ecom.Aspire.Integration.Tests.BadInput;
using Ecom.Aspire.Integration.Tests.Simulation;

namespace Ecom.Aspire.Integration.Tests.Security;

/// <summary>
/// Every endpoint of the OpenAPI document that writes, starts or stops something (any method but GET) refuses a
/// request without the admin key or with a wrong one (401), and the database stays as it was.
/// </summary>
[Collection(ServersCollection.Name)]
public sealed class AdminKeyTests(ServersFixture servers)
{
    [Fact]
    public async Task Every_mutating_endpoint_requires_the_admin_key()
    {
        var db = await servers.NewMigratedDatabaseAsync("admin_key");
        await SimulatedDatabase.SimulateAsync(db, SimulatedDatabase.SmallYear(seed: 17, customers: 200), workers: 2);
        var before = await SimulatedDatabase.ChecksumsAsync(db);
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var anonymous = api.CreateClient();
        var endpoints = ApiEndpoint.FromOpenApi(JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!);
        var mutating = endpoints.Where(e => e.Method != "GET").ToList();
        Assert.True(mutating.Count >= 5, string.Join(", ", mutating));

        foreach (var endpoint in mutating)
        {
            var path = endpoint.PathParameters.Aggregate(endpoint.Path, (p, name) => p.Replace("{" + name + "}", "1"));
            foreach (var key in new[] { null, "wrong-key", "", ApiFactory.AdminKey.ToUpperInvariant() })
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path)
                {
                    Content = new StringContent("{}", Encoding.UTF8, "application/json"),
                };
                if (key is not null) request.Headers.Add("X-Api-Key", key);
                using var answer = await anonymous.SendAsync(request);
                Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{endpoint} with key '{key}': {(int)answer.StatusCode}");
            }
        }
        Assert.Equal(before, await SimulatedDatabase.ChecksumsAsync(db));
    }
}
