using System.Diagnostics.CodeAnalysis;

namespace Users.Domain.Common;

/// <summary>The outcome of an operation that returns a <typeparamref name="T"/> on success.</summary>
public sealed class Result<T> : Result, IFailureFactory<Result<T>>
{
    private readonly T? _value;

    private Result(T value)
        : base(null) => _value = value;

    private Result(Error error)
        : base(error) { }

    /// <summary>The value; reading it from a failed result is a bug and throws.</summary>
    public T Value =>
        IsSuccess ? _value! : throw new InvalidOperationException($"A failed result ({Error.Code}) has no value.");

    [MemberNotNullWhen(true, nameof(Value))]
    public bool HasValue => IsSuccess;

    public static Result<T> Success(T value) => new(value);

    public static new Result<T> Failure(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));

#pragma warning disable CA2225 // named alternates exist: Success / Failure
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
#pragma warning restore CA2225

    static Result<T> IFailureFactory<Result<T>>.Failure(Error error) => Failure(error);
}
