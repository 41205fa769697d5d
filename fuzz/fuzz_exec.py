#!/usr/bin/env python3
"""Executor fuzzer: mutated 3.11 corpus programs, verified and run by the VM.

  fuzz/fuzz_exec.py --xpython BUILD/xpython --seconds N [--jobs J] [--seed S]

The verifier promises that the eval loop may trust whatever it accepts. This
driver checks that promise: it mutates the programs of tests/corpus/3.11
(opcodes, arguments, swapped and blanked instructions, jump targets, the
exception table, constants, names, co_stacksize, co_flags, argument counts;
in any code object of the tree), writes each mutant as a .pyc and has an
xpython process load it with xpython's own reader (`_xpython.exec_pyc`:
load, decode, verify) and run what is accepted in the VM under an
instruction budget. Build xpython with ASan (`make fuzz` uses build-fuzz):
then any bad memory access is a crash. The gc runs often in the workers
(threshold 50), so the collector sees the mutants' frames and generators.

Steps (exit status 1 if any fails):
 1. replay every .pyc in fuzz/exec-regressions/ (must not crash);
 2. fuzz for N seconds with J workers; a worker that dies (signal, sanitizer
    report, fatal error) leaves the mutant it was running, which is saved as
    fuzz/exec-regressions/crash-SHA1.pyc with the log beside it;
 3. print how many mutants were made, how many the verifier accepted, how
    many of those ran to the end, raised, or ran out of budget.

A worker that makes no progress for --hang-seconds (a mutant stuck in host C
code, e.g. a huge integer power: the budget counts only VM instructions) is
killed; its mutant is kept as fuzz/exec-regressions/hangs/hang-SHA1.pyc, with
the worker's stack (gdb, if installed) taken before the kill in
hang-SHA1.log. Hangs are reported, not failures, and not replayed (each
would cost --hang-seconds).

What a mutant leaves behind (globals, its exception, suspended generators
and coroutines, whose finalizers run VM code) is dropped under an instruction
budget too, and the collector runs only while a budget is set.

The workers run the mutants with a reduced builtins module (no open, input,
exit; imports only of a few pure modules; a stub `sys`) and their output
thrown away, in a scratch folder: mutated code calls whatever names its
program had.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REGRESSIONS = os.path.join(HERE, "exec-regressions")
SEED_DIR = os.path.join(ROOT, "tests", "corpus", "3.11")

# Instructions one mutant may run (the corpus programs need far fewer).
BUDGET = 200_000
# Mutants a worker keeps on disk (the crashing one and those before it).
RING = 32

# ---------------------------------------------------------------- worker side
# Runs inside xpython (imported natively: only the mutants run in the VM).

SAFE_MODULES = {
    "__future__", "abc", "bisect", "collections", "contextlib", "dataclasses", "datetime", "decimal",
    "enum", "fractions", "functools", "heapq", "itertools", "json", "math", "operator", "re", "string",
    "struct", "types", "typing",
}


class _Discard:
    """Where the mutants' output goes. Not a StringIO: one mutant can print
    hundreds of megabytes (json.dumps with indent=16909060, a swapped
    constant), and a StringIO kept it all; truncating it then raised
    MemoryError in the worker's own code, a false crash."""
    encoding = "utf-8"
    errors = "strict"

    def write(self, s):
        return len(s)

    def writelines(self, lines):
        pass

    def flush(self):
        pass

    def isatty(self):
        return False

    def readline(self, *args):
        return ""

    def read(self, *args):
        return ""


