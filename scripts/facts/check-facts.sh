#!/usr/bin/env bash
# check-facts.sh -- compare facts/opcodes-X.Y.tsv with what each pyenv
# interpreter's own `opcode` module says (scripts/facts/dump-opcodes.py).
#   scripts/facts/check-facts.sh           # report differences, exit 1 if any
#   scripts/facts/check-facts.sh --write   # rewrite the files from the interpreters
# Versions without a pyenv interpreter (2.4-2.6, 3.0-3.5, 3.14, PyPy) are
# listed as not checked; their files came from self-built interpreters or
# xdis (see facts/README.md) and are kept as they are.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
write=0
[ "${1:-}" = --write ] && write=1
if command -v pyenv >/dev/null 2>&1; then proot=$(pyenv root); else proot=${PYENV_ROOT:-$HOME/.pyenv}; fi
bad=0
for f in "$ROOT"/facts/opcodes-*.tsv; do
  label=$(basename "$f" .tsv); label=${label#opcodes-}
  exe=""
  case "$label" in *-pypy) ;; *)
    for d in $(ls -1 "$proot/versions" 2>/dev/null | sort -rV); do
      case "$d" in "$label".*) [ -x "$proot/versions/$d/bin/python" ] && { exe=$proot/versions/$d/bin/python; break; } ;; esac
    done ;;
  esac
  if [ -z "$exe" ]; then echo "not checked: $label (no interpreter)"; continue; fi
  if [ $write = 1 ]; then
    "$exe" "$ROOT/scripts/facts/dump-opcodes.py" >"$f" && echo "written: $label ($exe)"
  elif "$exe" "$ROOT/scripts/facts/dump-opcodes.py" | diff -u "$f" - >/tmp/check-facts.$$; then
    echo "same: $label ($exe)"
  else
    cat /tmp/check-facts.$$; echo "DIFFERS: $label ($exe)"; bad=1
  fi
done
rm -f /tmp/check-facts.$$
exit $bad
