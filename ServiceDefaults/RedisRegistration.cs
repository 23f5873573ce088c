using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>Settings read from "Aspire:StackExchange:Redis", as the Aspire client package reads them.</summary>
public sealed class StackExchangeRedisSettings
{
    public string? ConnectionString { get; set; }
    public bool DisableHealthChecks { get; set; }
}

/// <summary>
/// Redis registration the way Aspire.StackExchange.Redis does it: the connection string from ConnectionStrings:{name},
/// one IConnectionMultiplexer for the process, AbortOnConnectFail off (the host starts, and recovers, while Redis is
/// down) and a health check.
/// </summary>
public static class RedisRegistration
{
    public const string SettingsSection = "Aspire:StackExchange:Redis";

    public static IHostApplicationBuilder AddRedisClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var settings = new StackExchangeRedisSettings();
        builder.Configuration.GetSection(SettingsSection).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { } fromConnectionStrings)
        {
            settings.ConnectionString = fromConnectionStrings;
        }
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionString is missing. It should be provided in 'ConnectionStrings:{connectionName}' or under the " +
                $"'ConnectionString' key in '{SettingsSection}' configuration section.");
        }

        var options = ConfigurationOptions.Parse(settings.ConnectionString);
        options.AbortOnConnectFail = false;
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
            ConnectionMultiplexer.Connect(options, new LoggerTextWriter(sp.GetRequiredService<ILoggerFactory>().CreateLogger("StackExchange.Redis"))));

        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), name: "StackExchange.Redis");
        }
        return builder;
    }

    /// <summary>Sends the multiplexer's connection log to ILogger at debug level.</summary>
    private sealed class LoggerTextWriter(ILogger logger) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void WriteLine(string? value)
        {
            if (value is not null) logger.LogDebug("{RedisLog}", value);
        }
    }
}
