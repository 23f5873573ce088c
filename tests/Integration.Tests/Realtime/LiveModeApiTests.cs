using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ecom.Aspire.Core.Realtime;

namespace Ecom.Aspire.Integration.Tests.Realtime;

[Collection(ServersCollection.Name)]
public sealed class LiveModeApiTests(ServersFixture servers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Live_mode_is_paused_and_resumed_by_the_admin_only()
    {
        var db = await servers.NewMigratedDatabaseAsync("live_mode");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var anonymous = api.CreateClient();
        var admin = api.CreateClient().WithAdminKey();

        var initial = await anonymous.GetFromJsonAsync<LiveModeStatus>("/api/live", Json);
        Assert.False(initial!.Paused);
        Assert.Equal(LiveModeSettings.DefaultOrdersPerSecond, initial.Settings.OrdersPerSecond);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/live/pause", null)).StatusCode);
        var wrongKey = new HttpRequestMessage(HttpMethod.Post, "/api/live/pause");
        wrongKey.Headers.Add("X-Api-Key", "guess");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrongKey)).StatusCode);
        Assert.False((await anonymous.GetFromJsonAsync<LiveModeStatus>("/api/live", Json))!.Paused);

        var paused = await (await admin.PostAsync("/api/live/pause", null)).Content.ReadFromJsonAsync<LiveModeStatus>(Json);
        Assert.True(paused!.Paused);
        Assert.True((await anonymous.GetFromJsonAsync<LiveModeStatus>("/api/live", Json))!.Paused);

        var rate = await admin.PutAsJsonAsync("/api/live/rate", new { ordersPerSecond = 12.5 });
        Assert.Equal(12.5, (await rate.Content.ReadFromJsonAsync<LiveModeStatus>(Json))!.Settings.OrdersPerSecond);

        var resumed = await (await admin.PostAsync("/api/live/resume", null)).Content.ReadFromJsonAsync<LiveModeStatus>(Json);
        Assert.False(resumed!.Paused);
        Assert.Equal(12.5, resumed.Settings.OrdersPerSecond);
    }

    [Theory]
    [InlineData("""{"ordersPerSecond": -1}""", "ordersPerSecond")]
    [InlineData("""{"ordersPerSecond": 1e9}""", "ordersPerSecond")]
    [InlineData("""{"ordersPerSecond": "fast"}""", "RateRequest")]
    [InlineData("""{"ordersPerSecond": """, "RateRequest")]
    public async Task A_bad_rate_is_a_400_problem_and_changes_nothing(string body, string named)
    {
        var db = await servers.NewMigratedDatabaseAsync("live_rate_bad");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString);
        var admin = api.CreateClient().WithAdminKey();

        var response = await admin.PutAsync("/api/live/rate", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
        var status = await admin.GetFromJsonAsync<LiveModeStatus>("/api/live", Json);
        Assert.Equal(LiveModeSettings.DefaultOrdersPerSecond, status!.Settings.OrdersPerSecond);
    }

    [Fact]
    public async Task Mutating_calls_are_rate_limited_with_a_problem_details()
    {
        var db = await servers.NewMigratedDatabaseAsync("live_ratelimit");
        await using var api = new ApiFactory(db, servers.Redis.ConnectionString,
            new Dictionary<string, string> { ["Ecom:RateLimit:MutationsPerMinute"] = "3" });
        var admin = api.CreateClient().WithAdminKey();

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/live/resume", null)).StatusCode);
        var limited = await admin.PostAsync("/api/live/resume", null);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/live")).StatusCode);
    }
}
