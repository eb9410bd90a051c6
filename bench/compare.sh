#!/usr/bin/env bash
# Latency at two sizes: bench/compare.sh results/latest.csv results/1m/latest.csv
# Prints, for every target/scenario/hash present in both, p50 and p99 of each and the ratio second/first
# (the target for user_by_id, login and list_deep: <= 1.2).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 SMALL.csv LARGE.csv" >&2; exit 2; }
awk -F, '
  FNR == 1 { file++; next }
  file == 1 { key = $1 " | " $2 " | " $3; p50[key] = $6; p99[key] = $7; rps[key] = $5; next }
  { key = $1 " | " $2 " | " $3
    if (key in p50) rows[++n] = sprintf("| %s | %s | %s | %s | %s | %.2f | %.2f | %.2f |", key, rps[key], $5, p50[key], $6,
      (p50[key] > 0 ? $6 / p50[key] : 0), (p99[key] > 0 ? $7 / p99[key] : 0), (rps[key] > 0 ? $5 / rps[key] : 0)) }
  END {
    print "| target | scenario | hash | req/s small | req/s large | p50 ms small | p50 ms large | p50 large/small | p99 large/small | req/s large/small |"
    print "|---|---|---|---:|---:|---:|---:|---:|---:|---:|"
    for (i = 1; i <= n; i++) print rows[i]
  }' "$1" "$2"
