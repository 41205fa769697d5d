// Calling interpreted functions: argument binding and the vectorcall entry
// host code uses.
#pragma once

#include "vm/frame.h"

namespace xp::vm {

// The vectorcall installed in every function the VM makes: host code (and
// the host's own eval loop, which the eval-frame hook stops from inlining)
// calls interpreted functions through it.
PyObject* function_vectorcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames);

inline bool is_vm_function(PyObject* o) {
  return Py_TYPE(o) == &PyFunction_Type &&
         reinterpret_cast<PyFunctionObject*>(o)->vectorcall == function_vectorcall;
}

// Binds a call's arguments into the locals of a fresh frame `f` of `func`,
// with CPython 3.11's rules and error messages. `args` holds `nargs`
// positional values followed by one value per name in `kwnames` (a tuple or
// nullptr). Steals every argument reference, on success and on failure.
// Returns 0, or -1 with TypeError set.
int bind_args(Frame* f, PyFunctionObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames);

// Creates a thread frame for calling interpreted function `func` and binds
// the arguments (stealing them, as bind_args). nullptr on error.
Frame* make_call_frame(ThreadCtx& t, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames);

// Calls an interpreted function with `locals` as its namespace (class
// bodies run by __build_class__). Returns a new reference or nullptr.
PyObject* call_with_locals(PyObject* func, PyObject* locals);

// Installs the eval-frame hook that stops the host from inlining calls to
// interpreted functions (3.11 inlines Python-to-Python calls otherwise,
// bypassing the function's vectorcall).
void install_eval_frame_hook();

}  // namespace xp::vm
