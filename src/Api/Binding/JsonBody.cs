using System.Reflection;
using Users.Domain.Common;

namespace Users.Api.Binding;

/// <summary>
/// An endpoint parameter: the request's JSON body bound once into <typeparamref name="TRequest"/> by the
/// source-generated <see cref="RequestJsonContext"/> (see <see cref="JsonRequestBinder"/>). The endpoint runs only when
/// binding succeeded; otherwise <see cref="JsonBodyFilter"/> answers the contract's 422. Mark the endpoint with
/// <see cref="BodyMetadataExtensions.WithJsonBody{TRequest}"/>, which also documents <typeparamref name="TRequest"/>.
/// </summary>
public sealed class JsonBody<TRequest> : IJsonBody, IBindableFromHttpContext<JsonBody<TRequest>>
    where TRequest : class
{
    private readonly TRequest? _value;

    private JsonBody(TRequest? value, IReadOnlyList<FieldFailure> failures)
    {
        _value = value;
        Failures = failures;
    }

    public TRequest Value => _value ?? throw new InvalidOperationException("The body did not bind; the endpoint should not have run.");

    public IReadOnlyList<FieldFailure> Failures { get; }

    public static JsonBody<TRequest> Bound(TRequest value) => new(value, []);

    public static JsonBody<TRequest> Failed(IReadOnlyList<FieldFailure> failures) => new(null, failures);

    public static ValueTask<JsonBody<TRequest>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = context.Features.Get<ParsedJsonBody>()
            ?? throw new InvalidOperationException($"{context.GetEndpoint()?.DisplayName} takes a JSON body but is not marked WithJsonBody.");
        return ValueTask.FromResult<JsonBody<TRequest>?>(JsonRequestBinder.Bind<TRequest>(parsed));
    }
}
