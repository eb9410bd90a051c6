using BenchmarkDotNet.Attributes;
using Users.Application.Abstractions.Security;
using Users.Domain.Sessions;
using Users.Domain.Users;
using Users.Infrastructure.Security;

namespace Users.Bench.Micro;

/// <summary>
/// The JWT strategy: reading (validating) an access token on every request, and issuing one, for the login's session,
/// on login.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private JwtAccessTokenService _jwt = null!;
    private User _user = null!;
    private Session _session = null!;
    private string _token = null!;
    private string _tampered = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jwt = BenchSupport.CreateJwt();
        _user = BenchSupport.NewUser(1);
        _session = Session.Start(_user, "jwt", new SessionClient("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"), TimeProvider.System.GetUtcNow());
        _token = _jwt.Issue(_user, _session).Value;

        // The signature's second-to-last character: all six of its bits are signature bits (the last one's lowest two
        // are padding, which a lenient decoder ignores), so the tampered token always fails on its signature.
        var changed = _token[^2] == 'A' ? 'B' : 'A';
        _tampered = _token[..^2] + changed + _token[^1];

        var claims = _jwt.ReadAsync(_token, default).AsTask().GetAwaiter().GetResult();
        if (claims is null || claims.UserId != _user.Id || claims.SessionId != _session.Id || claims.SecurityStamp != _user.SecurityStamp)
        {
            throw new InvalidOperationException("The issued token does not read back with its user, session and stamp.");
        }

        if (_jwt.ReadAsync(_tampered, default).AsTask().GetAwaiter().GetResult() is not null)
        {
            throw new InvalidOperationException("The tampered token was accepted.");
        }

        if (Issue().AsTask().GetAwaiter().GetResult() is not { Value.Length: > 0 })
        {
            throw new InvalidOperationException("IssueAsync issued no token.");
        }
    }

    [Benchmark(Baseline = true, Description = "Jwt.ReadAsync(valid)")]
    public ValueTask<AccessTokenClaims?> ReadValid() => _jwt.ReadAsync(_token, default);

    [Benchmark(Description = "Jwt.ReadAsync(bad signature)")]
    public ValueTask<AccessTokenClaims?> ReadTampered() => _jwt.ReadAsync(_tampered, default);

    [Benchmark(Description = "Jwt.IssueAsync")]
    public ValueTask<IssuedToken> Issue() => _jwt.IssueAsync(_user, _session, default);
}
