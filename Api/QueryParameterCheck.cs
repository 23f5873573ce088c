using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Ecom.Aspire.Api;

/// <summary>
/// Two rules for every query string of the Api's own endpoints, before any endpoint runs (400 ValidationProblem naming
/// the parameter): a parameter the endpoint does not take is refused, not ignored (a typo such as
/// <c>?form=2024-01-01</c> would otherwise answer for the default period as if all were well); and no value may hold a
/// control character (a NUL cannot even be stored in PostgreSQL text). The parameters an endpoint takes are those of
/// its OpenAPI description (the same ApiExplorer data); endpoints outside it (health checks, the OpenAPI document, the
/// docs UI) are not checked.
/// </summary>
public static partial class QueryParameterCheck
{
    public static IApplicationBuilder UseQueryParameterCheck(this WebApplication app)
    {
        var known = new Lazy<FrozenDictionary<string, FrozenSet<string>>>(() => Build(app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>()));
        return app.Use(async (context, next) =>
        {
            if (context.Request.Query.Count > 0 && context.GetEndpoint() is RouteEndpoint endpoint
                && known.Value.TryGetValue(Key(context.Request.Method, endpoint.RoutePattern.RawText ?? ""), out var allowed))
            {
                var takes = allowed.Count == 0 ? "no query parameter" : "only " + string.Join(", ", allowed.Order(StringComparer.Ordinal));
                var errors = new Dictionary<string, string[]>();
                foreach (var (key, values) in context.Request.Query)
                {
                    if (!allowed.Contains(key)) errors[key] = [$"'{key}' is not a query parameter of this endpoint, which takes {takes}."];
                    else if (values.Any(v => v is not null && v.Any(char.IsControl))) errors[key] = [$"{key} must not contain control characters."];
                }
                if (errors.Count > 0)
                {
                    await TypedResults.ValidationProblem(errors, title: "Invalid query parameter").ExecuteAsync(context);
                    return;
                }
            }
            await next(context);
        });
    }

    private static FrozenDictionary<string, FrozenSet<string>> Build(IApiDescriptionGroupCollectionProvider provider) => provider.ApiDescriptionGroups.Items
        .SelectMany(g => g.Items)
        .Where(d => d.HttpMethod is not null && d.RelativePath is not null)
        .GroupBy(d => Key(d.HttpMethod!, d.RelativePath!))
        .ToFrozenDictionary(
            g => g.Key,
            g => g.SelectMany(d => d.ParameterDescriptions).Where(p => p.Source == BindingSource.Query).Select(p => p.Name)
                .ToFrozenSet(StringComparer.OrdinalIgnoreCase));

    /// <summary>"GET api/simulations/{id}" for both the route pattern "/api/simulations/{id:int}" and the ApiExplorer path.</summary>
    private static string Key(string method, string path) =>
        method.ToUpperInvariant() + " " + RouteParameter().Replace(path.Trim('/'), "{$1}").ToLowerInvariant();

    [GeneratedRegex(@"\{\*?([^}:=?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
