using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Users.Domain.Common;

namespace Users.Api.Errors;

/// <summary>
/// The one place where outcomes become the contract's error bodies (<c>application/problem+json</c>).
/// </summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>A failed result as an HTTP response (with <c>Retry-After</c> when the error says when to try again).</summary>
    public static IResult From(Error error, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(context);
        if (error.RetryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
        }

        return error switch
        {
            ValidationError validation => Validation(validation.Failures, context),
            { Reason: not null } => Create(StatusOf(error.Kind), new PasswordDetail(error.Code, error.Reason), context),
            _ => Create(StatusOf(error.Kind), error.Code, context),
        };
    }

    /// <summary>Whole seconds, rounded up and at least one: a client that waits that long is not refused for the same reason.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A 422 with FastAPI's <c>detail</c> list and ASP.NET's <c>errors</c> map.</summary>
    public static IResult Validation(IReadOnlyList<FieldFailure> failures, HttpContext context)
    {
        var detail = failures.Select(f => new ValidationDetailItem(f.Type, f.Location, f.Message)).ToArray();
        var errors = failures
            .GroupBy(f => f.Location.Count > 1 ? f.Location[^1] : f.Location[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray(), StringComparer.Ordinal);
        return Results.Json(Body(StatusCodes.Status422UnprocessableEntity, detail, context, errors), contentType: ContentType,
            statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>A bare status with its reason phrase as <c>detail</c> ("Not Found", "Unauthorized", ...).</summary>
    public static IResult Status(int status, HttpContext context) => Create(status, ReasonPhrases.GetReasonPhrase(status), context);

    /// <summary>Writes a bare status body directly, for code that runs outside endpoints (authentication, status pages).</summary>
    public static Task WriteStatusAsync(HttpContext context, int status) =>
        Status(status, context).ExecuteAsync(context);

    public static IResult Create(int status, object detail, HttpContext context) =>
        Results.Json(Body(status, detail, context), contentType: ContentType, statusCode: status);

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.BadGateway => StatusCodes.Status502BadGateway,
        ErrorKind.GatewayTimeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status400BadRequest,
    };

    private static ProblemBody Body(int status, object detail, HttpContext context, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new(
            TypeOf(status),
            ReasonPhrases.GetReasonPhrase(status),
            status,
            detail,
            TraceId(context),
            errors);

    // The W3C trace id: the one OpenTelemetry exports and JSON logs carry in their scope, so an error a client reports
    // leads to its trace and its log lines. Without a request activity, ASP.NET Core's request id.
    private static string TraceId(HttpContext context) =>
        Activity.Current is { } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;

    private static string TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };
}
