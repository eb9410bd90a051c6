using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Endpoints;

/// <summary>
/// Reads FastAPI's <c>OAuth2PasswordRequestForm</c> from an urlencoded or multipart body. A body of any other
/// type (JSON included) has no form fields, so it answers 422 "missing", as FastAPI does.
/// </summary>
public static class LoginFormReader
{
    public static async Task<(string? Username, string? Password, List<FieldFailure> Failures)> ReadAsync(
        HttpContext context, CancellationToken cancellationToken)
    {
        IFormCollection form = FormCollection.Empty;
        var failures = new List<FieldFailure>();
        if (context.Request.HasFormContentType)
        {
            try
            {
                form = await context.Request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException)
            {
                failures.Add(new FieldFailure(["body"], ValidationTypes.ModelAttributesType, "The form body could not be read."));
                return (null, null, failures);
            }
        }

        var username = Required(form, "username", failures);
        var password = Required(form, "password", failures);
        var grantType = form["grant_type"];
        if (grantType.Count > 0 && !string.Equals(grantType[0], "password", StringComparison.Ordinal))
        {
            failures.Add(new FieldFailure(["body", "grant_type"], ValidationTypes.StringPatternMismatch, "String should match pattern '^password$'"));
        }

        return (username, password, failures);
    }

    private static string? Required(IFormCollection form, string name, List<FieldFailure> failures)
    {
        var value = form[name];
        if (value.Count == 0 || string.IsNullOrEmpty(value[0]))
        {
            failures.Add(new FieldFailure(["body", name], ValidationTypes.Missing, ValidationTypes.MissingMessage));
            return null;
        }

        return value[0];
    }
}
