#include "runtime/function.h"

#include "vm/call.h"

namespace xp::rt {

PyObject* make_function(PyObject* code, PyObject* globals) {
  PyObject* func = PyFunction_New(code, globals);
  if (func == nullptr) return nullptr;
  // From now on every call -- from the VM, from host C code, or from host
  // bytecode (the eval-frame hook disables the host's inlining) -- goes
  // through our vectorcall.
  reinterpret_cast<PyFunctionObject*>(func)->vectorcall = vm::function_vectorcall;
  return func;
}

}  // namespace xp::rt
