using System.Diagnostics;
using System.Text;
using Ecom.Aspire.TestSupport;

namespace Ecom.Aspire.BrowserChecks;

/// <summary>
/// The Api and the Web run as real processes from their build output (real Kestrel on free loopback ports), the
/// Api on the given PostgreSQL and Redis, the Web pointed at the Api by service discovery
/// (<c>services__api__http__0</c>). The Web runs in the Production environment, as deployed (Development's
/// diagnostics made its page loads a fifth slower), serving its static web assets (MudBlazor's, the framework's) from
/// the build output with the cache headers of a published Web; both are stopped on dispose.
/// </summary>
public sealed class RunningSystem : IAsyncDisposable
{
    private readonly List<(string Name, Process Process, StringBuilder Log)> _processes = [];

    private RunningSystem() { }

    public string ApiUrl { get; private set; } = "";
    public string WebUrl { get; private set; } = "";

    /// <summary>The admin key the Api checks and the Web sends (new for each system).</summary>
    public string AdminKey { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());

    /// <summary>The processes (name and pid), e.g. to sample their memory.</summary>
    public IReadOnlyList<(string Name, int Pid)> Processes => [.. _processes.Select(p => (p.Name, p.Process.Id))];

    /// <param name="worker">Also the Worker (Hangfire server and live mode, no seeding), e.g. for a soak test.</param>
    public static async Task<RunningSystem> StartAsync(string database, string redis, CancellationToken ct = default, bool worker = false)
    {
        var system = new RunningSystem();
        try
        {
            if (worker)
            {
                var workerUrl = $"http://127.0.0.1:{FreePort.Next()}";
                system.Start("Worker", workerUrl, new Dictionary<string, string>
                {
                    ["ConnectionStrings__ecomdb"] = database,
                    ["ConnectionStrings__cache"] = redis,
                    ["ASPNETCORE_ENVIRONMENT"] = "Production",
                    ["Ecom__Simulation__SeedOnEmptyDatabase"] = "false",
                    ["Ecom__Live__Enabled"] = "true",
                });
                await system.WaitHealthyAsync(workerUrl, "Worker", ct);
            }
            var apiPort = FreePort.Next();
            system.ApiUrl = $"http://127.0.0.1:{apiPort}";
            system.Start("Api", system.ApiUrl, new Dictionary<string, string>
            {
                ["ConnectionStrings__ecomdb"] = database,
                ["ConnectionStrings__cache"] = redis,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            });
            var webPort = FreePort.Next();
            system.WebUrl = $"http://127.0.0.1:{webPort}";
            system.Start("Web", system.WebUrl, new Dictionary<string, string>
            {
                ["services__api__http__0"] = system.ApiUrl,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // The cache headers a published Web sends (fingerprinted files cached for good), not the no-cache of
                // assets served from a build output, which makes the browser ask again for every script and style.
                ["EnableStaticAssetsDevelopmentCaching"] = "true",
            });
            await system.WaitHealthyAsync(system.ApiUrl, "Api", ct);
            await system.WaitHealthyAsync(system.WebUrl, "Web", ct);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The Api alone (a benchmark of its endpoints), on the given PostgreSQL and Redis, in Production, with
    /// <paramref name="settings"/> added to its environment; <paramref name="apiDll"/> instead of the build output's.
    /// </summary>
    public static async Task<RunningSystem> StartApiAsync(string database, string redis, IReadOnlyDictionary<string, string>? settings = null,
        string? apiDll = null, CancellationToken ct = default)
    {
        var system = new RunningSystem();
        try
        {
            system.ApiUrl = $"http://127.0.0.1:{FreePort.Next()}";
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__ecomdb"] = database,
                ["ConnectionStrings__cache"] = redis,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
            system.Start("Api", system.ApiUrl, environment, apiDll);
            await system.WaitHealthyAsync(system.ApiUrl, "Api", ct);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>What the processes printed (the last 20,000 characters each), for a failure message.</summary>
    public string Logs() => string.Join("\n", _processes.Select(p => { lock (p.Log) return $"--- {p.Name} ---\n{p.Log}"; }));

    private void Start(string project, string url, Dictionary<string, string> environment, string? dllPath = null)
    {
        var dll = dllPath ?? BuildOutput.Find(project);
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var info = new ProcessStartInfo(host) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, "--urls", url }) info.ArgumentList.Add(a);
        foreach (var key in new[] { "ConnectionStrings__ecomdb", "ConnectionStrings__cache", "OTEL_EXPORTER_OTLP_ENDPOINT" }) info.Environment.Remove(key);
        info.Environment["Ecom__AdminApiKey"] = AdminKey;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["MALLOC_ARENA_MAX"] = "2";   // as the AppHost and run-local.sh start the hosts
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var log = new StringBuilder();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"dotnet {dll} could not be started");
        void Append(string? line)
        {
            if (line is null) return;
            lock (log)
            {
                log.AppendLine(line);
                if (log.Length > 20_000) log.Remove(0, log.Length - 20_000);
            }
        }
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((project, process, log));
    }

    private async Task WaitHealthyAsync(string url, string name, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_processes.Any(p => p.Process.HasExited)) break;
            try
            {
                using var response = await http.GetAsync("/alive", ct);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(200, ct);
        }
        throw new InvalidOperationException($"The {name} did not answer /alive on {url}:\n{Logs()}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
            process.Dispose();
        }
        _processes.Clear();
    }
}
