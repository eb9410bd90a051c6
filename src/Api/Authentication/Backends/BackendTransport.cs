namespace Users.Api.Authentication.Backends;

public enum BackendTransport
{
    /// <summary><c>Authorization: Bearer &lt;token&gt;</c>; login answers <c>{"access_token", "token_type"}</c>.</summary>
    Bearer,

    /// <summary>An HTTP-only cookie; login answers 204 with <c>Set-Cookie</c>.</summary>
    Cookie,
}
