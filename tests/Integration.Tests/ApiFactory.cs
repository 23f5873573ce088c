using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecom.Aspire.Integration.Tests;

/// <summary>The Api in memory, configured with the fixture's servers and a known admin key.</summary>
public sealed class ApiFactory(string databaseConnectionString, string redisConnectionString, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Ecom.Aspire.Api.DatabaseUnavailableHandler>
{
    public const string AdminKey = "test-admin-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ecomdb", databaseConnectionString);
        builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        builder.UseSetting("Ecom:AdminApiKey", AdminKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
    }
}

/// <summary>Requests with the admin key.</summary>
public static class AdminRequests
{
    public static HttpClient WithAdminKey(this HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiFactory.AdminKey);
        return client;
    }
}
