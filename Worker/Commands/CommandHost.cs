using Microsoft.EntityFrameworkCore;
using Ecom.Aspire.Core.Storage;
using Microsoft.Extensions.Logging.Console;

namespace Ecom.Aspire.Worker.Commands;

/// <summary>
/// A small host for command-line work: the Worker's configuration (appsettings, user secrets, environment:
/// ConnectionStrings__ecomdb...) and the database registration, with quiet logging so the console shows the command's own output.
/// </summary>
internal static class CommandHost
{
    public static IHost Build(bool needsDatabase, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = typeof(CommandHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // Logs go to standard error, so standard output carries only the command's own result lines.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        // EF Core logs the expected probe of a not-yet-created migrations history table as a failed command.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(DbLoggerCategory.Database.Command.Name, LogLevel.None);
        if (needsDatabase)
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("ecomdb")))
            {
                throw new CommandLineException("no database configured: set ConnectionStrings__ecomdb (Npgsql format), or use --out DIR where the command offers it");
            }
            builder.AddEcomDatabase();
        }
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CommandLineException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        catch (Npgsql.NpgsqlException e)
        {
            Console.Error.WriteLine($"error: database: {e.Message}");
            return 1;
        }
    }

    public static EcomDbContext Db(this IServiceScope scope) => scope.ServiceProvider.GetRequiredService<EcomDbContext>();
}

/// <summary>A problem with what the user asked for: printed as one line, exit code 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
