// Private helpers shared by the ops_*.cpp files (not part of the loop's
// contract in ops_support.h).
#pragma once

#include "core/python.h"

namespace xp::vm::detail {

// An interned string kept for the life of the process (meant for
// function-local statics: `static PyObject* const s = interned("get");`).
inline PyObject* interned(const char* s) {
  PyObject* o = PyUnicode_InternFromString(s);
  if (o == nullptr) Py_FatalError("xpython: cannot intern a string");
  return o;
}

// Records builtins.__import__ as it is at start-up (called by init_names()),
// so import_name() can recognise the unmodified builtin and skip the call.
void capture_original_import();

}  // namespace xp::vm::detail