def _safe_namespace():
    import builtins
    import types

    fake_sys = types.ModuleType("sys")
    for name in ("version", "version_info", "hexversion", "maxsize", "byteorder", "float_info", "int_info",
                 "hash_info", "implementation", "flags", "platform", "getrecursionlimit", "getsizeof",
                 "intern", "exc_info", "exception", "getdefaultencoding", "maxunicode"):
        if hasattr(sys, name):
            setattr(fake_sys, name, getattr(sys, name))
    fake_sys.argv = ["mutant"]
    fake_sys.path = []
    fake_sys.modules = {}
    fake_sys.stdout = fake_sys.stderr = fake_sys.stdin = _Discard()
    real_import = builtins.__import__

    def safe_import(name, globals=None, locals=None, fromlist=(), level=0):
        if level == 0 and name == "sys":
            return fake_sys
        if level != 0 or name.split(".")[0] not in SAFE_MODULES:
            raise ImportError("fuzz_exec: import of %r is not allowed" % name)
        return real_import(name, globals, locals, fromlist, level)

    safe = dict(builtins.__dict__)
    for name in ("open", "input", "exit", "quit", "help", "breakpoint", "copyright", "credits", "license"):
        safe.pop(name, None)
    safe["__import__"] = safe_import
    return safe


def _codes(code, path=()):
    """(path, code object) of every code object in the tree."""
    yield path, code
    for i, k in enumerate(code.co_consts):
        # Not hasattr(k, "co_code"): that builds the deoptimised bytes of
        # every nested code object, on every mutation.
        if isinstance(k, types.CodeType):
            yield from _codes(k, path + (i,))


def _replace_at(code, path, new):
    if not path:
        return new
    consts = list(code.co_consts)
    consts[path[0]] = _replace_at(consts[path[0]], path[1:], new)
    return code.replace(co_consts=tuple(consts))


