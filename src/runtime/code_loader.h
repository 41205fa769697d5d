// Turning program files into runnable shell code objects.
#pragma once

#include "core/ref.h"

#include <string>

namespace xp::rt {

// Compiles a source file with the host (filename as given) and prepares it
// for the VM; skip_first_line drops the first line but keeps its newline
// (python -x). Returns the shell, or an empty Ref with a Python exception
// set (SyntaxError, OSError, ...).
Ref load_source_file(const std::string& path, const std::string& filename, bool skip_first_line = false);
// Compiles source text.
Ref load_source_text(PyObject* source, const std::string& filename);
// Loads a .pyc with xpython's own reader. Throws InputError for malformed
// or unsupported files.
Ref load_pyc(const std::string& path);
// Prepares a host code object (from compile()) for the VM. Empty Ref with a
// Python exception set on failure.
Ref prepare_host_code(PyObject* code);

}  // namespace xp::rt
