using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecom.Aspire.Integration.Tests;

/// <summary>
/// The Worker host in memory (Hangfire server, migrations, recurring jobs) on the fixture's servers. It does not seed
/// an empty database unless a test asks for it.
/// </summary>
public sealed class WorkerFactory(string databaseConnectionString, string redisConnectionString, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Ecom.Aspire.Worker.Commands.CommandLineException>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ecomdb", databaseConnectionString);
        builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        builder.UseSetting("Ecom:AdminApiKey", ApiFactory.AdminKey);
        builder.UseSetting("Ecom:Simulation:SeedOnEmptyDatabase", "false");
        // Live mode would write orders into every test database with a history run: tests that want it turn it on.
        builder.UseSetting("Ecom:Live:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}
