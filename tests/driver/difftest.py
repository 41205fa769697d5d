"""Shared machinery of the differential drivers (test_programs.py, test_corpus.py).

Both drivers run a program under two "sides" (native CPython or a recorded
oracle vs. xpython), compare the streams and the exit status exactly, and
print a unified diff per differing stream.  This module holds what they
share: the common command line, the fixed environment, running one process
with a timeout, the readable report and the parallel loop with its summary.
"""
import argparse
import concurrent.futures
import difflib
import os
import subprocess
import sys
import time

# Lines of a stream diff shown before it is cut (the full output is kept
# with --keep).
MAX_DIFF_LINES = 80


def base_arg_parser(description):
    """The arguments every driver receives from ctest (see tests/CMakeLists.txt)."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--xpython", required=True, help="the xpython executable under test")
    p.add_argument("--source-dir", required=True, help="the checkout (holds tests/)")
    p.add_argument("--corpus-dir", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"),
                   help="the cross-version corpus (default: tests/corpus of this checkout)")
    p.add_argument("--build-dir", default=None, help="the build folder (used to detect ASan builds)")
    p.add_argument("--filter", default=None, help="only run programs whose name contains SUBSTR")
    p.add_argument("--jobs", type=int, default=2, help="parallel workers (default 2: the machine has 2 cores)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per process before it counts as hung")
    p.add_argument("--timeout-scale", type=float, default=None,
                   help="multiply timeouts (default: $XP_TIMEOUT_SCALE, else 5 for an ASan build dir, else 1)")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder with pycs and outputs")
    return p


def timeout_scale(args):
    """Sanitizer builds run several times slower; scale the timeouts for them."""
    if args.timeout_scale is not None:
        return args.timeout_scale
    env = os.environ.get("XP_TIMEOUT_SCALE")
    if env:
        return float(env)
    if args.build_dir:
        cache = os.path.join(args.build_dir, "CMakeCache.txt")
        try:
            with open(cache, encoding="utf-8", errors="replace") as f:
                for line in f:
                    if line.startswith("XP_ASAN:") and line.strip().endswith("=ON"):
                        return 5.0
        except OSError:
            pass
    return 1.0


def fixed_env(extra=None):
    """The environment of every run: the caller's, minus what changes Python's
    behaviour, plus the fixed settings both sides share."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTHON") or k == "PYTHONMALLOC"}
    env.update(PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1")
    if extra:
        env.update(extra)
    return env


class Result:
    """What one process did: its streams (bytes), exit status, or a timeout."""

    def __init__(self, cmd, stdout=b"", stderr=b"", rc=None, timed_out=False, error=None, seconds=0.0):
        self.cmd, self.stdout, self.stderr, self.rc = cmd, stdout, stderr, rc
        self.timed_out, self.error, self.seconds = timed_out, error, seconds

    def status_text(self):
        if self.error:
            return "could not start: %s" % self.error
        if self.timed_out:
            return "TIMEOUT"
        if self.rc is not None and self.rc < 0:
            return "killed by signal %d" % -self.rc
        return "exit %s" % self.rc


def run(cmd, cwd, env, timeout, stdin_path=None, merge_stderr=False):
    """Runs cmd; stdin from stdin_path or empty.  Never raises for the
    program's own failures: they are part of the Result."""
    start = time.monotonic()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
                           timeout=timeout)
        return Result(cmd, p.stdout, p.stderr or b"", p.returncode, seconds=time.monotonic() - start)
    except subprocess.TimeoutExpired as e:
        return Result(cmd, e.stdout or b"", e.stderr or b"", None, timed_out=True,
                      seconds=time.monotonic() - start)
    except OSError as e:
        return Result(cmd, error=str(e), seconds=time.monotonic() - start)
    finally:
        if stdin_path:
            stdin.close()


def _lines(data):
    return data.decode("utf-8", errors="backslashreplace").splitlines(keepends=True)


def stream_diff(name, expected, actual, expected_label, actual_label):
    """A unified diff of two byte streams, or '' when they are equal."""
    if expected == actual:
        return ""
    diff = list(difflib.unified_diff(_lines(expected), _lines(actual),
                                     "%s (%s)" % (name, expected_label),
                                     "%s (%s)" % (name, actual_label)))
    if not diff:  # differ only in bytes the decoding hid, or a final newline
        diff = ["--- %s (%s)\n+++ %s (%s)\n" % (name, expected_label, name, actual_label),
                "  streams differ in raw bytes: %r... vs %r...\n" % (expected[-60:], actual[-60:])]
    shown = []
    for line in diff[:MAX_DIFF_LINES]:
        shown.append(line if line.endswith("\n") else line + "\n\\ No newline at end of stream\n")
    if len(diff) > MAX_DIFF_LINES:
        shown.append("  ... %d more diff lines (use --keep to see the full outputs)\n"
                     % (len(diff) - MAX_DIFF_LINES))
    return "".join(shown)


def compare(expected, actual, expected_label, actual_label, streams=("stdout", "stderr")):
    """Problems (a list of text blocks) between two Results; empty if identical."""
    problems = []
    if actual.error or actual.timed_out:
        problems.append("%s: %s\n" % (actual_label, actual.status_text()))
    for s in streams:
        d = stream_diff(s, getattr(expected, s), getattr(actual, s), expected_label, actual_label)
        if d:
            problems.append(d)
    if not (actual.error or actual.timed_out) and expected.rc != actual.rc:
        problems.append("exit status: %s %s, %s %s\n"
                        % (expected_label, expected.status_text(), actual_label, actual.status_text()))
    return problems


def save(folder, stem, result):
    """--keep: the streams of one run, for reading after the fact."""
    os.makedirs(folder, exist_ok=True)
    for s in ("stdout", "stderr"):
        with open(os.path.join(folder, "%s.%s" % (stem, s)), "wb") as f:
            f.write(getattr(result, s))
    with open(os.path.join(folder, stem + ".rc"), "w") as f:
        f.write(result.status_text() + "\n")


def run_all(names, check_one, jobs):
    """Runs check_one(name) -> (list of problem blocks, note) on every name,
    jobs at a time; prints each failure as it completes and a summary.
    Returns the process exit status (0 when everything passed)."""
    failed = []
    done = 0
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(check_one, n): n for n in names}
        for fut in concurrent.futures.as_completed(futures):
            name = futures[fut]
            done += 1
            try:
                problems = fut.result()
            except Exception as e:  # a driver bug must still fail loudly, not hang the run
                problems = ["driver error: %r\n" % (e,)]
            if problems:
                failed.append(name)
                sys.stdout.write("FAIL %s\n%s\n" % (name, "".join("  " + l for p in problems
                                                                     for l in p.splitlines(True))))
            else:
                sys.stdout.write("ok   %s\n" % name)
            sys.stdout.flush()
    total = len(names)
    print("%d/%d passed (%.1fs)" % (total - len(failed), total, time.monotonic() - start))
    if failed:
        print("failed: " + " ".join(sorted(failed)))
        return 1
    return 0
