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

// Installs the PEP 523 frame evaluation function. Its presence stops the
// host from inlining calls to interpreted functions (3.11 inlines
// Python-to-Python calls otherwise, bypassing the function's vectorcall);
// and it runs in the VM the frames the host itself makes for VM code: class
// bodies run by the real builtins.__build_class__, and code that the real
// builtins.exec/eval run for interpreted callers. So interpreted code sees
// the host's own exec, eval and __build_class__ (identity, signature,
// pickling, error messages, audit events), at no cost to its calls.
void install_eval_frame_hook();

}  // namespace xp::vm
