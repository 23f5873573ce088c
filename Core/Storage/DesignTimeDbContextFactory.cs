using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ecom.Aspire.Core.Storage;

/// <summary>Lets `dotnet ef migrations add` build the model without a host or a server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EcomDbContext>
{
    public EcomDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EcomDbContext>();
        EcomDbContextOptions.Configure(options, "Host=127.0.0.1;Database=ecomdb");
        return new EcomDbContext(options.Options);
    }
}
