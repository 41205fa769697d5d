#include "runtime/frame_builtins.h"

#include "core/error.h"
#include "runtime/build_class.h"
#include "runtime/host_code.h"
#include "vm/eval.h"

#include <array>
#include <string>

namespace xp::rt {

namespace {

using vm::Frame;
using vm::ThreadCtx;

enum Which { kLocals, kGlobals, kVars, kDir, kEval, kExec, kBuildClass, kCount };
constexpr std::array<const char*, kCount> kNames = {"locals", "globals", "vars", "dir",
                                                     "eval",   "exec",    "__build_class__"};

struct Table {
  std::array<PyObject*, kCount> original{};     // the host's objects (strong)
  std::array<PyObject*, kCount> replacement{};  // ours (strong)
};
Table g_table;

PyObject* original(Which w) { return g_table.original[w]; }

// The running interpreted frame, or nullptr when called from host code
// outside any VM frame (then the host builtin is right).
Frame* current_frame() { return vm::thread_ctx().current; }

PyObject* call_original(Which w, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return PyObject_Vectorcall(original(w), args, static_cast<size_t>(nargs), kwnames);
}

// ---- locals / globals / vars / dir ------------------------------------------------
PyObject* xp_locals(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  Frame* f = current_frame();
  if (f == nullptr || nargs != 0 || kwnames != nullptr) return call_original(kLocals, args, nargs, kwnames);
  return frame_locals(f);
}

PyObject* xp_globals(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  Frame* f = current_frame();
  if (f == nullptr || nargs != 0 || kwnames != nullptr) return call_original(kGlobals, args, nargs, kwnames);
  return Py_NewRef(f->globals);
}

PyObject* xp_vars(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  Frame* f = current_frame();
  if (f == nullptr || nargs != 0 || kwnames != nullptr) return call_original(kVars, args, nargs, kwnames);
  return frame_locals(f);
}

PyObject* xp_dir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  Frame* f = current_frame();
  if (f == nullptr || nargs != 0 || kwnames != nullptr) return call_original(kDir, args, nargs, kwnames);
  Ref locals = steal(frame_locals(f));
  if (!locals) return nullptr;
  Ref keys = steal(PyMapping_Keys(locals.get()));
  if (!keys) return nullptr;
  if (!PyList_Check(keys.get())) {
    PyErr_SetString(PyExc_TypeError, "dir(): expected keys() of locals to be a list");
    return nullptr;
  }
  if (PyList_Sort(keys.get()) < 0) return nullptr;
  return keys.release();
}

// ---- eval / exec ------------------------------------------------------------------------
PyObject* run_code_object(PyObject* code, PyObject* globals, PyObject* locals);

// Compiles `source` like the host's eval()/exec() do (the calling code's
// __future__ flags, "<string>"), converts it and runs it in the VM.
PyObject* run_source(Frame* f, PyObject* source, const char* mode, const char* fname, PyObject* globals,
                     PyObject* locals) {
  Ref src = borrow(source);
  if (std::string(mode) == "eval") {
    // eval() ignores leading spaces and tabs.
    if (PyUnicode_Check(source)) {
      Ref stripped = steal(PyObject_CallMethod(source, "lstrip", "s", " \t"));
      if (!stripped) return nullptr;
      src = stripped;
    } else if (PyBytes_Check(source) || PyByteArray_Check(source)) {
      Ref chars = steal(PyBytes_FromString(" \t"));
      Ref stripped = chars ? steal(PyObject_CallMethod(source, "lstrip", "O", chars.get())) : Ref();
      if (!stripped) return nullptr;
      src = stripped;
    }
  } else if (!PyUnicode_Check(source) && !PyBytes_Check(source) && !PyByteArray_Check(source) &&
             !PyObject_CheckBuffer(source)) {
    PyErr_Format(PyExc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
    return nullptr;
  }
  if (!PyUnicode_Check(src.get()) && !PyBytes_Check(src.get()) && !PyByteArray_Check(src.get()) &&
      !PyObject_CheckBuffer(src.get())) {
    PyErr_Format(PyExc_TypeError, "%s() arg 1 must be a string, bytes or code object", fname);
    return nullptr;
  }
  const int flags = static_cast<int>(f->ec->flags) & PyCF_MASK;
  Ref filename = steal(PyUnicode_FromString("<string>"));
  if (!filename) return nullptr;
  PyObject* builtins_module = PyImport_AddModule("builtins");  // borrowed
  Ref compile = builtins_module ? steal(PyObject_GetAttrString(builtins_module, "compile")) : Ref();
  if (!compile) return nullptr;
  Ref code = steal(PyObject_CallFunction(compile.get(), "OOsii", src.get(), filename.get(), mode, flags, 1));
  if (!code) return nullptr;
  return run_code_object(code.get(), globals, locals);
}

// Runs a code object given to exec()/eval() (or compiled from a string) in
// the VM; host code objects get their ExecCode attached on first use.
PyObject* run_code_object(PyObject* code, PyObject* globals, PyObject* locals) {
  if (vm::exec_code_for_call(code) == nullptr) return nullptr;
  return vm::run_code(code, globals, locals);
}

int ensure_builtins(Frame* f, PyObject* globals) {
  static PyObject* const key = PyUnicode_InternFromString("__builtins__");
  int r = PyDict_Contains(globals, key);
  if (r == 0) r = PyDict_SetItem(globals, key, f->builtins);
  return r < 0 ? -1 : 0;
}

// Parses (source, globals=None, locals=None) positionally or by keyword.
bool parse_source_args(const char* fname, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                       PyObject** source, PyObject** globals, PyObject** locals, PyObject** closure) {
  *source = nullptr;
  *globals = Py_None;
  *locals = Py_None;
  if (closure) *closure = Py_None;
  if (nargs < 1 || nargs > 3) {
    if (nargs < 1)
      PyErr_Format(PyExc_TypeError, "%s expected at least 1 argument, got %zd", fname, nargs);
    else
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
  Frame* f = current_frame();
  if (f == nullptr) return call_original(kEval, args, nargs, kwnames);
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
  Ref frame_locals_ref;
  if (globals == Py_None) {
    globals = f->globals;
    if (locals == Py_None) {
      frame_locals_ref = steal(frame_locals(f));
      if (!frame_locals_ref) return nullptr;
      locals = frame_locals_ref.get();
    }
  } else if (locals == Py_None) {
    locals = globals;
  }
  if (ensure_builtins(f, globals) < 0) return nullptr;
  if (PyCode_Check(source)) {
    if (PySys_Audit("exec", "O", source) < 0) return nullptr;
    if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source)) > 0) {
      PyErr_SetString(PyExc_TypeError, "code object passed to eval() may not contain free variables");
      return nullptr;
    }
    return run_code_object(source, globals, locals);
  }
  if (!PyUnicode_Check(source) && !PyBytes_Check(source) && !PyByteArray_Check(source) &&
      !PyObject_CheckBuffer(source)) {
    PyErr_SetString(PyExc_TypeError, "eval() arg 1 must be a string, bytes or code object");
    return nullptr;
  }
  return run_source(f, source, "eval", "eval", globals, locals);
}

