using BenchmarkDotNet.Attributes;
using Users.Application.Abstractions.Security;
using Users.Domain.Users;
using Users.Infrastructure.Security;

namespace Users.Bench.Micro;

/// <summary>The JWT strategy: reading (validating) an access token on every request, and issuing one on login.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private JwtAccessTokenService _jwt = null!;
    private User _user = null!;
    private string _token = null!;
    private string _tampered = null!;

    [GlobalSetup]
    public void Setup()
    {
        _jwt = BenchSupport.CreateJwt();
        _user = BenchSupport.NewUser(1);
        _token = _jwt.Issue(_user);
        var lastChar = _token[^1] == 'A' ? 'B' : 'A';
        _tampered = _token[..^1] + lastChar;
        if (_jwt.ReadAsync(_token, default).AsTask().GetAwaiter().GetResult()?.UserId != _user.Id)
        {
            throw new InvalidOperationException("The issued token does not read back.");
        }
    }

    [Benchmark(Baseline = true, Description = "Jwt.ReadAsync(valid)")]
    public ValueTask<AccessTokenClaims?> ReadValid() => _jwt.ReadAsync(_token, default);

    [Benchmark(Description = "Jwt.ReadAsync(bad signature)")]
    public ValueTask<AccessTokenClaims?> ReadTampered() => _jwt.ReadAsync(_tampered, default);

    [Benchmark(Description = "Jwt.IssueAsync")]
    public ValueTask<string> Issue() => _jwt.IssueAsync(_user, default);
}
