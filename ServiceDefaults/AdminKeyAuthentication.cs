using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The admin key (configuration key <c>Ecom:AdminApiKey</c>) protects everything that writes or starts something,
/// and the Hangfire dashboard. A caller proves it with the header <c>X-Api-Key: KEY</c>, or with HTTP Basic
/// authentication as user <c>admin</c> and the key as password (so a browser can open the dashboard). Without a
/// configured key nobody is let in.
/// </summary>
public static class AdminKeyAuthentication
{
    public const string Scheme = "AdminKey";
    public const string Policy = "admin";
    public const string HeaderName = "X-Api-Key";
    public const string ConfigurationKey = "Ecom:AdminApiKey";
    public const string BasicUserName = "admin";

    public static IHostApplicationBuilder AddAdminKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(Scheme)
            .AddScheme<AuthenticationSchemeOptions, AdminKeyHandler>(Scheme, _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Policy));
        return builder;
    }

    /// <summary>Constant-time comparison of a presented key with the configured one.</summary>
    public static bool Matches(string? configured, string? presented) =>
        !string.IsNullOrEmpty(configured) && presented is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(configured), Encoding.UTF8.GetBytes(presented));

    private sealed class AdminKeyHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var presented = PresentedKey();
            if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
            if (!Matches(configuration[ConfigurationKey], presented))
            {
                return Task.FromResult(AuthenticateResult.Fail("Invalid admin key."));
            }
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, BasicUserName), new Claim(ClaimTypes.Role, Policy)], AdminKeyAuthentication.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AdminKeyAuthentication.Scheme)));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = 401;
            Response.Headers.WWWAuthenticate = "Basic realm=\"Ecom.Aspire\", charset=\"UTF-8\"";
            return Task.CompletedTask;
        }

        private string? PresentedKey()
        {
            if (Request.Headers.TryGetValue(HeaderName, out var header)) return header.ToString();
            var authorization = Request.Headers.Authorization.ToString();
            if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':');
                return colon > 0 && decoded[..colon] == BasicUserName ? decoded[(colon + 1)..] : "";
            }
            catch (FormatException)
            {
                return "";
            }
        }
    }
}
