using System.Diagnostics;
using System.Text;
using Ecom.Aspire.TestSupport;

namespace Ecom.Aspire.Integration.Tests.Faults;

/// <summary>
/// The Worker as a real process on the fixture's servers, the host (Hangfire server) or one of its commands, so that a
/// test can kill it the way an operating system does (SIGKILL: no shutdown code runs). It does not seed the database
/// and live mode is off.
/// </summary>
public sealed class KillableWorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private KillableWorkerProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static KillableWorkerProcess Start(string databaseConnectionString, string redisConnectionString, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ecom.Aspire.Worker.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__ecomdb"] = databaseConnectionString;
        info.Environment["ConnectionStrings__cache"] = redisConnectionString;
        info.Environment["Ecom__AdminApiKey"] = ApiFactory.AdminKey;
        info.Environment["Ecom__Simulation__SeedOnEmptyDatabase"] = "false";
        info.Environment["Ecom__Live__Enabled"] = "false";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var process = Process.Start(info)!;
        var server = new KillableWorkerProcess(process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillHardAsync()
    {
        Signals.KillHard(_process.Id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _process.WaitForExitAsync(timeout.Token);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
