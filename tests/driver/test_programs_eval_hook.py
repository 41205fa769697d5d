#!/usr/bin/env python3
# ctest-labels: diff;asan
"""The differential programs again with xpython's PEP 523 frame function
instead of its interposed _PyEval_EvalFrameDefault (XPYTHON_EVAL_HOOK=1):
the mode of the extension module and of hosts where interposition does not
bind, in which the host never inlines calls of interpreted functions
(docs/vm.md, "Host code at native speed"). Source runs only."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_programs  # noqa: E402

if __name__ == "__main__":
    os.environ["XPYTHON_EVAL_HOOK"] = "1"
    sys.argv += ["--only-source"]
    sys.exit(test_programs.main())
