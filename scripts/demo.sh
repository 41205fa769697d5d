#!/usr/bin/env bash
# A short tour of xpython (run by `make demo`):
#   1. a tiny program traced instruction by instruction (-v)
#   2. a .pyc compiled by the host's py_compile, run by xpython
#   3. an uncaught exception: traceback and exit status 1
#   4. the disassembler on .pyc files from CPython 2.7 and 3.14 (--dis)
#   5. those old .pyc files run, compared with what CPython 2.7/3.14 printed
# Uses only the xpython command, python3 and files in this repository.
# Exits 0 when every step behaved as expected, 1 otherwise.
set -u

XP=${1:-build/xpython}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
EX="$ROOT/examples"
if [ ! -x "$XP" ]; then
  echo "demo.sh: no xpython command at $XP (run \`make build\` first)" >&2
  exit 2
fi
XP=$(cd "$(dirname "$XP")" && pwd)/$(basename "$XP")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/xpython-demo.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
unexpected=0

step() {
  echo
  echo "=== $* ==="
}
note() { echo "--- $*"; }
# Shows a file, cut to its first N and last 5 lines when it is much longer.
show_cut() {
  local n=$1 file=$2 total
  total=$(wc -l <"$file")
  if [ "$total" -le $((n + 10)) ]; then
    cat "$file"
  else
    head -n "$n" "$file"
    echo "    ... ($((total - n - 5)) lines left out) ..."
    tail -n 5 "$file"
  fi
}

echo "xpython demo: $XP"
echo "host: $(python3 -c 'import sys; print("Python", sys.version.split()[0], "at", sys.executable)')"

# 1 ---------------------------------------------------------------------------
step "1. Tracing: xpython -v runs a program and prints every instruction it executes (stderr)"
note "examples/hello_trace.py:"
sed 's/^/    /' "$EX/hello_trace.py"
note "xpython -v examples/hello_trace.py   (program output and trace together)"
"$XP" -v "$EX/hello_trace.py" >"$TMP/trace" 2>&1
rc=$?
show_cut 80 "$TMP/trace"
if [ "$rc" = 0 ]; then
  note "exit status 0 (expected)"
else
  note "exit status $rc, expected 0: UNEXPECTED"
  unexpected=1
fi

# 2 ---------------------------------------------------------------------------
step "2. Running a .pyc: examples/wordfreq.py compiled by the host's py_compile, then run by xpython"
PYC="$TMP/wordfreq.pyc"
python3 -c 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)' \
  "$EX/wordfreq.py" "$PYC"
note "py_compile.compile('examples/wordfreq.py') -> $(basename "$PYC") ($(wc -c <"$PYC") bytes)"
note "xpython wordfreq.pyc"
"$XP" "$PYC" >"$TMP/wordfreq.xp" 2>&1
rc=$?
cat "$TMP/wordfreq.xp"
python3 "$EX/wordfreq.py" >"$TMP/wordfreq.native" 2>&1
if [ "$rc" = 0 ] && cmp -s "$TMP/wordfreq.xp" "$TMP/wordfreq.native"; then
  note "exit status 0; output identical to python3 examples/wordfreq.py"
else
  note "exit status $rc; output differs from python3's: UNEXPECTED"
  unexpected=1
fi

# 3 ---------------------------------------------------------------------------
step "3. An uncaught exception: xpython prints the traceback of the interpreted frames and exits 1"
note "xpython examples/uncaught.py"
(cd "$EX" && "$XP" uncaught.py) >"$TMP/uncaught.xp" 2>&1
rc=$?
cat "$TMP/uncaught.xp"
(cd "$EX" && python3 uncaught.py) >"$TMP/uncaught.native" 2>&1
if [ "$rc" = 1 ]; then
  note "exit status 1 (expected)"
else
  note "exit status $rc, expected 1: UNEXPECTED"
  unexpected=1
fi
if cmp -s "$TMP/uncaught.xp" "$TMP/uncaught.native"; then
  note "identical to python3's output"
else
  note "python3 prints this instead:"
  sed 's/^/    /' "$TMP/uncaught.native"
fi

# 4 ---------------------------------------------------------------------------
step "4. Disassembling .pyc files of other versions: the same program compiled by CPython 2.7 and 3.14"
if "$XP" --help 2>&1 | grep -q -- '--dis'; then
  for v in 2.7 3.14; do
    note "xpython --dis examples/old-pyc/$v/151_loops.pyc (first 30 lines)"
    "$XP" --dis "$EX/old-pyc/$v/151_loops.pyc" >"$TMP/dis.$v" 2>&1
    rc=$?
    show_cut 30 "$TMP/dis.$v"
    if [ "$rc" != 0 ]; then
      note "exit status $rc: UNEXPECTED"
      unexpected=1
    fi
  done
else
  note "this xpython has no --dis option yet (not listed by xpython --help); skipped"
fi

# 5 ---------------------------------------------------------------------------
step "5. Running those .pyc files: output and exit status next to what CPython 2.7 / 3.14 recorded"
for v in 2.7 3.14; do
  dir="$EX/old-pyc/$v"
  want=$(cat "$dir/151_loops.rc")
  note "xpython examples/old-pyc/$v/151_loops.pyc"
  # Unbuffered, so stdout and stderr interleave in program order like the recording.
  PYTHONUNBUFFERED=1 "$XP" "$dir/151_loops.pyc" >"$TMP/old.$v" 2>&1
  rc=$?
  cat "$TMP/old.$v"
  if [ "$rc" = "$want" ] && cmp -s "$TMP/old.$v" "$dir/151_loops.out"; then
    note "exit status $rc and output identical to CPython $v's"
  elif [ "$rc" = 3 ]; then
    # Exit status 3 is xpython's "valid .pyc of a version it cannot run yet".
    note "exit status 3: this build cannot run CPython $v bytecode yet"
  else
    note "exit status $rc (CPython $v: $want); output $(cmp -s "$TMP/old.$v" "$dir/151_loops.out" && echo identical || echo differs): UNEXPECTED"
    diff "$dir/151_loops.out" "$TMP/old.$v" | head -n 8 | sed 's/^/    /'
    unexpected=1
  fi
done

echo
if [ "$unexpected" = 0 ]; then
  echo "demo finished: every step behaved as expected"
  exit 0
fi
echo "demo finished: some steps did not behave as expected (marked UNEXPECTED above)"
exit 1
