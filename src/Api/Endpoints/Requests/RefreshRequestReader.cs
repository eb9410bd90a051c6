using Users.Api.Binding;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Endpoints.Requests;

/// <summary>
/// Reads <c>refresh_token</c> from an urlencoded or multipart form (as OAuth2 clients send it) or from a JSON object
/// (already parsed by <see cref="JsonBodyMiddleware"/>, which answered malformed JSON and oversized bodies itself).
/// </summary>
public static class RefreshRequestReader
{
    public static async Task<(RefreshRequest? Request, IReadOnlyList<FieldFailure> Failures)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasFormContentType)
        {
            var bound = JsonRequestBinder.Bind<RefreshRequest>(context.Features.Get<ParsedJsonBody>() ?? ParsedJsonBody.NotJson());
            return bound.Failures.Count > 0 ? (null, bound.Failures) : (bound.Value, []);
        }

        try
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            return (new RefreshRequest { RefreshToken = form["refresh_token"] is { Count: > 0 } values ? values[0] : null }, []);
        }
        catch (InvalidDataException)
        {
            return (null, [new FieldFailure(["body"], ValidationTypes.ModelAttributesType, "The form body could not be read.")]);
        }
    }
}
