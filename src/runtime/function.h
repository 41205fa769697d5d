// Interpreted functions: real PyFunctionObjects whose vectorcall enters the VM.
#pragma once

#include "core/python.h"

namespace xp::rt {

// MAKE_FUNCTION: a function for shell code object `code` with `globals`
// (qualname from the code). Returns a new reference or nullptr.
PyObject* make_function(PyObject* code, PyObject* globals);

}  // namespace xp::rt
