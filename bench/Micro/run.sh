#!/usr/bin/env bash
# Runs the micro-benchmarks (BenchmarkDotNet) and writes the reports under bench/results/micro/results/.
#   bench/Micro/run.sh                         # every benchmark, --job short (3–6 minutes on 2 cores)
#   bench/Micro/run.sh --filter '*Token*'      # any BenchmarkDotNet arguments replace the defaults
#   bench/Micro/run.sh --filter '*' --job medium
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/bench/results/micro"
mkdir -p "$out"
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--filter '*' --job short)
fi
export BENCH_ARTIFACTS="$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
cd "$root"
dotnet run -c Release --project bench/Micro -- "${args[@]}"
echo "Reports: $out/results/ (markdown: *-report-github.md, CSV: *-report.csv); log: $out/*.log"