PyObject* xp_exec(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  Frame* f = current_frame();
  if (f == nullptr) return call_original(kExec, args, nargs, kwnames);
  PyObject *source, *globals, *locals, *closure;
  if (!parse_source_args("exec", args, nargs, kwnames, &source, &globals, &locals, &closure)) return nullptr;
  if (closure != Py_None) return call_original(kExec, args, nargs, kwnames);  // rare; run natively
  Ref frame_locals_ref;
  if (globals == Py_None) {
    globals = f->globals;
    if (locals == Py_None) {
      frame_locals_ref = steal(frame_locals(f));
      if (!frame_locals_ref) return nullptr;
      locals = frame_locals_ref.get();
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
  if (ensure_builtins(f, globals) < 0) return nullptr;
  Ref result;
  if (PyCode_Check(source)) {
    if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source)) > 0) {
      PyErr_SetString(PyExc_TypeError, "code object requires a closure of exactly length 0");
      return nullptr;
    }
    if (PySys_Audit("exec", "O", source) < 0) return nullptr;
    result = steal(run_code_object(source, globals, locals));
  } else {
    result = steal(run_source(f, source, "exec", "exec", globals, locals));
  }
  if (!result) return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef g_defs[kCount] = {
    {"locals", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(xp_locals)), METH_FASTCALL | METH_KEYWORDS,
     "Return a dictionary containing the current scope's local variables."},
    {"globals", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(xp_globals)), METH_FASTCALL | METH_KEYWORDS,
     "Return the dictionary containing the current scope's global variables."},
    {"vars", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(xp_vars)), METH_FASTCALL | METH_KEYWORDS,
     "vars([object]) -> dictionary"},
    {"dir", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(xp_dir)), METH_FASTCALL | METH_KEYWORDS,
     "dir([object]) -> list of strings"},
    {"eval", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(xp_eval)), METH_FASTCALL | METH_KEYWORDS,
     "Evaluate the given source in the context of globals and locals."},
    {"exec", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(xp_exec)), METH_FASTCALL | METH_KEYWORDS,
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

