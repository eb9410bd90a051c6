using BenchmarkDotNet.Attributes;

namespace Users.Bench.Micro;

/// <summary>
/// One Argon2id check of an argon2-cffi hash per library, at FastAPI Users' parameters (64 MiB, 3 passes, 4 lanes:
/// what an adopted deployment's users hold) and at OWASP's (19 MiB, 2 passes, 1 lane: our default for new hashes,
/// where hashing and checking cost the same). argon2-cffi's own time on this machine comes from
/// <c>bench/Micro/argon2-cffi.py</c>, at the same parameters.
/// </summary>
[MemoryDiagnoser]
public class PasswordHashBenchmarks
{
    private string _hash = "";
    private string _password = "";

    [Params("m=65536,t=3,p=4", "m=19456,t=2,p=1")]
    public string Parameters { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var vector = Argon2Candidates.Vectors().First(v => v.Hash.StartsWith($"$argon2id$v=19${Parameters}$", StringComparison.Ordinal));
        (_hash, _password) = (vector.Hash, vector.Password);
        foreach (var library in Argon2Candidates.All)
        {
            if (!Argon2Candidates.Verify(library, _hash, _password))
            {
                throw new InvalidOperationException($"{library} does not verify {_hash}.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = Argon2Candidates.Libsodium)]
    public bool Libsodium() => Argon2Candidates.Verify(Argon2Candidates.Libsodium, _hash, _password);

    [Benchmark(Description = Argon2Candidates.Konscious)]
    public bool Konscious() => Argon2Candidates.Verify(Argon2Candidates.Konscious, _hash, _password);

    [Benchmark(Description = Argon2Candidates.Isopoh)]
    public bool Isopoh() => Argon2Candidates.Verify(Argon2Candidates.Isopoh, _hash, _password);

    [Benchmark(Description = Argon2Candidates.BouncyCastle)]
    public bool BouncyCastle() => Argon2Candidates.Verify(Argon2Candidates.BouncyCastle, _hash, _password);
}
