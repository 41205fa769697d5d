#include "runtime/frame_builtins.h"

#include "core/ref.h"
#include "runtime/namespace.h"
#include "runtime/build_class.h"
#include "vm/call.h"
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

// eval() ignores leading spaces and tabs. Stripped here rather than with
// str.lstrip: a method call would take a recursion-depth unit the host's
// eval() does not (it skips them in the C string).
PyObject* strip_leading_blanks(PyObject* source) {
  if (PyUnicode_Check(source)) {
    if (PyUnicode_READY(source) < 0) return nullptr;
    const Py_ssize_t n = PyUnicode_GET_LENGTH(source);
    Py_ssize_t i = 0;
    while (i < n && (PyUnicode_READ_CHAR(source, i) == ' ' || PyUnicode_READ_CHAR(source, i) == '\t')) ++i;
    return i == 0 ? Py_NewRef(source) : PyUnicode_Substring(source, i, n);
  }
  if (PyBytes_Check(source) || PyByteArray_Check(source)) {
    const char* p = PyBytes_Check(source) ? PyBytes_AS_STRING(source) : PyByteArray_AS_STRING(source);
    const Py_ssize_t n = PyBytes_Check(source) ? PyBytes_GET_SIZE(source) : PyByteArray_GET_SIZE(source);
    Py_ssize_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t')) ++i;
    return i == 0 ? Py_NewRef(source) : PyBytes_FromStringAndSize(p + i, n - i);
  }
  return Py_NewRef(source);
}

// Compiles like the host's eval()/exec() do ("<string>", the calling code's
// __future__ flags) and runs the result in the VM.
PyObject* run_source(PyObject* source, const char* mode, PyObject* globals, PyObject* locals) {
  Ref src = mode[0] == 'e' && mode[1] == 'v' ? steal(strip_leading_blanks(source)) : borrow(source);
  if (!src) return nullptr;
  PyCompilerFlags cf = _PyCompilerFlags_INIT;
  PyEval_MergeCompilerFlags(&cf);
  Ref filename = steal(PyUnicode_FromString("<string>"));
  Ref mode_str = steal(PyUnicode_FromString(mode));
  Ref flags = steal(PyLong_FromLong(cf.cf_flags & PyCF_MASK));
  PyObject* builtins_module = PyImport_AddModule("builtins");  // borrowed
  Ref compile = builtins_module ? steal(PyObject_GetAttrString(builtins_module, "compile")) : Ref();
  if (!filename || !mode_str || !flags || !compile) return nullptr;
  // compile() is called the way the VM's specialised CALL calls a builtin:
  // without the recursion-depth unit of its vectorcall. The host's eval()
  // and exec() compile at the caller's depth, and the compiler's own limit
  // (RecursionError "during compilation") scales with that depth.
  PyObject* args[] = {src.get(), filename.get(), mode_str.get(), flags.get(), Py_True};
  Ref code = steal(vm::call_object(compile.get(), args, 5, nullptr, true));
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
  for (int i = 0; i < kCount; ++i) {
    g_table.original[i] = Py_XNewRef(PyDict_GetItemString(builtins, kNames[i]));
    g_table.replacement[i] = i == kBuildClass ? Py_NewRef(build_class_function())
                                              : PyCFunction_NewEx(&g_defs[i], nullptr, module_name.get());
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
