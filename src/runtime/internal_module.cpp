#include "runtime/internal_module.h"

#include "core/error.h"
#include "core/ref.h"
#include "runtime/namespace.h"
#include "runtime/code_loader.h"
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

// The get_code of the VM's loaders (import_hook.cpp), called as
// get_code(loader, fullname) with m_self `original`: the get_code of the
// host loader class it extends (SourceFileLoader.get_code: reads the
// __pycache__ entry or compiles the source, as natively), or None for
// .pyc files, which xpython's own reader loads (any version's). The code
// object comes back prepared for the VM; the host's exec_module then runs it
// with builtins.exec through _call_with_frames_removed exactly as natively,
// and the frame hook sends code prepared for the VM to the VM
// (vm/call.cpp). Being a C function, it adds no frame to tracebacks.
PyObject* loader_get_code(PyObject* original, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "get_code() takes exactly one argument (%zd given)", nargs - 1);
    return nullptr;
  }
  PyObject* loader = args[0];
  PyObject* fullname = args[1];
  if (original != Py_None) {
    Ref code = steal(PyObject_CallFunctionObjArgs(original, loader, fullname, nullptr));
    if (!code || code.get() == Py_None) return code.release();
    Ref shell = prepare_host_code(code.get());
    return shell.release();
  }
  Ref path = steal(PyObject_CallMethod(loader, "get_filename", "O", fullname));
  if (!path) return nullptr;
  PyObject* raw = nullptr;
  if (!PyUnicode_FSConverter(path.get(), &raw)) return nullptr;
  Ref encoded = steal(raw);
  try {
    return load_pyc(PyBytes_AS_STRING(encoded.get())).release();
  } catch (const InputError& e) {
    PyErr_Format(PyExc_ImportError, "%s", e.what());
    return nullptr;
  }
}

PyMethodDef g_get_code_def = {"get_code", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(loader_get_code)),
                              METH_FASTCALL, "get_code(fullname): the module's code object, prepared for the VM"};

// vm_get_code(original): a get_code method (an instancemethod, so it binds
// to the loader like a function) for a loader class; see loader_get_code.
PyObject* vm_get_code(PyObject*, PyObject* original) {
  Ref func = steal(PyCFunction_NewEx(&g_get_code_def, original, nullptr));
  if (!func) return nullptr;
  return PyInstanceMethod_New(func.get());
}

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
