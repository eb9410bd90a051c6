namespace Users.Domain.Common;

/// <summary>What kind of outcome an <see cref="Error"/> is; the Api maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The request breaks a business rule (HTTP 400).</summary>
    Failure,

    /// <summary>The request itself is malformed or a field breaks its rule (HTTP 422).</summary>
    Validation,

    /// <summary>The thing asked for does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>No valid credentials (HTTP 401).</summary>
    Unauthorized,

    /// <summary>Valid credentials without the right to do this (HTTP 403).</summary>
    Forbidden,

    /// <summary>Too many attempts; try again after a wait (HTTP 429).</summary>
    TooManyRequests,

    /// <summary>A service this one depends on (an OAuth provider) failed or answered nonsense (HTTP 502).</summary>
    BadGateway,

    /// <summary>A service this one depends on (an OAuth provider) did not answer in time (HTTP 504).</summary>
    GatewayTimeout,
}
