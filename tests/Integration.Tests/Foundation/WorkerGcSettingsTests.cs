using System.Text.Json;

namespace Ecom.Aspire.Integration.Tests.Foundation;

/// <summary>
/// The Worker runs workstation GC with background collections (Worker.csproj says why: under the Web SDK's default
/// Server GC its slow, steady allocation made the working set climb for tens of minutes in the soak benchmark). The
/// runtime reads the mode from the runtimeconfig.json built next to the Worker's dll, which is what is checked here.
/// </summary>
public sealed class WorkerGcSettingsTests
{
    private static JsonElement ConfigProperties(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, $"{assembly}.runtimeconfig.json");
        Assert.True(File.Exists(path), $"{path} is not in the test's output");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void Worker_runs_workstation_gc_with_background_collections()
    {
        var properties = ConfigProperties("Ecom.Aspire.Worker");

        Assert.True(properties.TryGetProperty("System.GC.Server", out var server), "System.GC.Server is not set for the Worker");
        Assert.False(server.GetBoolean());
        Assert.True(properties.TryGetProperty("System.GC.Concurrent", out var concurrent), "System.GC.Concurrent is not set for the Worker");
        Assert.True(concurrent.GetBoolean());
    }
}
