#include "runtime/internal_module.h"

#include "core/error.h"
#include "core/ref.h"
#include "runtime/namespace.h"
#include "runtime/code_loader.h"
#include "runtime/import_hook.h"
#include "tools/tracer.h"
#include "vm/eval.h"

namespace xp::rt {

namespace {


// exec_code(code, globals[, locals]): runs a code object in the VM.
PyObject* exec_code(PyObject*, PyObject* args) {
  PyObject *code, *globals, *locals = nullptr;
  if (!PyArg_ParseTuple(args, "OO!|O:exec_code", &code, &PyDict_Type, &globals, &locals)) return nullptr;
  if (!PyCode_Check(code)) {
    PyErr_SetString(PyExc_TypeError, "exec_code() needs a code object");
    return nullptr;
  }
  Ref shell = prepare_host_code(code);
  if (!shell || ensure_builtins(globals) < 0) return nullptr;
  return vm::run_code(shell.get(), globals, locals ? locals : globals);
}

// exec_pyc(path, globals[, budget]): loads a .pyc with xpython's reader and
// runs it; with a budget > 0, under that many instructions at most (the
// executor fuzzer's runs: RuntimeError once they are spent).
PyObject* exec_pyc(PyObject*, PyObject* args) {
  const char* path;
  PyObject* globals;
  long long budget = 0;
  if (!PyArg_ParseTuple(args, "sO!|L:exec_pyc", &path, &PyDict_Type, &globals, &budget)) return nullptr;
  Ref shell;
  try {
    shell = load_pyc(path);
  } catch (const InputError& e) {
    PyErr_Format(PyExc_ImportError, "%s", e.what());
    return nullptr;
  }
  if (ensure_builtins(globals) < 0) return nullptr;
  if (budget <= 0) return vm::run_code(shell.get(), globals, globals);
  tools::set_instruction_budget(budget);
  PyObject* res = vm::run_code(shell.get(), globals, globals);
  tools::set_instruction_budget(0);
  return res;
}

// vm_get_code(original): a get_code method for a loader class whose
// modules all run in the VM (runtime/import_hook.h).
PyObject* vm_get_code(PyObject*, PyObject* original) { return vm_get_code_method(original); }

PyMethodDef g_methods[] = {
    {"exec_code", exec_code, METH_VARARGS, "exec_code(code, globals[, locals]): run a code object in the VM"},
    {"vm_get_code", vm_get_code, METH_O, "vm_get_code(original): a get_code method whose code objects run in the VM"},
    {"exec_pyc", exec_pyc, METH_VARARGS, "exec_pyc(path, globals[, budget]): load a .pyc with xpython's reader and run it (at most budget instructions)"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef g_def = {PyModuleDef_HEAD_INIT, "_xpython", "xpython VM internals", -1, g_methods};

}  // namespace

PyObject* make_internal_module() {
  PyObject* m = PyModule_Create(&g_def);
  if (m == nullptr) return nullptr;
  PyObject* modules = PyImport_GetModuleDict();
  if (PyDict_SetItemString(modules, "_xpython", m) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}

}  // namespace xp::rt
