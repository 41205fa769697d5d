// Calling interpreted functions: argument binding and the vectorcall entry
// host code uses.
#pragma once

#include "vm/frame.h"

namespace xp::vm {

// The vectorcall installed in every function the VM makes: host C code
// calls interpreted functions through it (the host's eval loop inlines its
// own calls instead: vm/host_entry.h).
PyObject* function_vectorcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames);

inline bool is_vm_function(PyObject* o) {
  return Py_TYPE(o) == &PyFunction_Type &&
         reinterpret_cast<PyFunctionObject*>(o)->vectorcall == function_vectorcall;
}

// The vectorcall of the functions the VM's CALL calls in its own loop:
// function_vectorcall, or nullptr (no function's) while someone else's PEP
// 523 frame function is installed (foreign_eval_frame, below). A load in
// place of the constant is_vm_function compares with: the check costs the
// call path nothing.
extern vectorcallfunc g_inline_vectorcall;
inline bool is_inlined_vm_call(PyObject* o) {
  return Py_TYPE(o) == &PyFunction_Type &&
         reinterpret_cast<PyFunctionObject*>(o)->vectorcall == g_inline_vectorcall;
}

// The builtin len (PRECALL_NO_KW_LEN recognises it by identity); set by
// init_calls().
extern PyObject* g_builtin_len;
void init_calls();

