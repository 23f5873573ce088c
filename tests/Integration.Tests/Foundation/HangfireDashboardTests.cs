using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Ecom.Aspire.Core.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ecom.Aspire.Integration.Tests.Foundation;

[Collection(ServersCollection.Name)]
public sealed class HangfireDashboardTests(ServersFixture servers)
{
    [Fact]
    public async Task The_dashboard_refuses_anonymous_and_wrong_key_requests_and_opens_for_the_admin()
    {
        var db = await servers.NewEmptyDatabaseAsync("hangfire");
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString);
        var client = worker.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var anonymous = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        wrong.Headers.Authorization = Basic("admin", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        var admin = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        admin.Headers.Authorization = Basic("admin", ApiFactory.AdminKey);
        var opened = await client.SendAsync(admin);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Ecom.Aspire jobs", await opened.Content.ReadAsStringAsync());

        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Starting_the_worker_applies_migrations_and_creates_the_hangfire_schema()
    {
        var db = await servers.NewEmptyDatabaseAsync("worker_start");
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString);
        _ = worker.CreateClient();

        await using var connection = new Npgsql.NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name IN ('shop','sim','hangfire')", connection);
        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_worker_schedules_its_recurring_jobs_and_runs_them_with_their_dependencies()
    {
        var db = await servers.NewEmptyDatabaseAsync("worker_jobs");
        await using var worker = new WorkerFactory(db, servers.Redis.ConnectionString);
        _ = worker.CreateClient();
        var storage = worker.Services.GetRequiredService<JobStorage>();

        using (var connection = storage.GetConnection())
        {
            Assert.Contains(connection.GetRecurringJobs(), j => j.Id == ReconcileLiveKpisJob.Id);
        }
        Assert.Equal("Succeeded", await HangfireJobs.TriggerAndWaitAsync(worker.Services, ReconcileLiveKpisJob.Id));
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
