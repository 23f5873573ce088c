using System.CommandLine;
using Ecom.Aspire.Core.Storage;

namespace Ecom.Aspire.Worker.Commands;

/// <summary><c>migrate</c>: apply pending migrations to the database of ConnectionStrings:ecomdb.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and exit.");
        command.SetAction((_, ct) => CommandHost.RunAsync(async () =>
        {
            using var host = CommandHost.Build(needsDatabase: true);
            await using var scope = host.Services.CreateAsyncScope();
            var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("migrate");
            var applied = await DatabaseMigrator.MigrateAsync(scope.Db(), logger, ct);
            Console.WriteLine(applied.Count == 0
                ? "migrate: schema is up to date"
                : $"migrate: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return 0;
        }));
        return command;
    }
}
