namespace Ecom.Aspire.TestSupport;

/// <summary>
/// A Redis server for tests: the one of <c>ConnectionStrings__cache</c> when that is set, otherwise redis-server on
/// a free loopback port without persistence, stopped on dispose. It can be stopped and started again on the same
/// port, to test what happens while Redis is down.
/// </summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private ServerProcess? _server;
    private readonly int _port;

    private LocalRedis(string connectionString, int port)
    {
        ConnectionString = connectionString;
        _port = port;
    }

    /// <summary>StackExchange.Redis connection string.</summary>
    public string ConnectionString { get; }

    public bool Owned => _port != 0;

    public static async Task<LocalRedis> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ConnectionStrings__cache");
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return new LocalRedis(fromEnvironment, 0);

        return await StartOwnedAsync();
    }

    /// <summary>Always a server of its own (for tests that stop and start Redis).</summary>
    public static async Task<LocalRedis> StartOwnedAsync()
    {
        var port = FreePort.Next();
        var redis = new LocalRedis($"127.0.0.1:{port}", port);
        await redis.StartServerAsync();
        return redis;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> (same port, empty data).</summary>
    public async Task StartServerAsync()
    {
        if (!Owned || _server is not null) return;
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server not found (apt-get install redis-server), and ConnectionStrings__cache is not set.");
        _server = await ServerProcess.StartAsync(binary,
            ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"],
            _port, TimeSpan.FromSeconds(30));
    }

    /// <summary>Stops the server (only one this instance started).</summary>
    public async Task StopAsync()
    {
        if (_server is null) return;
        await _server.DisposeAsync();
        _server = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
