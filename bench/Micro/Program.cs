using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

// Artifacts (logs, generated projects, reports) go where BENCH_ARTIFACTS says (run.sh points it at bench/results/micro);
// BenchmarkDotNet's own --artifacts argument still wins when given.
var artifacts = Environment.GetEnvironmentVariable("BENCH_ARTIFACTS") is { Length: > 0 } dir
    ? dir
    : Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts");

var config = DefaultConfig.Instance
    .WithArtifactsPath(artifacts)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.Median);

// DefaultConfig already exports each class's summary as GitHub markdown, CSV and HTML into <artifacts>/results/.

BenchmarkSwitcher.FromAssembly(typeof(Users.Bench.Micro.BenchSupport).Assembly).Run(args, config);
