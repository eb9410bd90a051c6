using BenchmarkDotNet.Attributes;
using Users.Domain.Common;
using Users.Domain.Users;

namespace Users.Bench.Micro;

/// <summary>E-mail parsing and normalization (registration, login, update, lookups).</summary>
[MemoryDiagnoser]
public class EmailBenchmarks
{
    [Benchmark(Baseline = true, Description = "Email.Create(plain ascii)")]
    public Result<Email> Plain() => Email.Create("john.doe@example.com");

    [Benchmark(Description = "Email.Create(mixed case)")]
    public Result<Email> MixedCase() => Email.Create("John.Doe@Example.COM");

    [Benchmark(Description = "Email.Create(display name)")]
    public Result<Email> DisplayName() => Email.Create("John Doe <john.doe@example.com>");

    [Benchmark(Description = "Email.Create(unicode/IDNA)")]
    public Result<Email> Unicode() => Email.Create("jöhn.dœ@Bücher.example");

    [Benchmark(Description = "Email.Create(punycode domain)")]
    public Result<Email> Punycode() => Email.Create("john@xn--bcher-kva.example");

    [Benchmark(Description = "Email.NormalizeForLookup(mixed case)")]
    public string Lookup() => Email.NormalizeForLookup("John.Doe@Example.COM");
}
