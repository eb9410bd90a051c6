using Users.Api.Errors;

namespace Users.Api.Binding;

/// <summary>Answers the contract's 422 when the endpoint's <see cref="JsonBody{TRequest}"/> did not bind; runs the endpoint otherwise.</summary>
public sealed class JsonBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var argument in context.Arguments)
        {
            if (argument is IJsonBody { Failures.Count: > 0 } body)
            {
                return ValueTask.FromResult<object?>(Problems.Validation(body.Failures, context.HttpContext));
            }
        }

        return next(context);
    }
}
