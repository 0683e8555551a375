#!/usr/bin/env bash
# The 12 MP HEIC/WebP measurements of Benchmarks/RESULTS.md ("Phone and web formats"):
#   1. preflight per process: RUNS (default 50) back-to-back `venice-edit preflight FILE` runs
#      timed as a whole, divided by RUNS (hyperfine is not installed here);
#   2. prepare beside vipsthumbnail doing the same job (decode, keep the 4032x3024 size, which is
#      inside Venice's limits, encode JPEG q92, 4:2:0 as ours): /usr/bin/time -v wall, CPU (user +
#      sys), peak RSS; the two take turns within each of 5 runs; medians printed.
# Inputs from Benchmarks/make-phone-inputs.sh; the binary from the release build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${VENICE_EDIT:-$root/.build/release/venice-edit}
runs=${RUNS:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in phone_12mp.heic phone_12mp.webp; do
    in=$root/bench-corpus/$f
    "$bin" preflight "$in" >/dev/null
    start=$(date +%s%N)
    for _ in $(seq "$runs"); do "$bin" preflight "$in" >/dev/null; done
    end=$(date +%s%N)
    echo "preflight $f: $(( (end - start) / runs / 1000 )) us per process ($runs runs)"
done
measure() { # LABEL COMMAND...
    local label=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time" || { cat "$tmp/time"; exit 1; }
    awk -v label="$label" -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
        /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 / 1024 }
        END { printf "%s %.3f %.3f %.1f\n", label, wall, user + sys, rss }' "$tmp/time" >> "$tmp/results"
}
: > "$tmp/results"
for run in 1 2 3 4 5; do
    for f in phone_12mp.heic phone_12mp.webp; do
        in=$root/bench-corpus/$f
        measure "venice-edit/$f" "$bin" prepare "$in" -o "$tmp/ours.jpg" --quality 92
        measure "vipsthumbnail/$f" vipsthumbnail "$in" --size 4032x3024 -o "$tmp/vips.jpg[Q=92,subsample-mode=on,strip]"
    done
done
echo "tool/input  wall-s  cpu-s  rss-MiB  (medians of 5)"
python3 - "$tmp/results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, cpu, rss = line.split()
    rows.setdefault(label, []).append((float(wall), float(cpu), float(rss)))
for label in sorted(rows):
    runs = rows[label]
    print(label, *("%.3f" % statistics.median(r[i] for r in runs) for i in range(2)),
          "%.1f" % statistics.median(r[2] for r in runs))
PY
ls -l "$tmp"/*.jpg | awk '{ print $5, $9 }'
