using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Api.Endpoints.Requests;

/// <summary>
/// Reads FastAPI's <c>OAuth2PasswordRequestForm</c> into a <see cref="LoginForm"/> from an urlencoded or multipart body.
/// A body of any other type (JSON included) has no form fields, so it answers 422 "missing", as FastAPI does; an empty
/// value counts as missing too.
/// </summary>
public static class LoginFormReader
{
    public static async Task<(LoginForm? Form, List<FieldFailure> Failures)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
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
                return (null, failures);
            }
        }

        var login = new LoginForm
        {
            Username = Required(form, "username", failures),
            Password = Required(form, "password", failures),
            GrantType = Optional(form, "grant_type"),
            Scope = Optional(form, "scope"),
            ClientId = Optional(form, "client_id"),
            ClientSecret = Optional(form, "client_secret"),
        };
        if (login.GrantType is not null && !string.Equals(login.GrantType, "password", StringComparison.Ordinal))
        {
            failures.Add(new FieldFailure(["body", "grant_type"], ValidationTypes.StringPatternMismatch, "String should match pattern '^password$'"));
        }

        return (failures.Count == 0 ? login : null, failures);
    }

    private static string? Required(IFormCollection form, string name, List<FieldFailure> failures)
    {
        var value = Optional(form, name);
        if (string.IsNullOrEmpty(value))
        {
            failures.Add(new FieldFailure(["body", name], ValidationTypes.Missing, ValidationTypes.MissingMessage));
            return null;
        }

        return value;
    }

    private static string? Optional(IFormCollection form, string name) => form[name] is { Count: > 0 } values ? values[0] : null;
}
