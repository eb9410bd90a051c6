using Users.Domain.Common;

namespace Users.Domain.UnitTests.Common;

public class ResultTests
{
    private static readonly Error SomeError = new("SOME_CODE", ErrorKind.Failure, "Something went wrong.");

    [Fact]
    public void Success_IsSuccessWithoutError()
    {
        var result = Result.Success();

        Assert.True(result.IsSuccess);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Failure_IsNotSuccessAndCarriesTheError()
    {
        var result = Result.Failure(SomeError);

        Assert.False(result.IsSuccess);
        Assert.Same(SomeError, result.Error);
    }

    [Fact]
    public void Failure_WithNullError_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Result.Failure(null!));
        Assert.Throws<ArgumentNullException>(() => Result<int>.Failure(null!));
    }

    [Fact]
    public void GenericSuccess_HasValue()
    {
        var result = Result<string>.Success("hello");

        Assert.True(result.IsSuccess);
        Assert.True(result.HasValue);
        Assert.Null(result.Error);
        Assert.Equal("hello", result.Value);
    }

    [Fact]
    public void GenericFailure_ValueThrowsInvalidOperationExceptionNamingTheCode()
    {
        var result = Result<string>.Failure(SomeError);

        Assert.False(result.IsSuccess);
        Assert.False(result.HasValue);
        Assert.Same(SomeError, result.Error);
        var exception = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("SOME_CODE", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImplicitConversion_FromError_IsFailure()
    {
        Result plain = SomeError;
        Result<int> generic = SomeError;

        Assert.False(plain.IsSuccess);
        Assert.Same(SomeError, plain.Error);
        Assert.False(generic.IsSuccess);
        Assert.Same(SomeError, generic.Error);
    }

    [Fact]
    public void ImplicitConversion_FromValue_IsSuccess()
    {
        Result<int> result = 42;

        Assert.True(result.IsSuccess);
        Assert.Equal(42, result.Value);
    }

    [Fact]
    public void FailureFactory_BuildsFailuresOfEitherResultType()
    {
        var plain = Fail<Result>(SomeError);
        var generic = Fail<Result<int>>(SomeError);

        Assert.Same(SomeError, plain.Error);
        Assert.IsType<Result<int>>(generic);
        Assert.Same(SomeError, generic.Error);
    }

    [Fact]
    public void ValidationErrorFor_BuildsOneFieldFailureAtTheGivenLocation()
    {
        var error = ValidationError.For("body", "email", "value_error", "value is not a valid email address");

        Assert.Equal("VALIDATION_ERROR", error.Code);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        var failure = Assert.Single(error.Failures);
        Assert.Equal(["body", "email"], failure.Location);
        Assert.Equal("value_error", failure.Type);
        Assert.Equal("value is not a valid email address", failure.Message);
    }

    [Fact]
    public void ValidationErrorFor_QueryParameter_UsesQueryLocation()
    {
        var error = ValidationError.For("query", "limit", "int_parsing", "Input should be a valid integer");

        Assert.Equal(["query", "limit"], Assert.Single(error.Failures).Location);
    }

    private static T Fail<T>(Error error)
        where T : IFailureFactory<T> => T.Failure(error);
}
