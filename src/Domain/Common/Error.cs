namespace Users.Domain.Common;

/// <summary>
/// An expected, machine-readable outcome. <see cref="Code"/> is the contract's error code
/// (for example <c>REGISTER_USER_ALREADY_EXISTS</c>); <see cref="Reason"/> is a human explanation
/// that the contract sends beside the code (password policy rejections).
/// </summary>
public record Error(string Code, ErrorKind Kind, string Description, string? Reason = null);
