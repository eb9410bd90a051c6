using Users.Domain.Common;

namespace Users.Application.UnitTests.TestSupport;

public static class ResultAssert
{
    public static T Succeeded<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"expected success, got {result.Error?.Code}");
        return result.Value;
    }

    public static Error Failed(Result result, string expectedCode)
    {
        Assert.False(result.IsSuccess, $"expected {expectedCode}, got success");
        Assert.Equal(expectedCode, result.Error.Code);
        return result.Error;
    }
}
