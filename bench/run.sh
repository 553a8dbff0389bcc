#!/usr/bin/env bash
# Benchmarks with their targets. Usage: bench/run.sh [BUILD_DIR]
# Times whole runs with /usr/bin/time (wall seconds, peak resident memory) and fails when a
# target is missed. Figures go to stdout and to results/bench.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
binary="$build/tsunagu"
runs=${BENCH_RUNS:-3}
mkdir -p results
csv=results/bench.csv
echo "benchmark,run,wall_seconds,peak_rss_mb,target_seconds,target_mb" > "$csv"
status=0

# measure NAME TARGET_SECONDS TARGET_MB COMMAND...: the median wall time and the largest peak
# memory over $runs runs.
measure() {
  local name=$1 target_s=$2 target_mb=$3
  shift 3
  local walls=() peak=0 count=${RUNS:-$runs}
  for run in $(seq "$count"); do
    local out
    out=$( { /usr/bin/time -f '%e %M' "$@" > /dev/null; } 2>&1 | tail -n 1)
    local wall=${out% *} rss_kb=${out#* }
    local rss_mb=$((rss_kb / 1024))
    walls+=("$wall")
    (( rss_mb > peak )) && peak=$rss_mb
    echo "$name,$run,$wall,$rss_mb,$target_s,$target_mb" >> "$csv"
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (count + 1) / 2 ))p")
  local verdict=ok
  if awk -v m="$median" -v t="$target_s" 'BEGIN{exit !(m > t)}' || (( peak > target_mb )); then
    verdict=MISSED
    status=1
  fi
  printf '%-44s median %6.2f s (target %s s)   peak %6d MB (target %s MB)   %s\n' \
    "$name" "$median" "$target_s" "$peak" "$target_mb" "$verdict"
}

echo "tsunagu benchmarks ($runs runs each; $(nproc) cores)"
measure "topology plan-2017, every facility explicit" 5 2048 \
  "$binary" topology scenarios/plan-2017.yaml --date 2025-05-07
measure "topology history, every facility explicit" 5 2048 \
  "$binary" topology scenarios/history.yaml --date 2025-05-07
measure "topology history, aggregated" 5 2048 \
  "$binary" topology scenarios/history.yaml --date 2025-05-07 --aggregate
measure "demand history, every facility explicit" 5 2048 \
  "$binary" demand scenarios/history.yaml --date 2025-05-07
plans=$(mktemp -d)
measure "plan plan-2017, every facility, whole horizon" 30 4096 \
  "$binary" plan scenarios/plan-2017.yaml -o "$plans/plan-2017.h5"
measure "plan history, every facility, whole horizon" 30 4096 \
  "$binary" plan scenarios/history.yaml -o "$plans/history.h5"
measure "plan history, aggregated" 30 4096 \
  "$binary" plan scenarios/history.yaml --aggregate -o "$plans/history-aggregated.h5"
rm -rf "$plans"
# The national peak day of the last fiscal year, 2025 demand, every facility explicit, all
# services (issue target: 10 minutes, 8 GB), and the same number of request/response messages
# in a plain SimGrid program (maestro-driven comms, 1,000 transactions in flight), as a ratio.
peak_day=2026-02-09
measure "simulate plan-2017 peak day $peak_day, explicit" 600 8192 \
  "$binary" simulate scenarios/plan-2017.yaml --window "$peak_day"
transactions=$("$binary" simulate scenarios/plan-2017.yaml --window "$peak_day" 2>/dev/null |
  awk 'NR > 2 && $2 ~ /^[0-9,]+$/ { gsub(",", "", $2); total += $2 } END { print total }')
measure "plain SimGrid, the same $transactions transactions" 6000 8192 \
  "$build/bench/plain_simgrid" "$transactions" 10000 1000
# Sizing and failure analysis of the national plan (targets ours: a planner waits minutes, not
# hours). The N-1 screen covers every backbone link, PoP, core, IX and data center (106 cases);
# the DES then runs the five worst on their window (one run: it takes minutes).
studies=$(mktemp -d)
measure "size plan-2017, analytic screen, FY2017-FY2025" 60 4096 \
  "$binary" size scenarios/plan-2017.yaml --no-des -o "$studies/size.h5"
RUNS=1 measure "size plan-2017 FY2025 with the DES check" 900 8192 \
  "$binary" size scenarios/plan-2017.yaml --years FY2025 -o "$studies/size-fy2025.h5"
measure "failures plan-2017, N-1 screen of 106 cases" 120 4096 \
  "$binary" failures scenarios/plan-2017.yaml --des-top 0 -o "$studies/failures.h5"
RUNS=1 measure "failures plan-2017, N-1 + 5 worst simulated" 1800 8192 \
  "$binary" failures scenarios/plan-2017.yaml --des-top 5 -o "$studies/failures-des.h5"
rm -rf "$studies"
tsunagu_s=$(awk -F, '$1 ~ /^simulate plan-2017/ { print $3 }' "$csv" | sort -g | sed -n 2p)
plain_s=$(awk -F, '$1 ~ /^plain SimGrid/ { print $3 }' "$csv" | sort -g | sed -n 2p)
awk -v a="$plain_s" -v b="$tsunagu_s" 'BEGIN { printf "plain SimGrid / tsunagu wall time: %.1fx\n", a / b }'
echo "figures: $csv"
exit $status
