#include "runtime/frame_builtins.h"

#include "core/ref.h"
#include "runtime/namespace.h"
#include "runtime/build_class.h"
#include "vm/eval.h"
#include "vm/exec_code.h"

#include <array>

namespace xp::rt {

namespace {

enum Which { kEval, kExec, kBuildClass, kCount };
constexpr std::array<const char*, kCount> kNames = {"eval", "exec", "__build_class__"};

struct Table {
  std::array<PyObject*, kCount> original{};     // the host's objects (strong)
  std::array<PyObject*, kCount> replacement{};  // ours (strong)
};
Table g_table;

// Runs a code object (ours, or a host one from compile()) in the VM.
PyObject* run_code_object(PyObject* code, PyObject* globals, PyObject* locals) {
  if (vm::exec_code_for_call(code) == nullptr) return nullptr;
  return vm::run_code(code, globals, locals);
}

bool is_source(PyObject* o) {
  return PyUnicode_Check(o) || PyBytes_Check(o) || PyByteArray_Check(o) || PyObject_CheckBuffer(o);
}

// Compiles like the host's eval()/exec() do ("<string>", the calling code's
// __future__ flags) and runs the result in the VM.
PyObject* run_source(PyObject* source, const char* mode, PyObject* globals, PyObject* locals) {
  Ref src = borrow(source);
  if (mode[0] == 'e' && mode[1] == 'v') {
    // eval() ignores leading spaces and tabs.
    if (PyUnicode_Check(source)) {
      src = steal(PyObject_CallMethod(source, "lstrip", "s", " \t"));
    } else if (PyBytes_Check(source) || PyByteArray_Check(source)) {
      Ref chars = steal(PyBytes_FromString(" \t"));
      src = chars ? steal(PyObject_CallMethod(source, "lstrip", "O", chars.get())) : Ref();
    }
    if (!src) return nullptr;
  }
  PyCompilerFlags cf = _PyCompilerFlags_INIT;
  PyEval_MergeCompilerFlags(&cf);
  Ref filename = steal(PyUnicode_FromString("<string>"));
  PyObject* builtins_module = PyImport_AddModule("builtins");  // borrowed
  Ref compile = builtins_module ? steal(PyObject_GetAttrString(builtins_module, "compile")) : Ref();
  if (!filename || !compile) return nullptr;
  Ref code = steal(PyObject_CallFunction(compile.get(), "OOsii", src.get(), filename.get(), mode,
                                         cf.cf_flags & PyCF_MASK, 1));
  if (!code) return nullptr;
  return run_code_object(code.get(), globals, locals);
}


// (source, globals=None, locals=None[, *, closure=None]) as the host parses them.
bool parse_source_args(const char* fname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                       PyObject** source, PyObject** globals, PyObject** locals, PyObject** closure) {
  *globals = Py_None;
  *locals = Py_None;
  if (closure) *closure = Py_None;
  if (nargs < 1) {
    PyErr_Format(PyExc_TypeError, "%s expected at least 1 argument, got %zd", fname, nargs);
    return false;
  }
  if (nargs > 3) {
    PyErr_Format(PyExc_TypeError, "%s expected at most 3 arguments, got %zd", fname, nargs);
    return false;
  }
  *source = args[0];
  if (nargs > 1) *globals = args[1];
  if (nargs > 2) *locals = args[2];
  const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t i = 0; i < nkw; ++i) {
    PyObject* k = PyTuple_GET_ITEM(kwnames, i);
    PyObject* v = args[nargs + i];
    if (PyUnicode_CompareWithASCIIString(k, "globals") == 0 && nargs < 2) {
      *globals = v;
    } else if (PyUnicode_CompareWithASCIIString(k, "locals") == 0 && nargs < 3) {
      *locals = v;
    } else if (closure && PyUnicode_CompareWithASCIIString(k, "closure") == 0) {
      *closure = v;
    } else {
      PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname, k);
      return false;
    }
  }
  return true;
}

