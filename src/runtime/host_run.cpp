#include "runtime/host_run.h"

#include "runtime/code_loader.h"
#include "vm/call.h"
#include "vm/eval.h"
#include "vm/frame.h"

#include <cerrno>
#include <cstdio>

namespace xp::rt {

namespace {

// The state of the temporary frame redirection. One interpreter, and the
// command runs one program: plain statics are enough.
PyObject* g_main_dict = nullptr;       // borrowed: __main__'s namespace while MainCodeInVm lives
PyObject* g_capture_dict = nullptr;    // borrowed: the throwaway namespace of a compile-only run
PyObject* g_captured = nullptr;        // strong: the code object caught there

// Module-level code: globals and locals are the same namespace and the code
// does not use fast locals (a function or class body never matches).
bool is_top_level(const vm::HostFrame* f, PyObject* ns) {
  return f->f_globals == ns && f->f_locals == ns && (f->f_code->co_flags & CO_OPTIMIZED) == 0;
}

bool redirect_top_level(PyThreadState*, vm::HostFrame* f, int throwflag, PyObject** result) {
  if (!throwflag && g_capture_dict != nullptr && is_top_level(f, g_capture_dict)) {
    // Compile only: keep the code, run nothing. The caller (_PyEval_Vector)
    // clears and pops the untouched frame as usual.
    Py_XSETREF(g_captured, Py_NewRef(reinterpret_cast<PyObject*>(f->f_code)));
    *result = Py_NewRef(Py_None);
    return true;
  }
  if (!throwflag && g_main_dict != nullptr && is_top_level(f, g_main_dict)) {
    Ref shell = prepare_host_code(reinterpret_cast<PyObject*>(f->f_code));
    // The redirection stays while the VM runs the program: host code that
    // runs top-level code in __main__ again sends it to the VM too (bdb's
    // run(), so `xpython -m pdb prog.py` debugs prog.py running in the VM;
    // doctest, code.interact). The cost for other host frames is this
    // function's first test.
    *result = shell ? vm::run_code(shell.get(), f->f_globals, f->f_locals) : nullptr;
    return true;
  }
  return false;
}

// Installs redirect_top_level if it is not installed yet; returns what was there.
vm::FrameRedirect install() {
  vm::FrameRedirect current = vm::set_frame_redirect(redirect_top_level);
  return current;
}

void restore(vm::FrameRedirect saved) { vm::set_frame_redirect(saved); }

}  // namespace

MainCodeInVm::MainCodeInVm() : saved_eval_(reinterpret_cast<void*>(install())), saved_main_(g_main_dict) {
  PyObject* m = PyImport_AddModule("__main__");  // borrowed
  g_main_dict = m ? PyModule_GetDict(m) : nullptr;
  if (m == nullptr) PyErr_Clear();
}

MainCodeInVm::~MainCodeInVm() {
  g_main_dict = saved_main_;
  restore(reinterpret_cast<vm::FrameRedirect>(saved_eval_));
}

Ref compile_file_like_python(const std::string& path, const std::string& filename, bool skip_first_line) {
  FILE* fp = std::fopen(path.c_str(), "rb");
  if (fp == nullptr) {
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, path.c_str());
    return {};
  }
  if (skip_first_line) {
    // As pymain_run_file_obj: the newline stays, so line numbers do not move.
    int ch;
    while ((ch = std::getc(fp)) != EOF) {
      if (ch == '\n') {
        std::ungetc(ch, fp);
        break;
      }
    }
  }
  Ref ns = steal(PyDict_New());
  if (!ns || PyDict_SetItemString(ns.get(), "__builtins__", PyEval_GetBuiltins()) < 0) {
    std::fclose(fp);
    return {};
  }
  vm::FrameRedirect saved = install();
  PyObject* saved_capture = g_capture_dict;
  g_capture_dict = ns.get();
  PyCompilerFlags cf = _PyCompilerFlags_INIT;
  Ref result = steal(PyRun_FileExFlags(fp, filename.c_str(), Py_file_input, ns.get(), ns.get(), 1, &cf));
  g_capture_dict = saved_capture;
  restore(saved);
  Ref code = steal(g_captured);
  g_captured = nullptr;
  if (!result) return {};
  if (!code) {
    PyErr_SetString(PyExc_SystemError, "xpython: the host compiled the file but ran no code");
    return {};
  }
  return code;
}

}  // namespace xp::rt
