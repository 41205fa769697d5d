#include "runtime/namespace.h"

namespace xp::rt {

int ensure_builtins(PyObject* globals) {
  static PyObject* const key = PyUnicode_InternFromString("__builtins__");
  int r = PyDict_Contains(globals, key);
  if (r == 0) r = PyDict_SetItem(globals, key, PyEval_GetBuiltins());
  return r < 0 ? -1 : 0;
}

}  // namespace xp::rt
