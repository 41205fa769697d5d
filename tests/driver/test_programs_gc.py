#!/usr/bin/env python3
# ctest-labels: diff;asan
"""The differential programs again with gc.set_threshold(1) in effect from
start-up, natively and under xpython: the cyclic collector runs at almost
every allocation, so it traverses generators, coroutines and frame objects
at every point where the VM could leave a stale pointer behind (issue 6,
item 0: a running generator's saved stack pointer).  Source runs only (the
.pyc runs take the same paths through the VM); about 20 s of CPU, more under
ASan, where a read of a freed slot is reported exactly."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_programs  # noqa: E402

if __name__ == "__main__":
    sys.argv += ["--only-source", "--gc-threshold=1"]
    sys.exit(test_programs.main())
