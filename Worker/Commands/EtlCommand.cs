using System.CommandLine;
using Ecom.Aspire.Core.Storage;
using Ecom.Aspire.Core.Warehouse;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// <c>etl [--full]</c>: load the warehouse (schema dw) from the shop of ConnectionStrings:ecomdb — what changed since
/// the last load, or everything with --full — after applying pending migrations. Prints one result line.
/// </summary>
internal static class EtlCommand
{
    private static readonly Option<bool> Full = new("--full") { Description = "Rebuild the whole warehouse instead of loading what changed" };

    public static Command Create()
    {
        var command = new Command("etl", "Load the warehouse (schema dw) from the shop: what changed since the last load, or everything with --full.")
        {
            Full,
        };
        command.SetAction((parse, ct) => CommandHost.RunAsync(async () =>
        {
            using var host = CommandHost.Build(needsDatabase: true, services => services.AddSingleton<WarehouseEtl>());
            await using (var scope = host.Services.CreateAsyncScope())
            {
                await DatabaseMigrator.MigrateAsync(scope.Db(), NullLogger.Instance, ct);
            }
            var etl = host.Services.GetRequiredService<WarehouseEtl>();
            var result = parse.GetValue(Full) ? await etl.RebuildAsync(ct) : await etl.RunAsync(ct);
            Console.WriteLine(result.ToString());
            return 0;
        }));
        return command;
    }
}
