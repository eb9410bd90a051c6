namespace Users.Domain.Common;

/// <summary>
/// An expected, machine-readable outcome. <see cref="Code"/> is the contract's error code
/// (for example <c>REGISTER_USER_ALREADY_EXISTS</c>); <see cref="Reason"/> is a human explanation
/// that the contract sends beside the code (password policy rejections). <see cref="RetryAfter"/> says when trying again
/// can succeed (a locked login), sent as <c>Retry-After</c>.
/// </summary>
public record Error(string Code, ErrorKind Kind, string Description, string? Reason = null, TimeSpan? RetryAfter = null);
