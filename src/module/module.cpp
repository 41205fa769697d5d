// `import xpython`: the VM as a Python extension module of the host.
//
//   xpython.exec(source_or_code, globals=None, locals=None)
//   xpython.eval(source_or_code, globals=None, locals=None)
//   xpython.run_path(path, globals=None)   -> dict   (.py or .pyc, like runpy.run_path)
//   xpython.load_pyc(path)                 -> code object (3.11; others raise)
//   xpython.set_trace(level)               0 off, 1 like -v, 2 like -vv
//   xpython.__version__, xpython.host_version
//
// Importing it installs the VM's eval-frame hook in this interpreter (host
// Python-to-Python calls are then not inlined by the host's own loop, which
// costs the host some call speed; interpreted functions need it).
#include "core/error.h"
#include "core/ref.h"
#include "runtime/code_loader.h"
#include "runtime/namespace.h"
#include "runtime/vm_init.h"
#include "tools/tracer.h"
#include "vm/eval.h"

#include <string>

namespace {

using xp::Ref;

// Source (str/bytes) or code object -> a code object prepared for the VM.
Ref to_code(PyObject* source, const char* mode, const char* filename) {
  if (PyCode_Check(source)) return xp::rt::prepare_host_code(source);
  PyObject* builtins = PyImport_AddModule("builtins");
  Ref compile = builtins ? xp::steal(PyObject_GetAttrString(builtins, "compile")) : Ref();
  if (!compile) return {};
  Ref code = xp::steal(PyObject_CallFunction(compile.get(), "Ossii", source, filename, mode, 0, 1));
  if (!code) return {};
  return xp::rt::prepare_host_code(code.get());
}

// Default namespaces: a fresh dict with __builtins__ (not the caller's
// frame: the caller is host code).
bool namespaces(PyObject** globals, PyObject** locals, Ref* owned) {
  if (*globals == Py_None) {
    *owned = xp::steal(PyDict_New());
    if (!*owned) return false;
    *globals = owned->get();
  } else if (!PyDict_Check(*globals)) {
    PyErr_SetString(PyExc_TypeError, "globals must be a dict");
    return false;
  }
  if (xp::rt::ensure_builtins(*globals) < 0) return false;
  if (*locals == Py_None) *locals = *globals;
  return true;
}

PyObject* run(PyObject* args, PyObject* kwargs, const char* fname, const char* mode) {
  static const char* kwlist[] = {"source", "globals", "locals", nullptr};
  PyObject* source;
  PyObject* globals = Py_None;
  PyObject* locals = Py_None;
  const std::string fmt = std::string("O|OO:") + fname;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt.c_str(), const_cast<char**>(kwlist), &source, &globals,
                                   &locals))
    return nullptr;
  Ref owned;
  if (!namespaces(&globals, &locals, &owned)) return nullptr;
  Ref code = to_code(source, mode, "<string>");
  if (!code) return nullptr;
  return xp::vm::run_code(code.get(), globals, locals);
}

PyObject* py_exec(PyObject*, PyObject* args, PyObject* kwargs) {
  Ref r = xp::steal(run(args, kwargs, "exec", "exec"));
  if (!r) return nullptr;
  Py_RETURN_NONE;
}

PyObject* py_eval(PyObject*, PyObject* args, PyObject* kwargs) { return run(args, kwargs, "eval", "eval"); }

PyObject* py_load_pyc(PyObject*, PyObject* arg) {
  Ref path = xp::steal(PyOS_FSPath(arg));
  if (!path) return nullptr;
  Ref bytes;
  if (!PyUnicode_FSConverter(path.get(), reinterpret_cast<void*>(&bytes))) return nullptr;
  try {
    return xp::rt::load_pyc(PyBytes_AS_STRING(bytes.get())).release();
  } catch (const xp::InputError& e) {
    PyErr_SetString(PyExc_ValueError, e.what());
    return nullptr;
  }
}

PyObject* py_run_path(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"path", "globals", nullptr};
  PyObject* path_arg;
  PyObject* globals = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O:run_path", const_cast<char**>(kwlist), &path_arg, &globals))
    return nullptr;
  Ref path = xp::steal(PyOS_FSPath(path_arg));
  if (!path) return nullptr;
  Ref bytes;
  if (!PyUnicode_FSConverter(path.get(), reinterpret_cast<void*>(&bytes))) return nullptr;
  const std::string p = PyBytes_AS_STRING(bytes.get());
  PyObject* locals = Py_None;
  Ref owned;
  if (!namespaces(&globals, &locals, &owned)) return nullptr;
  if (PyDict_GetItemString(globals, "__name__") == nullptr &&
      PyDict_SetItemString(globals, "__name__", xp::steal(PyUnicode_FromString("<run_path>")).get()) < 0)
    return nullptr;
  if (PyDict_SetItemString(globals, "__file__", path.get()) < 0) return nullptr;
  Ref code;
  const bool pyc = p.size() >= 4 && p.compare(p.size() - 4, 4, ".pyc") == 0;
  if (pyc) {
    try {
      code = xp::rt::load_pyc(p);
    } catch (const xp::InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
      return nullptr;
    }
  } else {
    code = xp::rt::load_source_file(p, p);
    if (!code) return nullptr;
  }
  Ref r = xp::steal(xp::vm::run_code(code.get(), globals, globals));
  if (!r) return nullptr;
  return Py_NewRef(globals);
}

PyObject* py_set_trace(PyObject*, PyObject* arg) {
  const long level = PyLong_AsLong(arg);
  if (level == -1 && PyErr_Occurred()) return nullptr;
  if (level < 0 || level > 2) {
    PyErr_SetString(PyExc_ValueError, "trace level must be 0, 1 or 2");
    return nullptr;
  }
  xp::tools::set_trace_options({static_cast<int>(level)});
  Py_RETURN_NONE;
}

#define XP_KW(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyMethodDef g_methods[] = {
    {"exec", XP_KW(py_exec), METH_VARARGS | METH_KEYWORDS,
     "exec(source, globals=None, locals=None)\n\nRun source (str/bytes) or a code object in the xpython VM."},
    {"eval", XP_KW(py_eval), METH_VARARGS | METH_KEYWORDS,
     "eval(source, globals=None, locals=None)\n\nEvaluate an expression (or code object) in the xpython VM."},
    {"run_path", XP_KW(py_run_path), METH_VARARGS | METH_KEYWORDS,
     "run_path(path, globals=None) -> dict\n\nRun a .py or .pyc file in the xpython VM and return its globals."},
    {"load_pyc", py_load_pyc, METH_O,
     "load_pyc(path) -> code\n\nLoad a .pyc with xpython's reader; the code object runs in the VM (exec/eval)."},
    {"set_trace", py_set_trace, METH_O, "set_trace(level)\n\n0: off, 1: one line per instruction (-v), 2: plus stacks (-vv)."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef g_module = {PyModuleDef_HEAD_INIT, "xpython",
                        "xpython: a cross-version CPython bytecode VM running on this interpreter.", -1, g_methods};

}  // namespace

PyMODINIT_FUNC PyInit_xpython(void) {
  if (xp::rt::init_vm() < 0) return nullptr;
  PyObject* m = PyModule_Create(&g_module);
  if (m == nullptr) return nullptr;
  if (PyModule_AddStringConstant(m, "__version__", XP_VERSION_STRING) < 0 ||
      PyModule_AddStringConstant(m, "host_version", PY_VERSION) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