class Mutator:
    def __init__(self, rng):
        import dis
        self.rng = rng
        self.dis = dis
        self.caches = dis._inline_cache_entries
        self.cache_op = dis.opmap["CACHE"]
        self.ops = sorted(set(dis.opmap.values()) - {self.cache_op})
        self.by_caches = {}
        for o in self.ops:
            self.by_caches.setdefault(self.caches[o], []).append(o)
        self.jumps = set(dis.hasjrel) | set(dis.hasjabs)
        # What the host's deopt_code (codeobject.c, behind `co_code`,
        # marshal.dumps, code.replace's own checks: none) takes as the inline
        # caches of each opcode byte: a specialised opcode counts as its base
        # instruction, whose caches dis does not list under the specialised
        # name.
        self.host_caches = []
        for o in range(256):
            name = dis._all_opname[o]
            base = dis.deoptmap.get(name, name)
            self.host_caches.append(self.caches[dis._all_opmap[base]] if base in dis._all_opmap else 0)
        self.const_pool = [None, True, False, 0, 1, -1, 2 ** 70, 1.5, "", "x", b"", (), (1, 2), ("a",),
                           frozenset(), Ellipsis]

    def instrs(self, code):
        """Offsets of real instructions (cache units skipped)."""
        b = code.co_code
        out, i = [], 0
        while i < len(b):
            out.append(i)
            i += 2 + 2 * self.caches[b[i]] if b[i] != self.cache_op else 2
        return out

    def mutate_code(self, code):
        r = self.rng
        kind = r.choice(["opcode", "opcode", "arg", "arg", "arg", "swap", "blank", "jump", "jump",
                         "exctable", "stacksize", "flags", "consts", "names", "argcount"])
        b = bytearray(code.co_code)
        starts = self.instrs(code)
        if kind == "opcode":
            i = r.choice(starts)
            same = self.by_caches.get(self.caches[b[i]], self.ops)
            b[i] = r.choice(same) if r.random() < 0.85 else r.randrange(256)
        elif kind == "arg":
            i = r.choice(starts)
            b[i + 1] = r.choice([0, 1, 2, 3, max(0, b[i + 1] - 1), min(255, b[i + 1] + 1), r.randrange(256)])
        elif kind == "swap":
            plain = [i for i in starts if self.caches[b[i]] == 0 or r.random() < 0.1]
            if len(plain) < 2:
                return None
            i = r.choice(plain)
            j = i + 2 if r.random() < 0.5 and i + 2 in plain else r.choice(plain)
            b[i:i + 2], b[j:j + 2] = b[j:j + 2], b[i:i + 2]
        elif kind == "blank":
            i = r.choice(starts)
            n = 1 + self.caches[b[i]]
            nop = self.dis.opmap["NOP"]
            for k in range(n):
                b[i + 2 * k], b[i + 2 * k + 1] = nop, 0
        elif kind == "jump":
            js = [i for i in starts if b[i] in self.jumps]
            if not js:
                return None
            i = r.choice(js)
            b[i + 1] = r.choice([0, 1, r.randrange(max(1, len(b) // 2)), max(0, b[i + 1] + r.choice([-2, -1, 1, 2]))]) & 0xFF
        elif kind == "exctable":
            t = bytearray(code.co_exceptiontable)
            if not t:
                return None
            choice = r.random()
            if choice < 0.6:
                k = r.randrange(len(t))
                t[k] = (t[k] & 0xC0) | r.randrange(64) if r.random() < 0.7 else r.randrange(256)
            elif choice < 0.8:
                del t[r.randrange(len(t)):]
            else:
                t = bytearray()
            return code.replace(co_exceptiontable=bytes(t))
        elif kind == "stacksize":
            return code.replace(co_stacksize=max(0, code.co_stacksize + r.choice([-2, -1, -1, 1, 2])))
        elif kind == "flags":
            bit = r.choice([0x1, 0x2, 0x4, 0x8, 0x20, 0x80, 0x100, 0x200])
            return code.replace(co_flags=code.co_flags ^ bit)
        elif kind == "consts":
            consts = list(code.co_consts)
            if not consts:
                return None
            i = r.randrange(len(consts))
            if r.random() < 0.5 and len(consts) > 1:
                j = r.randrange(len(consts))
                consts[i], consts[j] = consts[j], consts[i]
            else:
                consts[i] = r.choice(self.const_pool)
            return code.replace(co_consts=tuple(consts))
        elif kind == "names":
            names = list(code.co_names)
            if len(names) < 2:
                return None
            i, j = r.randrange(len(names)), r.randrange(len(names))
            names[i], names[j] = names[j], names[i]
            return code.replace(co_names=tuple(names))
        elif kind == "argcount":
            field = r.choice(["co_argcount", "co_kwonlyargcount", "co_posonlyargcount"])
            return code.replace(**{field: max(0, getattr(code, field) + r.choice([-1, 1]))})
        if not self.host_safe(b):
            # CPython 3.11 writes CACHE units for the last instruction's
            # caches without checking the length (deopt_code), past the end
            # of the bytes object, whenever anything reads co_code of such a
            # code object (marshal.dumps in _pyc_bytes; co_code):
            # heap corruption in the worker, by the fuzzer itself (issue 6).
            # The host cannot hold this bytecode safely, so it is not
            # buildable here; xpython's reader refuses it anyway ("inline
            # cache runs past the end of co_code", test_crafted_bytecode).
            raise ValueError("fuzz_exec: the last instruction's inline caches run past the end")
        return code.replace(co_code=bytes(b))

    def host_safe(self, b):
        """Does deopt_code's walk over `b` stay inside it?"""
        i = 0
        while i < len(b):
            i += 2 + 2 * self.host_caches[b[i]]
        return i == len(b)

    def mutate(self, module):
        for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3])):
            path, code = self.rng.choice(list(_codes(module)))
            new = self.mutate_code(code)
            if new is None:
                continue
            module = _replace_at(module, path, new)
        return module


def _pyc_bytes(code):
    import importlib.util
    import marshal
    return importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(code)


class _InPlaceFile:
    """A file the worker rewrites for every mutant, kept open.

    Not open(path, "wb") per mutant: on ext4 (auto_da_alloc) closing a file
    that was truncated to size 0 and rewritten forces its blocks to disk, and
    so does the next close of any descriptor of it (exec_pyc's read): about
    3 ms a write, half of a worker's time with two files written per mutant.
    Written from offset 0 and then cut to the new length, the file is never
    empty, and the data stays in the page cache, which outlives a crashing
    worker. Each write updates the mtime (the parent's progress signal)."""

    def __init__(self, path):
        self.path, self.fd = path, None

    def write(self, data):
        if self.fd is None:   # on first use: an unused slot leaves no empty file
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        os.pwrite(self.fd, data, 0)
        os.ftruncate(self.fd, len(data))


class Stats:
    def __init__(self):
        self.made = self.invalid = self.rejected = self.finished = self.raised = self.budget = 0
        self.known_hang = 0

    def as_dict(self):
        return dict(self.__dict__)


# What a mutant leaves behind (its globals, the exception it raised, with
# their suspended generators and coroutines) is dropped by this program, run
# in the VM under a budget of its own: dropping them finalizes those frames
# (gen_close: their `finally` and `except` blocks run), and a frame that
# starts while no budget is set runs unbounded. A mutant of
# 093_async_with_for left a coroutine whose handler loops raising and
# catching without POP_EXCEPT: closed by `g.clear()` after exec_pyc had
# lifted the budget, it ran forever (in `_PyErr_SetObject`, walking an ever
# longer __context__ chain).
CLEANUP_SOURCE = "target.clear()\n"


_cleanup_path = None
_DISCARD = _Discard()


def _cleanup_pyc():
    """CLEANUP_SOURCE's .pyc (in the worker's folder, written once)."""
    global _cleanup_path
    if _cleanup_path is None:
        path = os.path.abspath("fuzz_exec_cleanup.pyc")
        with open(path, "wb") as f:
            f.write(_pyc_bytes(compile(CLEANUP_SOURCE, "<fuzz_exec cleanup>", "exec")))
        _cleanup_path = path
    return _cleanup_path


def _run_one(path, safe_builtins, stats):
    """Loads and runs one .pyc in the VM; counts the outcome."""
    import _xpython
    import gc
    g = {"__name__": "__main__", "__builtins__": safe_builtins}
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout = sys.stderr = sys.stdin = _DISCARD
    # The collector runs (finalizing the cyclic garbage of earlier mutants)
    # only while a budget is set: in exec_pyc, here or in the cleanup.
    gc.enable()
    error = None
    try:
        _xpython.exec_pyc(path, g, BUDGET)
        stats.finished += 1
    except BaseException as e:  # the mutant's own failure (SystemExit and KeyboardInterrupt too)
        error = e
    if error is None:
        pass
    elif isinstance(error, ImportError) and error.__traceback__ is not None and error.__traceback__.tb_next is None:
        # Raised by exec_pyc itself (no traceback entry below it): the
        # loader or the verifier refused the file: nothing of it ran.
        stats.rejected += 1
        error = None
    elif isinstance(error, RuntimeError) and str(error) == "xpython: instruction budget exhausted":
        stats.budget += 1
    else:
        stats.raised += 1
    g["<fuzz_exec error>"] = error
    del error
    leaked = sys.exc_info()[1]
    if leaked is not None:
        _clear_handled_exception()
        g["<fuzz_exec handled exception>"] = leaked   # dropped under the budget too
        del leaked
    if g["<fuzz_exec error>"] is not None or len(g) > 3:
        try:
            _xpython.exec_pyc(_cleanup_pyc(), {"target": g, "__builtins__": safe_builtins}, BUDGET)
        except BaseException:   # budget exhausted: the finalizers were cut short, g is empty anyway
            pass
    g.clear()
    gc.disable()
    sys.stdout, sys.stderr, sys.stdin = saved


def _clear_handled_exception():
    """A mutant can leave the thread's handled exception set (a frame that
    ends inside an `except` block whose POP_EXCEPT was mutated away: CPython
    3.11 restores it only at POP_EXCEPT, and so does the VM). Every later
    exception, of later mutants and of the worker itself, would then chain
    to it, keeping all of them and their frames alive: the mutants would
    not be independent and a kept sequence would not replay alone."""
    import ctypes
    set_handled = ctypes.pythonapi.PyErr_SetHandledException
    set_handled.argtypes = [ctypes.py_object]
    set_handled.restype = None
    set_handled(None)


def worker_main():
    """xpython -c 'import fuzz_exec; fuzz_exec.worker_main()' CONFIG.json"""
    import gc
    import marshal
    import random
    import resource

    cfg = json.load(open(sys.argv[1]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))
    sys.setrecursionlimit(400)
    gc.set_threshold(50)
    safe = _safe_namespace()
    stats = Stats()
    current = cfg["current"]
    if cfg.get("replay"):
        for p in cfg["replay"]:
            shutil.copyfile(p, current)
            _run_one(current, safe, stats)
        json.dump(stats.as_dict(), open(cfg["stats"], "w"))
        _cycle_quarantine()
        return
    seeds = []
    only = cfg.get("programs") or []
    for name in sorted(os.listdir(cfg["seed_dir"])):
        if name.endswith(".pyc") and (not only or any(name.startswith(p) for p in only)):
            with open(os.path.join(cfg["seed_dir"], name), "rb") as f:
                seeds.append(marshal.loads(f.read()[16:]))
    if not seeds:
        raise SystemExit("fuzz_exec: no corpus program matches %r" % only)
    rng = random.Random(cfg["seed"])
    mut = Mutator(rng)
    # The last RING mutants are kept: damage done by one (a write through a
    # stale pointer) may only crash the process some runs later.
    hist = os.path.join(os.path.dirname(current), "history")
    os.makedirs(hist, exist_ok=True)
    ring = [_InPlaceFile(os.path.join(hist, "%03d.pyc" % k)) for k in range(RING)]
    current_file = _InPlaceFile(current)
    # Mutants already kept as hangs are not run again: each would cost
    # --hang-seconds (012_bigint's `a * b` in gcd, one argument off, comes
    # back about every 100,000 mutants).
    known_hangs = set()
    hangs_dir = cfg.get("hangs")
    if hangs_dir and os.path.isdir(hangs_dir):
        for name in os.listdir(hangs_dir):
            if name.startswith("hang-") and name.endswith(".pyc"):
                known_hangs.add(name[len("hang-"):-len(".pyc")])
    deadline = time.monotonic() + cfg["seconds"]
    last_report = 0.0
    limit = cfg.get("limit") or 0
    while time.monotonic() < deadline and not (limit and stats.made >= limit):
        stats.made += 1
        try:
            data = _pyc_bytes(mut.mutate(rng.choice(seeds)))
            if known_hangs and hashlib.sha1(data).hexdigest() in known_hangs:
                stats.known_hang += 1
                continue
            ring[stats.made % RING].write(data)
            current_file.write(data)
        except Exception:   # ValueError, SystemError, ...: the host refused to build this code object
            stats.invalid += 1
            continue
        if not cfg.get("no_run") and stats.made >= cfg.get("run_from", 0):
            _run_one(current, safe, stats)
        now = time.monotonic()
        if now - last_report > 1.0:
            last_report = now
            with open(cfg["stats"], "w") as f:
                json.dump(stats.as_dict(), f)
    with open(cfg["stats"], "w") as f:
        json.dump(stats.as_dict(), f)
    if limit:
        _cycle_quarantine()


def _cycle_quarantine():
    """Frees enough memory to push every earlier free out of ASan's
    quarantine: a freed block whose header was overwritten since (a write
    through a stale pointer by uninstrumented host code) is checked now, so
    the process fails while the inputs that did it are still known."""
    for _ in range(600):
        bytearray(1 << 20)


# ---------------------------------------------------------------- parent side

def _env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONPATH=HERE, PYTHONHASHSEED="0", PYTHONMALLOC="malloc", PYTHONDONTWRITEBYTECODE="1",
               ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:allocator_may_return_null=1:"
                            "max_allocation_size_mb=512:" + os.environ.get("XP_FUZZ_ASAN_EXTRA", ""),
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:abort_on_error=1")
    return env


CRASH_MARKS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:", "Fatal Python error",
               "LeakSanitizer")


