#!/usr/bin/env python3
# ctest-labels: diff;slow
"""The differential programs again with --interpret-imports=all: every
pure-Python module they import after start-up (most of the standard
library they use) runs in the VM too, and the output must still equal
native CPython's."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_programs  # noqa: E402

if __name__ == "__main__":
    sys.argv += ["--only-source", "--xpython-arg=--interpret-imports=all"]
    sys.exit(test_programs.main())
