using Users.Domain.Common;

namespace Users.Api.Errors;

/// <summary>Turns handler results into responses: the value as JSON, or the contract's error body.</summary>
public static class ResultHttpExtensions
{
    public static IResult ToJson<T>(this Result<T> result, HttpContext context, int statusCode = StatusCodes.Status200OK) =>
        result.IsSuccess ? Results.Json(result.Value, statusCode: statusCode) : Problems.From(result.Error, context);

    public static IResult ToNoContent(this Result result, HttpContext context) =>
        result.IsSuccess ? Results.NoContent() : Problems.From(result.Error, context);
}
