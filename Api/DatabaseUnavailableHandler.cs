using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Ecom.Aspire.Api;

/// <summary>
/// When PostgreSQL cannot be reached the Api answers 503 with a ProblemDetails (and Retry-After), never a stack
/// trace or a hang; other exceptions fall through to the default 500 ProblemDetails.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!IsDatabaseUnavailable(exception)) return false;
        logger.LogWarning(exception, "Database unavailable while serving {Path}", context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = "PostgreSQL could not be reached. Try again in a few seconds.",
            },
        });
    }

    private static bool IsDatabaseUnavailable(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException or IOException } => true,
        InvalidOperationException { InnerException: { } inner } => IsDatabaseUnavailable(inner),
        _ => false,
    };
}
