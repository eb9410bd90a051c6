using System.Diagnostics.CodeAnalysis;

namespace Users.Domain.Common;

/// <summary>The outcome of an operation that returns nothing on success.</summary>
public class Result : IFailureFactory<Result>
{
    private static readonly Result SuccessInstance = new(null);

    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result Success() => SuccessInstance;

    public static Result Failure(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result(Error error) => Failure(error);
}
