namespace Users.Api.Errors;

/// <summary>
/// Answers 413 to a declared body over 1 MiB before anything reads it. Kestrel enforces the same limit on
/// streamed bodies (see <c>AddApi</c>); this keeps the answer identical in every host.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context) =>
        context.Request.ContentLength > MaxBodyBytes
            ? Problems.WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge)
            : next(context);
}
