#!/usr/bin/env bash
# regen-corpus.sh -- rebuild the conformance corpus outputs: for every Python
# interpreter found, compile each corpus/src/*.py whose "# versions: A-B"
# range includes that interpreter's X.Y, run it, and store
# corpus/<X.Y>/NAME.pyc, NAME.out, NAME.rc (+ VERSION); then rewrite
# corpus/MANIFEST.tsv.  Versions whose interpreter is not found are left as
# they are.
#
# usage: scripts/corpus/regen-corpus.sh [LABEL ...]     (LABEL: 3.11, 2.7, 3.9-pypy, ...;
#                                              default: every label found)
#        scripts/corpus/regen-corpus.sh --list          (show interpreters found, do nothing)
#        scripts/corpus/regen-corpus.sh --manifest      (only rewrite MANIFEST.tsv and check)
#
# Interpreters, first found wins for a label:
#   1. CORPUS_PYTHONS   space-separated python executables (e.g. self-built
#                       old CPythons); optional
#   2. pyenv            $(pyenv root)/versions/*/bin/python, or
#                       ${PYENV_ROOT:-$HOME/.pyenv} when pyenv is not on PATH
#                       (CPython -> X.Y, PyPy -> X.Y-pypy; pre-releases skipped)
#   3. pypy3/pypy on PATH -> X.Y-pypy        (CORPUS_NO_PYPY=1 skips)
#   4. Pyodide (CPython 3.14 on WebAssembly, run by node) from
#      ${CORPUS_PYODIDE_CACHE:-$HOME/.cache/xpython-pyodide}/node_modules/pyodide;
#      installed there with `npm install pyodide@$CORPUS_PYODIDE_VERSION`
#      (default 314.0.7) when missing   (CORPUS_NO_PYODIDE=1 skips)
# Needs node (>= 18) for pyc-tool.mjs.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
CORPUS=$(cd "${CORPUS_DIR:-$HERE/../../tests/corpus}" && pwd)
SRC=$CORPUS/src
TOOL=$HERE/pyc-tool.mjs
PYODIDE_CACHE=${CORPUS_PYODIDE_CACHE:-$HOME/.cache/xpython-pyodide}
PYODIDE_VERSION=${CORPUS_PYODIDE_VERSION:-314.0.7}

mode=gen
want=()
for a in "$@"; do
  case "$a" in
    --list) mode=list ;;
    --manifest) mode=manifest ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) want+=("$a") ;;
  esac
done

declare -A EXE=()     # label -> interpreter (executable path, or pyodide dir)
declare -A ORIGIN=()  # label -> description written into VERSION
labels=()

probe() {  # probe EXE -> prints "X.Y impl final|pre" or nothing (2.4-compatible code)
  "$1" -c '
import sys
impl = "CPython"
if hasattr(sys, "pypy_version_info"): impl = "PyPy"
elif hasattr(sys, "implementation") and sys.implementation.name != "cpython": impl = sys.implementation.name
elif sys.platform.startswith("java") or sys.platform == "cli": impl = sys.platform
sys.stdout.write("%d.%d %s %s\n" % (sys.version_info[0], sys.version_info[1], impl, sys.version_info[3]))' 2>/dev/null
}
add() {  # add LABEL TARGET ORIGIN
  [ -n "${EXE[$1]+x}" ] && return 0
  EXE[$1]=$2; ORIGIN[$1]=$3; labels+=("$1")
}
add_native() {  # add_native EXE ORIGIN-PREFIX
  local exe=$1 info xy impl rel
  [ -x "$exe" ] || return 0
  info=$(probe "$exe") || return 0
  read -r xy impl rel <<<"$info"
  [ "$rel" = final ] || return 0
  case "$impl" in
    CPython) add "$xy" "$exe" "$2" ;;
    PyPy) add "$xy-pypy" "$exe" "$2" ;;
  esac
}