PyObject* xp_eval(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyObject *source, *globals, *locals;
  if (!parse_source_args("eval", args, nargs, kwnames, &source, &globals, &locals, nullptr)) return nullptr;
  if (locals != Py_None && !PyMapping_Check(locals)) {
    PyErr_SetString(PyExc_TypeError, "locals must be a mapping");
    return nullptr;
  }
  if (globals != Py_None && !PyDict_Check(globals)) {
    PyErr_SetString(PyExc_TypeError, PyMapping_Check(globals)
                                         ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                         : "globals must be a dict");
    return nullptr;
  }
  if (globals == Py_None) {
    globals = PyEval_GetGlobals();
    if (locals == Py_None) {
      locals = PyEval_GetLocals();
      if (locals == nullptr) return nullptr;
    }
  } else if (locals == Py_None) {
    locals = globals;
  }
  if (globals == nullptr || locals == nullptr) {
    PyErr_SetString(PyExc_TypeError, "eval must be given globals and locals when called without a frame");
    return nullptr;
  }
  if (ensure_builtins(globals) < 0) return nullptr;
  if (PyCode_Check(source)) {
    if (PySys_Audit("exec", "O", source) < 0) return nullptr;
    if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source)) > 0) {
      PyErr_SetString(PyExc_TypeError, "code object passed to eval() may not contain free variables");
      return nullptr;
    }
    return run_code_object(source, globals, locals);
  }
  if (!is_source(source)) {
    PyErr_SetString(PyExc_TypeError, "eval() arg 1 must be a string, bytes or code object");
    return nullptr;
  }
  return run_source(source, "eval", globals, locals);
}

PyObject* xp_exec(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyObject *source, *globals, *locals, *closure;
  if (!parse_source_args("exec", args, nargs, kwnames, &source, &globals, &locals, &closure)) return nullptr;
  if (closure != Py_None) {
    // exec(code, closure=...) (rare): the host runs it.
    return PyObject_Vectorcall(g_table.original[kExec], args, static_cast<size_t>(nargs), kwnames);
  }
  if (globals == Py_None) {
    globals = PyEval_GetGlobals();
    if (locals == Py_None) {
      locals = PyEval_GetLocals();
      if (locals == nullptr) return nullptr;
    }
    if (globals == nullptr || locals == nullptr) {
      PyErr_SetString(PyExc_SystemError, "globals and locals cannot be NULL");
      return nullptr;
    }
  } else if (locals == Py_None) {
    locals = globals;
  }
  if (!PyDict_Check(globals)) {
    PyErr_Format(PyExc_TypeError, "exec() globals must be a dict, not %.100s", Py_TYPE(globals)->tp_name);
    return nullptr;
  }
  if (!PyMapping_Check(locals)) {
    PyErr_Format(PyExc_TypeError, "locals must be a mapping or None, not %.100s", Py_TYPE(locals)->tp_name);
    return nullptr;
  }
  if (ensure_builtins(globals) < 0) return nullptr;
  Ref result;
  if (PyCode_Check(source)) {
    if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source)) > 0) {
      PyErr_Format(PyExc_TypeError, "code object requires a closure of exactly length %zd",
                   PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source)));
      return nullptr;
    }
    if (PySys_Audit("exec", "O", source) < 0) return nullptr;
    result = steal(run_code_object(source, globals, locals));
  } else {
    if (!is_source(source)) {
      PyErr_SetString(PyExc_TypeError, "exec() arg 1 must be a string, bytes or code object");
      return nullptr;
    }
    result = steal(run_source(source, "exec", globals, locals));
  }
  if (!result) return nullptr;
  Py_RETURN_NONE;
}

#define XP_FASTCALL(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyMethodDef g_defs[kCount] = {
    {"eval", XP_FASTCALL(xp_eval), METH_FASTCALL | METH_KEYWORDS,
     "Evaluate the given source in the context of globals and locals."},
    {"exec", XP_FASTCALL(xp_exec), METH_FASTCALL | METH_KEYWORDS,
     "Execute the given source in the context of globals and locals."},
    {nullptr, nullptr, 0, nullptr},  // __build_class__: runtime/build_class.cpp's function
};

}  // namespace

void init_frame_builtins() {
  if (g_table.replacement[0] != nullptr) return;
  PyObject* builtins = PyEval_GetBuiltins();
  Ref module_name = steal(PyUnicode_FromString("builtins"));
  // Bound to the builtins module like the originals (__self__, and the
  // name profilers give them: "built-in method builtins.exec").
  PyObject* builtins_module = PyImport_AddModule("builtins");   // borrowed
  for (int i = 0; i < kCount; ++i) {
    g_table.original[i] = Py_XNewRef(PyDict_GetItemString(builtins, kNames[i]));
    g_table.replacement[i] = i == kBuildClass ? Py_NewRef(build_class_function())
                                              : PyCFunction_NewEx(&g_defs[i], builtins_module, module_name.get());
  }
}

PyObject* substitute_builtin(PyObject* value) {
  // Only builtin functions can be ours to replace; everything else is
  // returned at the cost of one type check.
  if (Py_TYPE(value) != &PyCFunction_Type) return value;
  for (int i = 0; i < kCount; ++i)
    if (value == g_table.original[i]) return g_table.replacement[i];
  return value;
}

}  // namespace xp::rt
