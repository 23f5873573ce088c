using Microsoft.AspNetCore.Diagnostics;

namespace Ecom.Aspire.Api;

/// <summary>
/// A request the framework cannot bind (a query value of the wrong type, a broken JSON body, a body too large) is a
/// 400 (or 413) ProblemDetails that says what was wrong, not an empty answer.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Invalid request",
                // The JSON reader's own words say where a body is broken ("Path: $.customers | LineNumber: 0 ...").
                Detail = bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message,
            },
        });
    }
}
