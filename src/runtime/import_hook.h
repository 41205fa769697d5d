// --interpret-imports: which imported modules run in the VM.
#pragma once

#include "core/python.h"

#include <string>
#include <vector>

namespace xp::rt {

enum class ImportMode { None, User, All };

// Makes the host's own file loaders (exactly SourceFileLoader and
// SourcelessFileLoader: subclasses from custom path hooks keep their own
// behaviour) return code that executes in the VM for the modules to run
// there: in User mode those whose file is under `roots` (the program's
// directory), in All mode every pure-Python module, in None mode nothing.
// The finders, sys.meta_path and the loaders' classes stay the host's (their
// get_code is replaced). Returns 0, or -1 with a Python error set.
int install_import_hook(ImportMode mode, const std::vector<std::string>& roots);

// The same get_code for a loader class of one's own (_xpython.vm_get_code:
// the conformance harness's loader of CPython's test modules), returning
// code for the VM for every module it loads: `original` is the get_code of
// the host class it extends (SourceLoader's), or None to read .pyc files
// with xpython's reader. A new reference, nullptr with an error set.
PyObject* vm_get_code_method(PyObject* original);

}  // namespace xp::rt