if [ "$mode" != manifest ]; then
  for exe in ${CORPUS_PYTHONS:-}; do add_native "$exe" "CORPUS_PYTHONS $(basename "$exe")"; done
  if command -v pyenv >/dev/null 2>&1; then proot=$(pyenv root); else proot=${PYENV_ROOT:-$HOME/.pyenv}; fi
  if [ -d "$proot/versions" ]; then
    # newest patch release first, so it wins for its X.Y
    for d in $(ls -1 "$proot/versions" | sort -rV); do
      for exe in "$proot/versions/$d/bin/python" "$proot/versions/$d/bin/python3" "$proot/versions/$d/bin/pypy3"; do
        if [ -x "$exe" ]; then add_native "$exe" "pyenv $d"; break; fi
      done
    done
  fi
  if [ "${CORPUS_NO_PYPY:-0}" != 1 ]; then
    for n in pypy3 pypy; do
      exe=$(command -v $n 2>/dev/null) && add_native "$exe" "PATH $n"
    done
  fi
  if [ "${CORPUS_NO_PYODIDE:-0}" != 1 ] && command -v node >/dev/null 2>&1; then
    pdir=$PYODIDE_CACHE/node_modules/pyodide
    if [ ! -f "$pdir/pyodide.mjs" ] && [ "$mode" = gen ]; then
      echo "installing pyodide@$PYODIDE_VERSION into $PYODIDE_CACHE" >&2
      mkdir -p "$PYODIDE_CACHE" && npm install --silent --no-audit --no-fund --prefix "$PYODIDE_CACHE" "pyodide@$PYODIDE_VERSION" >&2
    fi
    if [ -f "$pdir/pyodide.mjs" ]; then
      pver=$(node -p "require('$pdir/package.json').version" 2>/dev/null)
      case "$pver" in  # Pyodide 314.x.y carries CPython 3.14, 0.27/0.28 -> 3.12/3.13 etc.
        3[0-9][0-9].*) add "3.${pver:1:2}" "$pdir" "pyodide $pver" ;;
        *) echo "note: pyodide $pver not mapped to a Python version; skipped" >&2 ;;
      esac
    fi
  fi
fi

if [ "$mode" = list ]; then
  for l in "${labels[@]}"; do printf '%-10s %-40s %s\n' "$l" "${ORIGIN[$l]}" "${EXE[$l]}"; done
  exit 0
fi

