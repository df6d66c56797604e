#!/usr/bin/env bash
# The resource parsers side by side on the same 5,000-pod list, as YAML (kubectl's output) and
# as JSON: the measurement behind reading resource YAML with libyaml's event parser and keeping
# yaml-cpp for rule files. Each parser runs in its own process so its peak RSS is its own.
#
#   bench/parsers.sh [BUILD_DIR]      (default build-bench; configures it with the benchmarks on)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DKUBESIFT_BUILD_BENCH=ON \
  -DKUBESIFT_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target parse_bench >/dev/null

for format in yaml json; do
  python3 bench/gen_bundle.py --out "$work/$format" --pods 5000 --log-bytes-per-pod 0 \
    --events-per-pod 0 --format "$format" --compress none 2>/dev/null
done
yaml=$(echo "$work"/yaml/*/resources/pods.yaml)
json=$(echo "$work"/json/*/resources/pods.json)

echo "parser             input      median     rate          memory"
for p in libyaml-events kubesift-yaml; do "$build/bench/parse_bench" "$p" "$yaml" 3; done
"$build/bench/parse_bench" yaml-cpp "$yaml" 1
for p in simdjson-ondemand kubesift-json; do "$build/bench/parse_bench" "$p" "$json" 3; done
