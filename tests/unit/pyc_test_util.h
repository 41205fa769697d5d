// Helpers shared by the pyc tests: host-side Python calls and the
// loader-vs-interpreter comparison (through tests/unit/pyc_dump.py).
#pragma once

#include "core/ref.h"
#include "pyc/code.h"

#include <string>
#include <vector>

namespace xp::testing {

// Imports tests/unit/pyc_dump.py into the host (once).
Ref pyc_dump_module();
// A host object for the fields of `code` in pyc_dump's normal form.
Ref normalised(const Code& code);
// pyc_dump.first_diff(a, b): "" when equal.
std::string first_diff(PyObject* a, PyObject* b);
// Fails the current test with the pending Python error, if any.
std::string take_python_error();

// Runs a command, returns its stdout; sets `status` to the exit status.
std::string run_command(const std::string& cmd, int& status);
// Reads a whole file.
std::string read_file(const std::string& path);
// The corpus sources (corpus/src/NNN_*.py) whose "# versions: A-B" range holds `version` (e.g. 311).
std::vector<std::string> corpus_sources_for(int version_key);

}  // namespace xp::testing
