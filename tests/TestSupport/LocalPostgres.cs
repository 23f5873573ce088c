using System.Diagnostics;
using Npgsql;

namespace Ecom.Aspire.TestSupport;

/// <summary>
/// A PostgreSQL server for tests and benchmarks: the one of <c>ConnectionStrings__ecomdb</c> when that is set,
/// otherwise a throwaway cluster (initdb into a temp dir, as the "postgres" user when running as root) on a free
/// loopback port, tuned for speed (fsync off) and removed on dispose.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private ServerProcess? _server;
    private readonly string? _dataDir;
    private readonly OwnedServer? _owned;

    /// <summary>How this instance starts its own server (again, after <see cref="StopAsync"/>).</summary>
    private sealed record OwnedServer(string Bin, string[] Arguments, int Port, string? RunAs);

    private LocalPostgres(string adminConnectionString, ServerProcess? server, string? dataDir, OwnedServer? owned = null)
    {
        AdminConnectionString = adminConnectionString;
        _server = server;
        _dataDir = dataDir;
        _owned = owned;
    }

    /// <summary>Connection string to the maintenance database ("postgres"), with rights to create databases.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this instance started (and will stop) the server.</summary>
    public bool Owned => _owned is not null;

    public static async Task<LocalPostgres> StartAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ConnectionStrings__ecomdb");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var admin = new NpgsqlConnectionStringBuilder(fromEnvironment) { Database = "postgres", Pooling = false };
            return new LocalPostgres(admin.ConnectionString, null, null);
        }
        return await StartOwnedAsync();
    }

    /// <summary>A throwaway server of its own, even when ConnectionStrings__ecomdb is set: for tests that stop and restart it.</summary>
    public static async Task<LocalPostgres> StartOwnedAsync()
    {
        var bin = FindBinDirectory();
        var dataDir = Directory.CreateTempSubdirectory("ecom-pg-").FullName;
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null) await RunAsync("chown", ["-R", $"{runAs}:", dataDir]);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", Path.Combine(dataDir, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], runAs);

        var port = FreePort.Next();
        string[] serverArgs =
        [
            "-D", Path.Combine(dataDir, "data"), "-p", port.ToString(), "-k", dataDir, "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
            "-c", "shared_buffers=256MB", "-c", "max_wal_size=4GB", "-c", "timezone=UTC",
        ];
        var owned = new OwnedServer(bin, serverArgs, port, runAs);
        var server = await StartServerAsync(owned);
        var connection = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = port, Username = "postgres", Database = "postgres", Pooling = false,
        };
        await WaitUntilAcceptingAsync(connection.ConnectionString);
        return new LocalPostgres(connection.ConnectionString, server, dataDir, owned);
    }

    private static Task<ServerProcess> StartServerAsync(OwnedServer owned) => owned.RunAs is null
        ? ServerProcess.StartAsync(Path.Combine(owned.Bin, "postgres"), owned.Arguments, owned.Port, TimeSpan.FromSeconds(60))
        : ServerProcess.StartAsync("runuser", ["-u", owned.RunAs, "--", Path.Combine(owned.Bin, "postgres"), .. owned.Arguments], owned.Port, TimeSpan.FromSeconds(60));

    /// <summary>Stops the server the way an operator restarting it does (pg_ctl stop -m fast: open sessions are cut).</summary>
    public async Task StopAsync()
    {
        var owned = _owned ?? throw new InvalidOperationException("Only a server this instance started can be stopped.");
        await RunAsync(Path.Combine(owned.Bin, "pg_ctl"), ["stop", "-D", Path.Combine(_dataDir!, "data"), "-m", "fast", "-w"], owned.RunAs);
        if (_server is not null) await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port with the same data.</summary>
    public async Task StartAgainAsync()
    {
        var owned = _owned ?? throw new InvalidOperationException("Only a server this instance started can be started again.");
        _server = await StartServerAsync(owned);
        await WaitUntilAcceptingAsync(AdminConnectionString);
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)].ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Drops a database created by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_server is not null) await _server.DisposeAsync();
        if (_dataDir is not null)
        {
            try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql), and ConnectionStrings__ecomdb is not set.");
    }

    private static async Task WaitUntilAcceptingAsync(string connectionString)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task RunAsync(string fileName, string[] arguments, string? runAs = null)
    {
        var info = runAs is null ? new ProcessStartInfo(fileName) : new ProcessStartInfo("runuser");
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", fileName }) info.ArgumentList.Add(a);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
