using Users.Api.Binding;
using Users.Domain.Common;

namespace Users.Api.Errors;

/// <summary>Turns handler results into responses: the value as JSON, or the contract's error body.</summary>
public static class ResultHttpExtensions
{
    public static IResult ToJson<T>(this Result<T> result, HttpContext context, int statusCode = StatusCodes.Status200OK) =>
        result.IsSuccess ? ResponseJson.Of(result.Value, statusCode) : Problems.From(result.Error, context);

    /// <summary>Success as the JSON literal <c>null</c> with <paramref name="statusCode"/>, as FastAPI Users answers 202/200 routes.</summary>
    public static IResult ToJsonNull(this Result result, HttpContext context, int statusCode) =>
        result.IsSuccess ? Results.Content("null", "application/json", statusCode: statusCode) : Problems.From(result.Error, context);

    public static IResult ToNoContent(this Result result, HttpContext context) =>
        result.IsSuccess ? Results.NoContent() : Problems.From(result.Error, context);
}