key() { echo "$1" | sed 's/-.*//' | awk -F. '{printf "%d%03d", $1, $2}'; }
in_range() {  # in_range SRC LABEL
  local line lo hi v
  line=$(head -1 "$1")
  case "$line" in "# versions: "*) ;; *) return 1 ;; esac
  line=${line#\# versions: }
  lo=${line%%-*}; hi=${line#*-}
  v=$(key "$2")
  [ "$v" -ge "$(key "$lo")" ] && [ "$v" -le "$(key "$hi")" ]
}

status=0
if [ "$mode" = gen ]; then
  for w in "${want[@]}"; do
    [ -n "${EXE[$w]+x}" ] || echo "$w: no interpreter found; folder left as it is" >&2
  done
  for l in "${labels[@]}"; do
    if [ ${#want[@]} -gt 0 ]; then
      hit=0; for w in "${want[@]}"; do [ "$w" = "$l" ] && hit=1; done
      [ $hit = 1 ] || continue
    fi
    list=$(mktemp); tmp="$CORPUS/.tmp-$l"
    rm -rf "$tmp"
    for f in "$SRC"/*.py; do in_range "$f" "$l" && echo "$f" >> "$list"; done
    n=$(wc -l < "$list")
    if [ "$n" -eq 0 ]; then rm -f "$list"; continue; fi
    start=$(date +%s)
    if [ -d "${EXE[$l]}" ]; then
      # Pyodide: programs that run an asyncio event loop need stack switching
      # (--jspi), which node 20 supports only experimentally and which can crash
      # a long run, so those get their own node process
      jlist=$(mktemp); plist=$(mktemp)
      while read -r f; do
        if grep -q '^import asyncio\|^from asyncio' "$f"; then echo "$f" >> "$jlist"; else echo "$f" >> "$plist"; fi
      done < "$list"
      rc=0
      [ -s "$plist" ] && { node "$TOOL" --mtime=0 --timeout=60 "${EXE[$l]}" "$tmp" "@$plist" > "$tmp.log" 2>&1 || rc=$?; }
      [ -s "$jlist" ] && { node "$TOOL" --jspi --mtime=0 --timeout=60 "${EXE[$l]}" "$tmp" "@$jlist" >> "$tmp.log" 2>&1 || rc=$?; }
      rm -f "$jlist" "$plist"
    else
      node "$TOOL" --mtime=0 --timeout=60 "${EXE[$l]}" "$tmp" "@$list" > "$tmp.log" 2>&1
      rc=$?
    fi
    rm -f "$list"
    # 2.4/2.5 have no PYTHONDONTWRITEBYTECODE: imports of sibling modules leave .pyc files in src/
    rm -rf "$SRC"/*.pyc "$SRC"/*.pyo "$SRC"/__pycache__
    if [ ! -f "$tmp/VERSION" ]; then
      echo "$l: FAILED (rc=$rc), see $tmp.log" >&2; status=1; continue
    fi
    rm -f "$tmp"/*.stdout "$tmp"/*.stderr "$tmp/.sources.lst"
    sed -i "s|^executable .*|executable ${ORIGIN[$l]}|" "$tmp/VERSION"
    rm -rf "${CORPUS:?}/$l"; mv "$tmp" "$CORPUS/$l"
    if [ "$rc" = 0 ]; then rm -f "$tmp.log"; else mv "$tmp.log" "$CORPUS/.regen-$l.log"; status=1; fi
    echo "$l: $n programs via ${ORIGIN[$l]} ($(( $(date +%s) - start ))s, tool rc=$rc)"
  done
fi

# ---- MANIFEST.tsv and expectation check -----------------------------------
# A program passes when its .rc equals the "# expect-rc: N" line of its source
# (default 0) and, for rc 0, the last line of .out is "ok NAME"; mod_* helper
# modules only need rc 0.
man=$CORPUS/MANIFEST.tsv
printf 'version\tname\trc\tpyc_sha256\tout_lines\n' > "$man.tmp"
bad=0
for d in $(cd "$CORPUS" && ls -d */ 2>/dev/null | tr -d / | grep -v '^src$' | sort -V); do
  for rcf in "$CORPUS/$d"/*.rc; do
    [ -f "$rcf" ] || continue
    n=$(basename "$rcf" .rc)
    rc=$(tr -d '\n' < "$rcf")
    if [ -f "$CORPUS/$d/$n.pyc" ]; then sha=$(sha256sum "$CORPUS/$d/$n.pyc" | cut -d' ' -f1); else sha=-; fi
    lines=$(wc -l < "$CORPUS/$d/$n.out" 2>/dev/null || echo 0)
    printf '%s\t%s\t%s\t%s\t%s\n' "$d" "$n" "$rc" "$sha" "$lines" >> "$man.tmp"
    exp=$(sed -n '2s/^# expect-rc: *\([0-9]*\).*/\1/p' "$SRC/$n.py" 2>/dev/null); exp=${exp:-0}
    case "$n" in
      mod_*) [ "$rc" = 0 ] || { echo "CHECK $d/$n: rc=$rc" >&2; bad=$((bad+1)); } ;;
      *) if [ "$rc" != "$exp" ]; then echo "CHECK $d/$n: rc=$rc, expected $exp" >&2; bad=$((bad+1))
         elif [ "$exp" = 0 ] && [ "$(tail -n 1 "$CORPUS/$d/$n.out")" != "ok $n" ]; then
           echo "CHECK $d/$n: last line is not 'ok $n'" >&2; bad=$((bad+1)); fi ;;
    esac
    [ -f "$CORPUS/$d/$n.compile_error" ] && { echo "CHECK $d/$n: does not compile" >&2; bad=$((bad+1)); }
  done
done
mv "$man.tmp" "$man"
echo "MANIFEST.tsv: $(( $(wc -l < "$man") - 1 )) rows; $bad check failure(s)"
[ $bad -eq 0 ] || status=1
exit $status
