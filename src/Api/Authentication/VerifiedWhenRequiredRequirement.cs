using Microsoft.AspNetCore.Authorization;

namespace Users.Api.Authentication;

/// <summary>The user is verified, or verification is not required (<c>Auth:RequireVerification</c>).</summary>
public sealed class VerifiedWhenRequiredRequirement : IAuthorizationRequirement;
