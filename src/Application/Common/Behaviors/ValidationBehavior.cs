using System.Text.Json;
using FluentValidation;
using MediatR;
using Users.Application.Common.Validation;
using Users.Domain.Common;

namespace Users.Application.Common.Behaviors;

/// <summary>
/// Runs every validator of the request before its handler. Failures become a failed result carrying a
/// <see cref="ValidationError"/> (HTTP 422), never an exception: a user mistake is an expected outcome.
/// </summary>
public sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
    where TResponse : IFailureFactory<TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators.ToArray();

    // Nothing to validate (queries such as the current-user lookup): hand the handler's task straight through.
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        _validators.Length == 0 ? next() : ValidateThenHandleAsync(request, next, cancellationToken);

    private async Task<TResponse> ValidateThenHandleAsync(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken)
    {
        var source = request is IQueryStringRequest ? "query" : "body";
        var failures = new List<FieldFailure>();
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            failures.AddRange(result.Errors.Select(f => new FieldFailure(
                [source, JsonNamingPolicy.SnakeCaseLower.ConvertName(f.PropertyName)],
                string.IsNullOrEmpty(f.ErrorCode) || !f.ErrorCode.All(c => char.IsAsciiLetterLower(c) || c == '_')
                    ? ValidationTypes.ValueError
                    : f.ErrorCode,
                f.ErrorMessage)));
        }

        return failures.Count == 0 ? await next() : TResponse.Failure(new ValidationError(failures));
    }
}
