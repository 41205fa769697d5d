#include "runtime/function.h"

#include "vm/call.h"

namespace xp::rt {

PyObject* make_function(PyObject* code, PyObject* globals) {
  PyObject* func = PyFunction_New(code, globals);
  if (func == nullptr) return nullptr;
  // From now on every call from the VM or from host C code goes through our
  // vectorcall (host bytecode inlines its calls: vm/host_entry.h).
  reinterpret_cast<PyFunctionObject*>(func)->vectorcall = vm::function_vectorcall;
  return func;
}

}  // namespace xp::rt
