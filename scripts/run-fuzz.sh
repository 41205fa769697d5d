#!/usr/bin/env bash
# Runs the fuzzers (make fuzz).
#   scripts/run-fuzz.sh BUILD_DIR SECONDS [EXEC_SECONDS]
# The loader fuzzer (fuzz_load, libFuzzer):
# 1. replays every input in fuzz/regressions/ (fails on any crash);
# 2. fuzzes for SECONDS, seeded with the corpus .pyc files and tests/malformed;
# 3. if it finds a crash, copies the input into fuzz/regressions/ and fails.
# Then the executor fuzzer (fuzz/fuzz_exec.py, with BUILD_DIR/xpython, which
# the fuzz build compiles with ASan): replays fuzz/exec-regressions/, then
# runs mutated 3.11 corpus programs for EXEC_SECONDS (default SECONDS) and
# keeps each crashing mutant in fuzz/exec-regressions/.
set -euo pipefail
BUILD=${1:?usage: run-fuzz.sh BUILD_DIR SECONDS}
SECS=${2:-60}
EXEC_SECS=${3:-$SECS}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FUZZ=$BUILD/fuzz/fuzz_load
[ -x "$FUZZ" ] || { echo "run-fuzz: $FUZZ not built (make fuzz builds it)" >&2; exit 1; }
CORPUS=$ROOT/tests/corpus

# Python's own allocator hides heap errors from ASan; leaks at exit are the
# interpreter's, not ours.
export PYTHONMALLOC=malloc
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Inputs larger than any real .pyc seed buy nothing; 2 GB caps a runaway allocation.
OPTS=(-rss_limit_mb=2048 -max_len=200000 -timeout=20 -malloc_limit_mb=1024)

REG=$ROOT/fuzz/regressions
mkdir -p "$REG"
shopt -s nullglob
regs=()
for f in "$REG"/*; do [[ $f == *.md ]] || regs+=("$f"); done
if [ ${#regs[@]} -gt 0 ]; then
  echo "run-fuzz: replaying ${#regs[@]} regression inputs"
  "$FUZZ" "${OPTS[@]}" -runs=1 "${regs[@]}" >"$BUILD/fuzz-replay.log" 2>&1 || {
    tail -40 "$BUILD/fuzz-replay.log"; echo "run-fuzz: a regression input fails again" >&2; exit 1; }
fi

SEEDS=$BUILD/fuzz-seeds
WORK=$BUILD/fuzz-work
ART=$BUILD/fuzz-artifacts
rm -rf "$SEEDS" "$ART"
mkdir -p "$SEEDS" "$WORK" "$ART"
n=0
for f in "$CORPUS"/*/*.pyc "$ROOT"/tests/malformed/*.pyc "$ROOT"/tests/malformed/controls/*.pyc; do
  n=$((n + 1)); cp "$f" "$SEEDS/seed_$n.pyc"
done
[ "$n" -gt 0 ] || { echo "run-fuzz: no seeds (corpus missing?)" >&2; exit 1; }
echo "run-fuzz: $n seeds, fuzzing for $SECS s"
set +e
"$FUZZ" "${OPTS[@]}" -max_total_time="$SECS" -print_final_stats=1 -artifact_prefix="$ART/" \
  "$WORK" "$SEEDS" >"$BUILD/fuzz.log" 2>&1
rc=$?
set -e
grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "$BUILD/fuzz.log" || true
found=("$ART"/*)
if [ $rc -ne 0 ] || [ ${#found[@]} -gt 0 ]; then
  tail -60 "$BUILD/fuzz.log"
  for f in "${found[@]}"; do
    cp "$f" "$REG/$(basename "$f")"
    echo "run-fuzz: saved $REG/$(basename "$f")" >&2
  done
  echo "run-fuzz: FAILED (libFuzzer exit $rc)" >&2
  exit 1
fi
echo "run-fuzz: no crash in $SECS s"

XPYTHON=$BUILD/xpython
[ -x "$XPYTHON" ] || { echo "run-fuzz: $XPYTHON not built (make fuzz builds it)" >&2; exit 1; }
# Any executor crash fails the run (issue 6's heap corruption, the last
# known one, was the fuzzer's own and is fixed). XP_EXEC_FUZZ_STRICT=0 only
# reports crashes, for a run meant to collect several.
rc=0
python3 "$ROOT/fuzz/fuzz_exec.py" --xpython "$XPYTHON" --seconds "$EXEC_SECS" --work-dir "$BUILD/fuzz-exec-work" || rc=$?
if [ $rc = 0 ]; then
  echo "run-fuzz: executor fuzzer: no crash in $EXEC_SECS s"
elif [ $rc = 2 ]; then
  echo "run-fuzz: executor fuzzer could not run (exit 2): FAILED" >&2
  exit 1
elif [ "${XP_EXEC_FUZZ_STRICT:-1}" != 0 ]; then
  echo "run-fuzz: executor fuzzer FAILED (crashes kept in fuzz/exec-regressions/)" >&2
  exit 1
else
  echo "run-fuzz: executor fuzzer found crashes (see above; not fatal with XP_EXEC_FUZZ_STRICT=0)" >&2
fi
