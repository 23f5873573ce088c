using System.Text.Json;

namespace Ecom.Aspire.Core.Ml;

/// <summary>How metrics are written to and read from ml.model_runs.metrics (camelCase, as the Api answers).</summary>
public static class MlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"empty {typeof(T).Name} in ml.model_runs.metrics");
}
