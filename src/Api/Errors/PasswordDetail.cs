using System.Text.Json.Serialization;

namespace Users.Api.Errors;

/// <summary>The <c>detail</c> of a password-policy rejection: <c>{"code": "...", "reason": "..."}</c>.</summary>
public sealed record PasswordDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("reason")] string Reason);