// CALL of anything that is not an interpreted function. `args` holds `nargs`
// positional values then one per name in `kwnames`; the slot before args[0]
// may be overwritten (PY_VECTORCALL_ARGUMENTS_OFFSET).
//
// Recursion depth: a builtin's vectorcall counts one unit of recursion
// depth, which CPython 3.11 skips when its adaptive interpreter has
// specialised the call site (PRECALL_NO_KW_BUILTIN_FAST,
// PRECALL_BUILTIN_FAST_WITH_KEYWORDS, PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST,
// PRECALL_METHOD_DESCRIPTOR_FAST_WITH_KEYWORDS, PRECALL_NO_KW_LEN call the C
// function directly; PRECALL_NO_KW_STR_1 calls PyObject_Str without going
// through type_call). So recursion through sum(genexpr), next(g),
// __build_class__, exec/eval or str() costs two units per level natively,
// not three. `specialised` says whether the calling code is past 3.11's
// warm-up (ExecCode::warmup); then the same calls are made directly, under
// the same conditions as those specialised forms; else, as in unquickened
// 3.11 code, everything goes through vectorcall.
inline PyObject* call_object(PyObject* callable, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                             bool specialised) {
  if (specialised) {
    // The flags are compared whole, as the specialised forms' guards do (a
    // METH_COEXIST or METH_STATIC method always takes the generic path).
    if (Py_IS_TYPE(callable, &PyCFunction_Type)) {
      const PyMethodDef* def = reinterpret_cast<PyCFunctionObject*>(callable)->m_ml;
      const int kind = def->ml_flags;
      if (kind == METH_FASTCALL && kwnames == nullptr)
        return reinterpret_cast<_PyCFunctionFast>(reinterpret_cast<void (*)()>(def->ml_meth))(
            PyCFunction_GET_SELF(callable), args, nargs);
      if (kind == (METH_FASTCALL | METH_KEYWORDS))
        return reinterpret_cast<_PyCFunctionFastWithKeywords>(reinterpret_cast<void (*)()>(def->ml_meth))(
            PyCFunction_GET_SELF(callable), args, nargs, kwnames);
      if (callable == g_builtin_len && nargs == 1 && kwnames == nullptr) {
        const Py_ssize_t n = PyObject_Length(args[0]);
        return n < 0 ? nullptr : PyLong_FromSsize_t(n);
      }
    } else if (Py_IS_TYPE(callable, &PyMethodDescr_Type)) {
      auto* descr = reinterpret_cast<PyMethodDescrObject*>(callable);
      const int kind = descr->d_method->ml_flags;
      // 3.11 specialises no method-descriptor call with keywords, and takes
      // the fast form only for a self of exactly the method's type.
      if (kwnames == nullptr && nargs >= 1 && Py_IS_TYPE(args[0], descr->d_common.d_type)) {
        if (kind == METH_FASTCALL)
          return reinterpret_cast<_PyCFunctionFast>(reinterpret_cast<void (*)()>(descr->d_method->ml_meth))(
              args[0], args + 1, nargs - 1);
        if (kind == (METH_FASTCALL | METH_KEYWORDS))
          return reinterpret_cast<_PyCFunctionFastWithKeywords>(
              reinterpret_cast<void (*)()>(descr->d_method->ml_meth))(args[0], args + 1, nargs - 1, nullptr);
      }
    } else if (callable == reinterpret_cast<PyObject*>(&PyUnicode_Type) && nargs == 1 && kwnames == nullptr) {
      return PyObject_Str(args[0]);
    }
  }
  return PyObject_Vectorcall(callable, args, static_cast<size_t>(nargs) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
}

// Binds a call's arguments into the locals of a fresh frame `f` of `func`,
// with CPython 3.11's rules and error messages. `args` holds `nargs`
// positional values followed by one value per name in `kwnames` (a tuple or
// nullptr). Steals every argument reference, on success and on failure.
// Returns 0, or -1 with TypeError set.
int bind_args(Frame* f, PyFunctionObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames);

// Creates a thread frame for calling interpreted function `func` and binds
// the arguments (stealing them, as bind_args). nullptr on error.
Frame* make_call_frame(ThreadCtx& t, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames);

// How frames the host evaluates itself reach the VM. The host calls
// _PyEval_EvalFrame for every frame its loop does not inline: generators
// resumed by send()/next()/throw()/close(), class bodies run by the real
// builtins.__build_class__, code run by the real builtins.exec/eval, host
// functions called from C. Those of VM code run in the VM, so interpreted
// code sees the host's own exec, eval and __build_class__ (identity,
// signature, pickling, error messages, audit events) at no cost to its
// calls.
//
// The executable defines _PyEval_EvalFrameDefault itself (app/), so that
// libpython's calls of it come to interposed_eval_frame with no PEP 523
// function installed: then CPython 3.11 keeps inlining Python-to-Python
// calls, and host code runs at native speed (its inlined calls of
// interpreted functions enter the VM through the shells' entry trampolines,
// vm/host_entry.h). Without that (the extension module, or a libpython
// whose calls are bound internally), a PEP 523 function is installed, which
// stops the inlining: host Python-to-Python calls then go through C.
//
// The executable registers the host's own definition before the host
// starts (`use` false: only forward to it, the PEP 523 function does the
// rest); install_eval_frame_hook (at VM start-up) chooses.
void use_interposed_eval_frame(_PyFrameEvalFunction host_eval, bool use);
PyObject* interposed_eval_frame(PyThreadState* ts, struct _PyInterpreterFrame* frame, int throwflag);
void install_eval_frame_hook();
// While something traces or profiles (sys.settrace/setprofile), the host
// must not inline calls of interpreted functions (its events for the
// trampoline's frames are not CPython's): the PEP 523 function is
// installed. No effect without interposition.
void set_host_inlining(bool on);

// PEP 523 frame functions installed by others (_testinternalcapi, a
// debugger's frame evaluation, a JIT) must see every frame a Python call
// makes, as natively: while one is installed, the VM's calls of interpreted
// functions (its own inlined ones: is_inlined_vm_call; function_vectorcall's;
// generators resumed by FOR_ITER/SEND) go through the host's _PyFunction_Vectorcall and
// gen_send_ex2, whose frames reach that function, and through it (it calls
// _PyEval_EvalFrameDefault) the VM again. The executable sees every change
// of the interpreter's frame function (it defines
// _PyInterpreterState_SetEvalFrameFunc too: app/); the extension module
// does not, and never routes so.
extern bool g_foreign_eval_frame;
inline bool foreign_eval_frame() { return g_foreign_eval_frame; }
// The executable's _PyInterpreterState_SetEvalFrameFunc: `host_set` is the
// host's definition (registered before the host starts).
void use_interposed_set_eval_frame(void (*host_set)(PyInterpreterState*, _PyFrameEvalFunction));
void interposed_set_eval_frame(PyInterpreterState* interp, _PyFrameEvalFunction fn);

// A temporary first look at every frame the host evaluates (rt::MainCodeInVm,
// compile-only runs): returns true with *result set if it evaluated the
// frame. Returns the previous one.
using FrameRedirect = bool (*)(PyThreadState* ts, HostFrame* frame, int throwflag, PyObject** result);
FrameRedirect set_frame_redirect(FrameRedirect redirect);

}  // namespace xp::vm
