using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Artifacts (logs, generated projects, reports) go where BENCH_ARTIFACTS says (run.sh points it at bench/results/micro);
// BenchmarkDotNet's own --artifacts argument still wins when given.
// `check-argon2`: which Argon2 libraries compute RFC 9106's vector and verify the independent tools' hashes.
if (args is ["check-argon2"])
{
    return Users.Bench.Micro.Argon2Candidates.PrintCorrectness();
}

var artifacts = Environment.GetEnvironmentVariable("BENCH_ARTIFACTS") is { Length: > 0 } dir
    ? dir
    : Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");

var config = DefaultConfig.Instance
    .WithArtifactsPath(artifacts)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Median);

// DefaultConfig already exports each class's summary as GitHub markdown, CSV and HTML into <artifacts>/results/.

BenchmarkSwitcher.FromAssembly(typeof(Users.Bench.Micro.BenchSupport).Assembly).Run(args, config);
return 0;
