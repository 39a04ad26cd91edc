#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cpp) with clang in build/fuzz and
# runs each one for SECONDS (default 60) from a copy of its seed corpus
# (fuzz/corpus/<name>/). Exits non-zero when a target crashes or breaks an
# invariant, printing the input that did it (kept in build/fuzz/crashes/<name>/).
#
#   scripts/fuzz.sh [SECONDS] [NAME...]   build, then run all targets (or the NAMEs: csv, url, …)
#   scripts/fuzz.sh --build-only          only configure and build
#   scripts/fuzz.sh --no-build SECONDS NAME...   run without building (ctest, after --build-only)
#
# New inputs the fuzzer finds go to build/fuzz/corpus/<name>/, never into the
# repository. Reproduce a crash with: build/fuzz/fuzz/<name>_fuzz CRASH-FILE
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir=$root/build/fuzz

build=1
run=1
case "${1:-}" in
  --build-only) run=0; shift ;;
  --no-build) build=0; shift ;;
esac
seconds=${1:-60}
[[ $# -gt 0 ]] && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [NAME...] | --build-only | --no-build SECONDS NAME..." >&2
  exit 2
fi

if (( build )); then
  if ! command -v clang++ >/dev/null 2>&1; then
    echo "scripts/fuzz.sh: clang++ not found (scripts/setup.sh --for-tests installs clang)" >&2
    exit 2
  fi
  export CCACHE_DIR="${CCACHE_DIR:-$root/.cache/ccache}"
  if [[ ! -f $build_dir/CMakeCache.txt ]]; then
    echo "==> configuring the fuzz targets (clang, build/fuzz)"
    CC=clang CXX=clang++ cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DYOYAKU_FUZZ=ON -DYOYAKU_BUILD_TESTS=OFF -DYOYAKU_BUILD_BENCH=OFF >/dev/null
  fi
  echo "==> building the fuzz targets"
  cmake --build "$build_dir" --target fuzz_targets -j "$(nproc)"
fi
(( run )) || exit 0

names=("$@")
if (( ${#names[@]} == 0 )); then
  for source in "$root"/fuzz/*_fuzz.cpp; do
    name=$(basename "$source" _fuzz.cpp)
    names+=("$name")
  done
fi

# Symbolised stack traces; leaks are bugs too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for name in "${names[@]}"; do
  binary=$build_dir/fuzz/${name}_fuzz
  seeds=$root/fuzz/corpus/$name
  if [[ ! -x $binary ]]; then
    echo "scripts/fuzz.sh: no fuzz target $name ($binary; build first)" >&2
    failed+=("$name (not built)")
    continue
  fi
  corpus=$build_dir/corpus/$name      # the working copy: seeds plus what the fuzzer finds
  crashes=$build_dir/crashes/$name
  mkdir -p "$corpus" "$crashes"
  [[ -d $seeds ]] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
  log=$build_dir/logs/$name.log
  mkdir -p "$(dirname "$log")"
  before=$(ls "$crashes" | wc -l)
  echo "==> fuzzing $name for ${seconds}s"
  set +e
  "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$corpus" >"$log" 2>&1
  status=$?
  set -e
  grep -E '^(stat::number_of_executed_units|stat::new_units_added)' "$log" | tr '\n' ' ' || true
  echo
  if (( status != 0 )) || (( $(ls "$crashes" | wc -l) > before )); then
    echo "!!! $name failed (exit $status); last lines of $log:"
    tail -n 40 "$log"
    for file in $(ls -t "$crashes" | head -n 3); do
      echo "!!! crash input: $crashes/$file"
    done
    failed+=("$name")
  fi
done

if (( ${#failed[@]} )); then
  echo "fuzzing failed: ${failed[*]}"
  exit 1
fi
echo "fuzzing passed: ${names[*]} (${seconds}s each)"
