"""Runs one module of CPython's Lib/test and writes its counts as JSON.

    xpython [--interpret-imports=all] run_one.py --result FILE test_X   # code in the VM
    python3 run_one.py --result FILE test_X                             # the native reference

Started by conformance.py, one process per module, in a fresh temporary
directory (tests write files to the current directory, as under regrtest).

A meta-path finder claims `test` and every `test.*` module except
`test.support*` and `test.libregrtest*`; its loader runs their module
bodies -- and with them every function, class body and generator they
define -- in the VM (`_xpython.vm_get_code`, the VM's own import hook's
get_code, under the host's exec_module; under python3, where there is no
VM, the plain SourceFileLoader). unittest,
test.support and C modules are imported normally: natively in the default
mode; with --interpret-imports=all every pure-Python module imported after
start-up (unittest and test.support included) runs in the VM too. Both runs
take the same path through this file, so their counts are comparable, and
the result says which executor ran the test code ("executor"), so a run
that silently fell back to the host cannot pass for a VM run.

The module is loaded and run the way regrtest (test.libregrtest.single)
does: importlib.import_module, unittest.TestLoader().loadTestsFromModule
(which honours load_tests), no resources enabled (regrtest without -u), so
the numbers equal `python3 -m test test_X`'s.
"""
import sys
import os
import json
import time
import faulthandler
import importlib
import importlib.machinery as machinery
import traceback
import unittest


def claimed(fullname):
    """The modules whose code the VM runs: the test package and its modules,
    but not the harness's own support code."""
    if fullname != "test" and not fullname.startswith("test."):
        return False
    for native in ("test.support", "test.libregrtest"):
        if fullname == native or fullname.startswith(native + "."):
            return False
    return True


try:
    import _xpython  # exists in xpython's process (its import hook's entry into the VM)
    EXECUTOR = "xpython"
except ImportError:
    _xpython, EXECUTOR = None, "host"


class _VMLoader(machinery.SourceFileLoader):
    """SourceFileLoader (so __loader__, get_source, linecache and
    inspect.getsource behave as for any module) whose code objects run in
    the VM: get_code is the one the VM's own import hook uses, a C function
    returning the code prepared for the VM, and exec_module stays the
    host's, whose exec() of prepared code lands in the VM. So no frame of
    this file sits under a test module's body while it runs: warnings'
    stacklevel, trace's ignore lists and tracebacks see the import
    machinery's frames as under regrtest (test_warnings, test_trace).
    Under python3 it is the plain SourceFileLoader."""

    if _xpython is not None:
        get_code = _xpython.vm_get_code(machinery.SourceFileLoader.get_code)


class _TestFinder:
    """Finds claimed modules with the host's PathFinder and swaps in _VMLoader."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if not claimed(fullname):
            return None
        spec = machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or type(spec.loader) is not machinery.SourceFileLoader:
            return spec
        spec.loader = _VMLoader(fullname, spec.origin)
        return spec

    @classmethod
    def invalidate_caches(cls):
        pass


def _short(tb_text, limit=12):
    """The last lines of a formatted traceback (the exception and where)."""
    lines = tb_text.rstrip().splitlines()
    return "\n".join(lines[-limit:])


def _summary(name, loader_errors, result, elapsed, status, message=""):
    details = []
    for kind, pairs in (("FAIL", result.failures if result else []),
                        ("ERROR", result.errors if result else [])):
        for test, text in pairs:
            details.append({"kind": kind, "test": str(test), "traceback": _short(text)})
    for text in loader_errors:
        details.append({"kind": "LOAD", "test": name, "traceback": _short(text)})
    return {
        "module": name,
        "executor": EXECUTOR,
        "status": status,
        "message": message,
        "run": result.testsRun if result else 0,
        "failures": len(result.failures) if result else 0,
        "errors": (len(result.errors) if result else 0) + len(loader_errors),
        "skipped": len(result.skipped) if result else 0,
        "expected_failures": len(result.expectedFailures) if result else 0,
        "unexpected_successes": len(result.unexpectedSuccesses) if result else 0,
        "time": round(elapsed, 3),
        "details": details,
    }


def main(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--result", required=True, help="where to write the JSON counts")
    ap.add_argument("--dump-after", type=float, default=0,
                    help="seconds: dump every thread's stack to stderr and exit "
                         "(faulthandler), so a hang shows where it hangs")
    ap.add_argument("--verbose", action="store_true", help="unittest verbosity 2")
    ap.add_argument("module")
    args = ap.parse_args(argv)

    faulthandler.enable(all_threads=True)
    if args.dump_after > 0:
        faulthandler.dump_traceback_later(args.dump_after, exit=True)

    sys.meta_path.insert(0, _TestFinder)

    # regrtest's set-up that changes what tests do (setup_process/setup_tests).
    from test import support
    support.record_original_stdout(sys.stdout)
    support.verbose = 0
    support.use_resources = []

    name = args.module
    start = time.perf_counter()
    status, message, result, loader_errors = "ok", "", None, []
    try:
        # `test_X`, or a module of a split package (`test.test_asyncio.test_events`).
        mod = importlib.import_module(name if name.startswith("test.") else "test." + name)
        loader = unittest.TestLoader()
        suite = loader.loadTestsFromModule(mod)
        loader_errors = list(loader.errors)
        runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=2 if args.verbose else 1)
        result = runner.run(suite)
    except BaseException as exc:  # an import error, SkipTest at import, SystemExit...
        message = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        if isinstance(exc, unittest.SkipTest):
            status = "skipped"
        else:
            status = "error"
            loader_errors.append(traceback.format_exc())
    finally:
        elapsed = time.perf_counter() - start
    support.gc_collect()
    faulthandler.cancel_dump_traceback_later()

    summary = _summary(name, loader_errors, result, elapsed, status, message)
    tmp = args.result + ".tmp"
    with open(tmp, "w") as f:
        json.dump(summary, f, indent=1)
    os.replace(tmp, args.result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
