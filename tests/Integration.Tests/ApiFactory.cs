using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ecom.Aspire.Integration.Tests;

/// <summary>The Api in memory, configured with the fixture's servers and a known admin key.</summary>
public sealed class ApiFactory(string databaseConnectionString, string redisConnectionString)
    : WebApplicationFactory<Ecom.Aspire.Api.DatabaseUnavailableHandler>
{
    public const string AdminKey = "test-admin-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ecomdb", databaseConnectionString);
        builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        builder.UseSetting("Ecom:AdminApiKey", AdminKey);
    }
}