class Worker:
    def __init__(self, args, work, ident, seed=None, seconds=0.0, replay=None):
        self.seed = seed
        self.dir = os.path.join(work, "w%d" % ident)
        os.makedirs(self.dir, exist_ok=True)
        self.current = os.path.join(self.dir, "current.pyc")
        self.stats_path = os.path.join(self.dir, "stats.json")
        self.log_path = os.path.join(self.dir, "log.txt")
        for p in (self.current, self.stats_path):
            if os.path.exists(p):
                os.remove(p)
        cfg = dict(seed=seed, seconds=seconds, seed_dir=SEED_DIR, current=self.current, stats=self.stats_path,
                   replay=replay, limit=getattr(args, "limit", 0), run_from=getattr(args, "run_from", 0),
                   programs=getattr(args, "programs", None),
                   hangs=os.path.join(args.regressions, HANGS) if hasattr(args, "regressions") else None)
        cfg_path = os.path.join(self.dir, "config.json")
        with open(cfg_path, "w") as f:
            json.dump(cfg, f)
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [args.xpython, "-c", "import fuzz_exec; fuzz_exec.worker_main()", cfg_path],
            cwd=self.dir, env=_env(), stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        self.started_wall = time.time()

    def stats(self):
        try:
            with open(self.stats_path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return {}

    def last_progress(self):
        """When the worker last started a mutant (the .pyc it writes first)."""
        try:
            return max(os.path.getmtime(self.current), self.started_wall)
        except OSError:
            return self.started_wall

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")


def _verdict(w):
    """None if the worker ended well, else a description of the crash."""
    rc = w.proc.returncode
    # A refused huge allocation (allocator_may_return_null=1: a MemoryError
    # for the mutant) is logged as "==PID==WARNING: AddressSanitizer failed
    # to allocate ...": an outcome, not a crash.
    text = "\n".join(l for l in w.log_text().splitlines()
                     if not re.match(r"==\d+==WARNING: AddressSanitizer failed to allocate", l))
    marked = [m for m in CRASH_MARKS if m in text]
    if rc == 0 and not marked:
        return None
    what = "killed by signal %d" % -rc if rc < 0 else "exit status %d" % rc
    return what + (" (%s)" % ", ".join(marked) if marked else "")


def _history(w):
    """The worker's last mutants, oldest first (the last is the one it died in)."""
    hist = os.path.join(w.dir, "history")
    files = [os.path.join(hist, n) for n in os.listdir(hist)] if os.path.isdir(hist) else []
    return sorted(files, key=os.path.getmtime)


def _crashes(args, work, files, ident):
    """Does running `files` in order in one worker crash it? (the verdict)"""
    r = Worker(args, work, ident, replay=files)
    try:
        r.proc.wait(timeout=args.hang_seconds + 10 * len(files))
    except subprocess.TimeoutExpired:
        r.proc.kill()
        r.proc.wait()
        return None
    return _verdict(r)


def _minimise(args, work, files):
    """The shortest tail of `files` that still crashes, then without the
    members it does not need; None if even all of them do not crash again."""
    seq = None
    for n in (1, 2, 4, 8, 16, len(files)):
        if n <= len(files) and _crashes(args, work, files[-n:], 900):
            seq = files[-n:]
            break
    if seq is None:
        return None
    k = 0
    while k < len(seq) - 1 and len(seq) > 1:
        trial = seq[:k] + seq[k + 1:]
        if _crashes(args, work, trial, 901):
            seq = trial
        else:
            k += 1
    return seq



def _portable_log(text):
    """A kept log names no path of this machine: the checkout becomes
    <repo>, the host's prefix <python>, the directory CPython was built in
    <cpython-build> (the log is committed with its input)."""
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subs = [(repo, "<repo>"), (sys.prefix, "<python>"), (os.path.expanduser("~"), "<home>")]
    text = re.sub(r"/tmp/python-build\.[0-9.]+/Python-[0-9.]+", "<cpython-build>", text)
    for path, mark in subs:
        if path and path != "/":
            text = text.replace(path, mark)
    # Worker folders and other worktrees of the same checkout.
    return re.sub(r"/[^\s:'\"()]*/(fuzz|src|tests|build[\w-]*)/", lambda m: "<repo>/" + m.group(1) + "/", text)

def _save_crash(w, verdict, args, work):
    """Keeps the crash in the regression folder: crash-SHA1.pyc if the
    mutant crashes alone, else a folder crash-SHA1/ of the mutants that must
    run in that order (00.pyc, 01.pyc, ...) to crash."""
    os.makedirs(args.regressions, exist_ok=True)
    if not os.path.exists(w.current):
        print("fuzz_exec: worker failed before its first mutant: %s\n%s" % (verdict, w.log_text()[-3000:]))
        return None
    log = w.log_text()
    saved = os.path.join(work, "crash-%d" % w.proc.pid)
    os.makedirs(saved, exist_ok=True)
    files = []
    for k, p in enumerate(_history(w) or [w.current]):
        files.append(os.path.join(saved, "%02d.pyc" % k))
        shutil.copyfile(p, files[-1])
    seq = _minimise(args, work, files)
    note = ""
    if seq is None:
        seq, note = files, " (did not crash again when replayed: all %d recent mutants kept)" % len(files)
    digest = hashlib.sha1(b"".join(open(p, "rb").read() for p in seq)).hexdigest()
    name = "crash-" + digest
    if len(seq) == 1:
        dest = os.path.join(args.regressions, name + ".pyc")
        shutil.copyfile(seq[0], dest)
    else:
        dest = os.path.join(args.regressions, name)
        os.makedirs(dest, exist_ok=True)
        for k, p in enumerate(seq):
            shutil.copyfile(p, os.path.join(dest, "%02d.pyc" % k))
    with open(os.path.join(args.regressions, name + ".log"), "w") as f:
        f.write(verdict + note + "\n" + _portable_log(log[-20000:]))
    print("fuzz_exec: CRASH (%s); saved %s (%d mutant%s)%s\n%s"
          % (verdict, dest, len(seq), "" if len(seq) == 1 else "s run in order", note, log[-4000:]))
    return dest


def _worker_stack(pid):
    """The hung worker's C stack (gdb), or a note saying why there is none."""
    gdb = shutil.which("gdb")
    if not gdb:
        return "(no stack: gdb is not installed)\n"
    try:
        r = subprocess.run([gdb, "-p", str(pid), "-batch", "-ex", "thread apply all bt 40"],
                           stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return "(no stack: gdb timed out)\n"
    frames = [l for l in r.stdout.splitlines() if l.startswith(("#", "Thread"))]
    return "\n".join(frames) + "\n" if frames else "(no stack: gdb said)\n" + r.stderr[-2000:]


def _save_hang(w, args, work, n):
    """Keeps a hung worker's mutant in the regression folder's hangs/ (not
    replayed: a hang is not a failure), with its stack; then kills it."""
    stack = _worker_stack(w.proc.pid)
    w.proc.kill()
    w.proc.wait()
    if not os.path.exists(w.current):
        return None
    with open(w.current, "rb") as f:
        data = f.read()
    kept = os.path.join(work, "hang-%d.pyc" % n)
    with open(kept, "wb") as f:
        f.write(data)
    folder = os.path.join(args.regressions, HANGS)
    os.makedirs(folder, exist_ok=True)
    name = "hang-" + hashlib.sha1(data).hexdigest()
    dest = os.path.join(folder, name + ".pyc")
    with open(dest, "wb") as f:
        f.write(data)
    with open(os.path.join(folder, name + ".log"), "w") as f:
        f.write("no progress for %.0f s (seed %s)\n%s" % (args.hang_seconds, w.seed, _portable_log(stack)))
    print("fuzz_exec: HANG; saved %s" % dest)
    return dest


# Mutants that hung a worker (not replayed).
HANGS = "hangs"


def _regression_inputs(folder):
    """Each regression: a .pyc, or a folder of .pyc files run in order in one
    process (hangs/ excepted)."""
    if not os.path.isdir(folder):
        return []
    out = []
    for n in sorted(os.listdir(folder)):
        if n == HANGS:
            continue
        p = os.path.join(folder, n)
        if n.endswith(".pyc"):
            out.append([p])
        elif os.path.isdir(p):
            seq = sorted(os.path.join(p, m) for m in os.listdir(p) if m.endswith(".pyc"))
            if seq:
                out.append(seq)
    return out


def replay(args, work):
    inputs = _regression_inputs(args.regressions)
    if not inputs:
        return True
    failed = []
    for k, files in enumerate(inputs):   # one process per input: a crash names its input
        w = Worker(args, work, 1000 + k, replay=files)
        try:
            w.proc.wait(timeout=args.hang_seconds + 10 * len(files))
        except subprocess.TimeoutExpired:
            w.proc.kill()
            w.proc.wait()
            # Kept inputs ran to an end when they were kept.
            failed.append(files[0])
            print("fuzz_exec: regression %s hangs" % files[0])
            continue
        v = _verdict(w)
        if v:
            failed.append(files[0])
            print("fuzz_exec: regression %s fails again: %s\n%s" % (os.path.dirname(files[0]) if len(files) > 1
                                                                     else files[0], v, w.log_text()[-4000:]))
    print("fuzz_exec: replayed %d regression inputs, %d crash" % (len(inputs), len(failed)))
    return not failed


class SetupError(Exception):
    """The fuzzer could not run (not a crash of a mutant)."""


def fuzz(args, work):
    deadline = time.monotonic() + args.seconds
    totals = Stats().as_dict()
    crashes, hangs = [], []
    next_id, next_seed = 0, args.seed
    running = []

    def add(stats):
        for k, v in stats.items():
            totals[k] = totals.get(k, 0) + v

    while True:
        now = time.monotonic()
        while len(running) < args.jobs and deadline - now > 1.0 and not (args.limit and next_id >= args.jobs):
            running.append(Worker(args, work, next_id, seed=next_seed, seconds=deadline - now))
            next_id += 1
            next_seed += 1
        if not running:
            break
        time.sleep(0.2)
        for w in list(running):
            if w.proc.poll() is None:
                if time.time() - w.last_progress() > args.hang_seconds:
                    hangs.append(_save_hang(w, args, work, len(hangs)))
                    add(w.stats())
                    running.remove(w)
                continue
            running.remove(w)
            add(w.stats())
            v = _verdict(w)
            if v:
                if not os.path.exists(w.current):
                    # The worker died before running anything: the driver or
                    # the build is broken, not the VM. Fuzzing on would only
                    # repeat it, and must not look like a run.
                    _save_crash(w, v, args, work)
                    raise SetupError("a worker failed before its first mutant")
                crashes.append(_save_crash(w, v, args, work))
    accepted = totals["finished"] + totals["raised"] + totals["budget"]
    print("fuzz_exec: %d mutants in %.0f s: %d not buildable, %d refused by the loader/verifier, "
          "%d accepted and run (%d finished, %d raised, %d out of budget); %d crash, %d hang; "
          "%d known hangs not run"
          % (totals["made"], args.seconds, totals["invalid"], totals["rejected"], accepted, totals["finished"],
             totals["raised"], totals["budget"], len(crashes), len(hangs), totals.get("known_hang", 0)))
    if hangs:
        print("fuzz_exec: hung mutants kept in %s" % os.path.join(args.regressions, HANGS))
    return not crashes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xpython", required=True, help="xpython built with ASan (build-fuzz/xpython)")
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=None, help="first worker's RNG seed (default: from the clock)")
    ap.add_argument("--hang-seconds", type=float, default=30.0)
    ap.add_argument("--regressions", default=REGRESSIONS)
    ap.add_argument("--work-dir", default=None, help="scratch folder (default: a new temporary one)")
    ap.add_argument("--limit", type=int, default=0,
                    help="reproducing: each worker makes exactly this many mutants, then cycles ASan's "
                         "quarantine (a damaged freed block is then found deterministically)")
    ap.add_argument("--run-from", type=int, default=0,
                    help="reproducing: mutants before this index are made but not run")
    ap.add_argument("--programs", action="append", default=None, metavar="PREFIX",
                    help="mutate only the corpus programs whose file name starts with PREFIX (repeatable), "
                         "to reproduce a crash or hang seen in one program's mutants")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = int(time.time()) % 1_000_000
    args.xpython = os.path.abspath(args.xpython)
    # Absolute: the workers run in their own scratch folders.
    work = os.path.abspath(args.work_dir or tempfile.mkdtemp(prefix="xp-fuzz-exec-"))
    os.makedirs(work, exist_ok=True)
    print("fuzz_exec: seeds %s, first RNG seed %d, %d workers, %.0f s, work %s"
          % (SEED_DIR, args.seed, args.jobs, args.seconds, work))
    try:
        ok = replay(args, work)
        ok = fuzz(args, work) and ok
    except SetupError as e:
        print("fuzz_exec: cannot fuzz: %s" % e)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