PyObject* frame_locals(Frame* f) {
  PyObject* locals = f->locals;
  if (locals == nullptr) {
    if (f->locals_dict == nullptr) {
      f->locals_dict = PyDict_New();
      if (f->locals_dict == nullptr) return nullptr;
    }
    locals = f->locals_dict;
  }
  const vm::ExecCode* ec = f->ec;
  const bool optimized = ec->flags & kCoOptimized;
  for (int i = 0; i < ec->nlocalsplus; ++i) {
    const uint8_t kind = ec->localspluskinds[static_cast<size_t>(i)];
    if ((kind & kLocalFree) && !optimized) continue;  // class bodies don't show __class__ etc.
    PyObject* name = ec->localsplus_name(i);
    PyObject* value = f->localsplus[i];
    if (value != nullptr && (kind & (kLocalCell | kLocalFree)) && PyCell_Check(value)) value = PyCell_GET(value);
    if (value == nullptr) {
      if (PyObject_DelItem(locals, name) < 0) {
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) return nullptr;
        PyErr_Clear();
      }
    } else if (PyObject_SetItem(locals, name, value) < 0) {
      return nullptr;
    }
  }
  return Py_NewRef(locals);
}

PyObject* super_without_args(ThreadCtx& t) {
  Frame* f = t.current;
  if (f == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "super(): no current frame");
    return nullptr;
  }
  const vm::ExecCode* ec = f->ec;
  if (ec->argcount == 0) {
    PyErr_SetString(PyExc_RuntimeError, "super(): no arguments");
    return nullptr;
  }
  PyObject* firstarg = f->localsplus[0];
  if (firstarg != nullptr && (ec->localspluskinds[0] & kLocalCell) && PyCell_Check(firstarg))
    firstarg = PyCell_GET(firstarg);
  if (firstarg == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "super(): arg[0] deleted");
    return nullptr;
  }
  for (int i = 0; i < ec->nlocalsplus; ++i) {
    if (!(ec->localspluskinds[static_cast<size_t>(i)] & kLocalFree)) continue;
    if (PyUnicode_CompareWithASCIIString(ec->localsplus_name(i), "__class__") != 0) continue;
    PyObject* cell = f->localsplus[i];
    if (cell == nullptr || !PyCell_Check(cell)) {
      PyErr_SetString(PyExc_RuntimeError, "super(): bad __class__ cell");
      return nullptr;
    }
    PyObject* type = PyCell_GET(cell);
    if (type == nullptr) {
      PyErr_SetString(PyExc_RuntimeError, "super(): empty __class__ cell");
      return nullptr;
    }
    if (!PyType_Check(type)) {
      PyErr_Format(PyExc_RuntimeError, "super(): __class__ is not a type (%s)", Py_TYPE(type)->tp_name);
      return nullptr;
    }
    return PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject*>(&PySuper_Type), type, firstarg, nullptr);
  }
  PyErr_SetString(PyExc_RuntimeError, "super(): __class__ cell not found");
  return nullptr;
}

}  // namespace xp::rt
