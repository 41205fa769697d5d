#include "vm/call.h"

#include "vm/eval.h"
#include "runtime/generator.h"
#include "vm/host_entry.h"

#include <vector>

namespace xp::vm {

namespace {

// "%U() missing 2 required positional arguments: 'a' and 'b'"
void format_missing(const char* kind, PyObject* names, PyObject* qualname) {
  const Py_ssize_t len = PyList_GET_SIZE(names);
  Ref name_str;
  if (len == 1) {
    name_str = borrow(PyList_GET_ITEM(names, 0));
  } else if (len == 2) {
    name_str = steal(PyUnicode_FromFormat("%U and %U", PyList_GET_ITEM(names, 0), PyList_GET_ITEM(names, 1)));
  } else {
    Ref tail = steal(PyUnicode_FromFormat(", %U, and %U", PyList_GET_ITEM(names, len - 2),
                                          PyList_GET_ITEM(names, len - 1)));
    if (!tail || PyList_SetSlice(names, len - 2, len, nullptr) < 0) return;
    Ref comma = steal(PyUnicode_FromString(", "));
    if (!comma) return;
    Ref head = steal(PyUnicode_Join(comma.get(), names));
    if (!head) return;
    name_str = steal(PyUnicode_Concat(head.get(), tail.get()));
  }
  if (!name_str) return;
  PyErr_Format(PyExc_TypeError, "%U() missing %zd required %s argument%s: %U", qualname, len, kind,
               len == 1 ? "" : "s", name_str.get());
}

void missing_arguments(const ExecCode* ec, Py_ssize_t missing, Py_ssize_t defcount, PyObject** localsplus,
                       PyObject* qualname) {
  const bool positional = defcount != -1;
  Ref names = steal(PyList_New(missing));
  if (!names) return;
  Py_ssize_t start = positional ? 0 : ec->argcount;
  Py_ssize_t end = positional ? ec->argcount - defcount : ec->argcount + ec->kwonlyargcount;
  Py_ssize_t j = 0;
  for (Py_ssize_t i = start; i < end; ++i) {
    if (localsplus[i] != nullptr) continue;
    PyObject* name = PyObject_Repr(ec->localsplus_name(static_cast<int>(i)));
    if (name == nullptr) return;
    PyList_SET_ITEM(names.get(), j++, name);
  }
  format_missing(positional ? "positional" : "keyword-only", names.get(), qualname);
}

void too_many_positional(const ExecCode* ec, Py_ssize_t given, PyObject* defaults, PyObject** localsplus,
                         PyObject* qualname) {
  Py_ssize_t kwonly_given = 0;
  for (int i = ec->argcount; i < ec->argcount + ec->kwonlyargcount; ++i)
    if (localsplus[i] != nullptr) ++kwonly_given;
  const Py_ssize_t defcount = defaults == nullptr ? 0 : PyTuple_GET_SIZE(defaults);
  bool plural;
  Ref sig;
  if (defcount) {
    plural = true;
    sig = steal(PyUnicode_FromFormat("from %zd to %d", ec->argcount - defcount, ec->argcount));
  } else {
    plural = ec->argcount != 1;
    sig = steal(PyUnicode_FromFormat("%d", ec->argcount));
  }
  if (!sig) return;
  Ref kwonly_sig;
  if (kwonly_given)
    kwonly_sig = steal(PyUnicode_FromFormat(" positional argument%s (and %zd keyword-only argument%s)",
                                            given != 1 ? "s" : "", kwonly_given, kwonly_given != 1 ? "s" : ""));
  else
    kwonly_sig = steal(PyUnicode_FromString(""));
  if (!kwonly_sig) return;
  PyErr_Format(PyExc_TypeError, "%U() takes %U positional argument%s but %zd%U %s given", qualname, sig.get(),
               plural ? "s" : "", given, kwonly_sig.get(), given == 1 && !kwonly_given ? "was" : "were");
}

// True (with the error set) if some keyword names a positional-only parameter.
bool positional_only_passed_as_keyword(const ExecCode* ec, PyObject* kwnames, PyObject* qualname) {
  Ref hits = steal(PyList_New(0));
  if (!hits) return true;
  const Py_ssize_t kwcount = PyTuple_GET_SIZE(kwnames);
  for (int k = 0; k < ec->posonlyargcount; ++k) {
    PyObject* posonly = ec->localsplus_name(k);
    for (Py_ssize_t k2 = 0; k2 < kwcount; ++k2) {
      PyObject* kw = PyTuple_GET_ITEM(kwnames, k2);
      int eq = kw == posonly ? 1 : PyObject_RichCompareBool(posonly, kw, Py_EQ);
      if (eq < 0) return true;
      if (eq && PyList_Append(hits.get(), kw) < 0) return true;
    }
  }
  if (PyList_GET_SIZE(hits.get()) == 0) return false;
  Ref comma = steal(PyUnicode_FromString(", "));
  if (!comma) return true;
  Ref joined = steal(PyUnicode_Join(comma.get(), hits.get()));
  if (!joined) return true;
  PyErr_Format(PyExc_TypeError, "%U() got some positional-only arguments passed as keyword arguments: '%U'",
               qualname, joined.get());
  return true;
}

void decref_all(PyObject** p, Py_ssize_t n) {
  for (Py_ssize_t i = 0; i < n; ++i) Py_XDECREF(p[i]);
}

}  // namespace

int bind_args(Frame* f, PyFunctionObject* func, PyObject** args, Py_ssize_t argcount, PyObject* kwnames) {
  const ExecCode* ec = f->ec;
  PyObject** localsplus = f->localsplus();
  PyObject* qualname = func->func_qualname;
  const Py_ssize_t co_argcount = ec->argcount;
  const Py_ssize_t total_args = co_argcount + ec->kwonlyargcount;
  const Py_ssize_t kwcount = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  const bool varargs = ec->flags & kCoVarargs;

  PyObject* kwdict = nullptr;
  if (ec->flags & kCoVarkeywords) {
    kwdict = PyDict_New();
    if (kwdict == nullptr) {
      decref_all(args, argcount + kwcount);
      return -1;
    }
    localsplus[total_args + (varargs ? 1 : 0)] = kwdict;
  }

  // Positional arguments.
  const Py_ssize_t n = argcount > co_argcount ? co_argcount : argcount;
  for (Py_ssize_t j = 0; j < n; ++j) localsplus[j] = args[j];
  if (varargs) {
    PyObject* u = PyTuple_New(argcount - n);
    if (u == nullptr) {
      decref_all(args + n, argcount - n + kwcount);
      return -1;
    }
    for (Py_ssize_t j = n; j < argcount; ++j) PyTuple_SET_ITEM(u, j - n, args[j]);
    localsplus[total_args] = u;
  } else {
    decref_all(args + n, argcount - n);  // too many: reported below
  }

  // Keyword arguments.
  for (Py_ssize_t i = 0; i < kwcount; ++i) {
    PyObject* keyword = PyTuple_GET_ITEM(kwnames, i);
    PyObject* value = args[argcount + i];
    Py_ssize_t j;
    if (!PyUnicode_Check(keyword)) {
      PyErr_Format(PyExc_TypeError, "%U() keywords must be strings", qualname);
      decref_all(args + argcount + i, kwcount - i);
      return -1;
    }
    // Names are interned, so pointer compares almost always hit.
    for (j = ec->posonlyargcount; j < total_args; ++j)
      if (ec->localsplus_name(static_cast<int>(j)) == keyword) goto found;
    for (j = ec->posonlyargcount; j < total_args; ++j) {
      int eq = PyObject_RichCompareBool(keyword, ec->localsplus_name(static_cast<int>(j)), Py_EQ);
      if (eq < 0) {
        decref_all(args + argcount + i, kwcount - i);
        return -1;
      }
      if (eq) goto found;
    }
    if (kwdict == nullptr) {
      if (!(ec->posonlyargcount && positional_only_passed_as_keyword(ec, kwnames, qualname)))
        PyErr_Format(PyExc_TypeError, "%U() got an unexpected keyword argument '%S'", qualname, keyword);
      decref_all(args + argcount + i, kwcount - i);
      return -1;
    }
    if (PyDict_SetItem(kwdict, keyword, value) < 0) {
      decref_all(args + argcount + i, kwcount - i);
      return -1;
    }
    Py_DECREF(value);
    continue;
  found:
    if (localsplus[j] != nullptr) {
      PyErr_Format(PyExc_TypeError, "%U() got multiple values for argument '%S'", qualname, keyword);
      decref_all(args + argcount + i, kwcount - i);
      return -1;
    }
    localsplus[j] = value;
  }

  if (argcount > co_argcount && !varargs) {
    too_many_positional(ec, argcount, func->func_defaults, localsplus, qualname);
    return -1;
  }

  // Missing positional arguments: defaults.
  if (argcount < co_argcount) {
    const Py_ssize_t defcount = func->func_defaults ? PyTuple_GET_SIZE(func->func_defaults) : 0;
    const Py_ssize_t m = co_argcount - defcount;
    Py_ssize_t missing = 0;
    for (Py_ssize_t i = argcount; i < m; ++i)
      if (localsplus[i] == nullptr) ++missing;
    if (missing) {
      missing_arguments(ec, missing, defcount, localsplus, qualname);
      return -1;
    }
    for (Py_ssize_t i = n > m ? n - m : 0; i < defcount; ++i)
      if (localsplus[m + i] == nullptr) localsplus[m + i] = Py_NewRef(PyTuple_GET_ITEM(func->func_defaults, i));
  }

  // Missing keyword-only arguments: kwdefaults.
  if (ec->kwonlyargcount > 0) {
    Py_ssize_t missing = 0;
    for (Py_ssize_t i = co_argcount; i < total_args; ++i) {
      if (localsplus[i] != nullptr) continue;
      if (func->func_kwdefaults != nullptr) {
        PyObject* def = PyDict_GetItemWithError(func->func_kwdefaults, ec->localsplus_name(static_cast<int>(i)));
        if (def != nullptr) {
          localsplus[i] = Py_NewRef(def);
          continue;
        }
        if (PyErr_Occurred()) return -1;
      }
      ++missing;
    }
    if (missing) {
      missing_arguments(ec, missing, -1, localsplus, qualname);
      return -1;
    }
  }
  return 0;
}

Frame* make_call_frame(ThreadCtx& t, PyObject* func, PyObject** args, Py_ssize_t nargs, PyObject* kwnames) {
  auto* fn = reinterpret_cast<PyFunctionObject*>(func);
  const Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  ExecCode* ec = exec_code_for_call(fn->func_code);
  if (ec == nullptr) {
    decref_all(args, total);
    return nullptr;
  }
  Frame* f = push_frame(t, ec, func, nullptr);
  if (f == nullptr) {
    decref_all(args, total);
    return nullptr;
  }
  // The common case -- positional arguments only, as many as the function
  // takes, no *args/**kwargs/keyword-only parameters -- needs no binding
  // logic (CPython specialises it as CALL_PY_EXACT_ARGS).
  if (kwnames == nullptr && nargs == ec->argcount && ec->kwonlyargcount == 0 &&
      !(ec->flags & (kCoVarargs | kCoVarkeywords))) {
    PyObject** locals = f->localsplus();
    for (Py_ssize_t i = 0; i < nargs; ++i) locals[i] = args[i];
    return f;
  }
  if (bind_args(f, fn, args, nargs, kwnames) < 0) {
    pop_frame(t, f);
    return nullptr;
  }
  return f;
}

PyObject* function_vectorcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  if (foreign_eval_frame()) return _PyFunction_Vectorcall(func, args, nargsf, kwnames);
  const Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  const Py_ssize_t total = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0);
  // bind_args steals references; host callers lend theirs.
  PyObject* small[8];
  std::vector<PyObject*> big;
  PyObject** owned = small;
  if (total > 8) {
    big.resize(static_cast<size_t>(total));
    owned = big.data();
  }
  for (Py_ssize_t i = 0; i < total; ++i) owned[i] = Py_NewRef(args[i]);
  ThreadCtx& t = thread_ctx();
  Frame* f = make_call_frame(t, func, owned, nargs, kwnames);
  if (f == nullptr) return nullptr;
  f->is_entry = true;
  return eval(t, f, false);
}

namespace {

// Whether the host frame `h`, about to be evaluated by the host, holds code
// the VM must run instead:
//  - a frame of an interpreted function: the host made it itself, which
//    only its own C code does without going through the function's
//    vectorcall (the real builtins.__build_class__ running a class body);
//  - a frame with a namespace (exec/eval of code or of source, which the
//    host compiles) started while a VM frame is the current frame, i.e.
//    builtins.exec/eval called from interpreted code (directly, through
//    map(), functools.partial, ...), or started for code already prepared
//    for the VM (a shell from xpython's .pyc reader) by anyone.
// Function frames of host code (the common case here) have no namespace:
// two loads and compares each.
bool runs_in_vm(PyThreadState* ts, const HostFrame* h) {
  if (h->f_func->vectorcall == function_vectorcall) return true;
  if (h->f_locals == nullptr) return false;
  // The caller is the VM frame running on this thread (not a host frame
  // called by it)?
  const HostFrame* caller = host_current_frame(ts);
  const ThreadCtx* t = thread_ctx_if_any();
  if (caller != nullptr && t != nullptr && t->current != nullptr && caller == t->current->host) return true;
  return exec_code_of(reinterpret_cast<PyObject*>(h->f_code)) != nullptr;
}

// Runs the host frame `h` (made by _PyEvalFramePushAndInit, not started, not
// linked into the frame chain) as a VM frame of the same function, code and
// namespace. The arguments the host bound move over; the host clears and
// pops its (then empty) frame when we return, as after its own evaluation.
PyObject* run_host_frame_in_vm(HostFrame* h) {
  ExecCode* ec = exec_code_for_call(reinterpret_cast<PyObject*>(h->f_code));
  if (ec == nullptr) return nullptr;
  ThreadCtx& t = thread_ctx();
  Frame* f = push_frame(t, ec, reinterpret_cast<PyObject*>(h->f_func), h->f_locals);
  if (f == nullptr) return nullptr;
  PyObject** from = h->localsplus;
  PyObject** to = f->localsplus();
  for (int i = 0; i < ec->nlocalsplus; ++i) {
    to[i] = from[i];
    from[i] = nullptr;
  }
  f->is_entry = true;
  return eval(t, f, false);
}

// The host's own frame evaluation (CPython's _PyEval_EvalFrameDefault, or
// what the executable's interposed definition leads to).
_PyFrameEvalFunction g_host_eval = _PyEval_EvalFrameDefault;
bool g_interposition_registered = false;
bool g_interposed = false;     // frames reach host_frame_eval without a PEP 523 function
long g_interposed_calls = 0;   // evaluations seen through the interposed definition
FrameRedirect g_redirect = nullptr;

bool g_vm_ready = false;       // install_eval_frame_hook has run

// Every frame the host evaluates through _PyEval_EvalFrame (not those its
// loop inlines) comes here: by the interposed _PyEval_EvalFrameDefault, or
// as the PEP 523 frame evaluation function.
PyObject* host_frame_eval(PyThreadState* ts, struct _PyInterpreterFrame* frame, int throwflag) {
  // (The host's own start-up, before the VM's, comes here too.)
  if (!g_vm_ready) return g_host_eval(ts, frame, throwflag);
  auto* h = reinterpret_cast<HostFrame*>(frame);
  if (g_redirect != nullptr) {
    PyObject* result;
    if (g_redirect(ts, h, throwflag, &result)) return result;
  }
  if (h->owner == rt::kFrameOwnedByGenerator) {
    // A VM generator resumed by the host's send()/throw()/close()/next();
    // others (the host's own, and those of code without a trampoline) go
    // on in the host.
    if (rt::is_vm_generator_frame(h)) return rt::resume_generator(h, throwflag);
  } else if (!throwflag && runs_in_vm(ts, h)) {
    return run_host_frame_in_vm(h);
  }
  return g_host_eval(ts, frame, throwflag);
}

void set_eval_frame_function(_PyFrameEvalFunction fn) {
  _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState_Get(), fn);
}

void (*g_host_set_eval_frame)(PyInterpreterState*, _PyFrameEvalFunction) = nullptr;

}  // namespace

bool g_foreign_eval_frame = false;
vectorcallfunc g_inline_vectorcall = function_vectorcall;

void use_interposed_set_eval_frame(void (*host_set)(PyInterpreterState*, _PyFrameEvalFunction)) {
  g_host_set_eval_frame = host_set;
}

void interposed_set_eval_frame(PyInterpreterState* interp, _PyFrameEvalFunction fn) {
  // "The default" by any of its addresses: the executable's definition
  // (which a caller's _PyEval_EvalFrameDefault names here) or the host's.
  // The host compares with its own only, so it gets NULL for both: its loop
  // keeps inlining calls.
  if (fn == _PyEval_EvalFrameDefault || fn == g_host_eval) fn = nullptr;
  g_foreign_eval_frame = fn != nullptr && fn != host_frame_eval;
  g_inline_vectorcall = g_foreign_eval_frame ? nullptr : function_vectorcall;
  g_host_set_eval_frame(interp, fn);
}

PyObject* g_builtin_len = nullptr;

void init_calls() {
  // A borrowed reference: the builtins module keeps len alive.
  g_builtin_len = PyDict_GetItemString(PyEval_GetBuiltins(), "len");
}

void use_interposed_eval_frame(_PyFrameEvalFunction host_eval, bool use) {
  g_host_eval = host_eval;
  g_interposition_registered = use;
}

PyObject* interposed_eval_frame(PyThreadState* ts, struct _PyInterpreterFrame* frame, int throwflag) {
  // (Forwarding only, in the PEP 523 function's mode, unless someone else's
  // PEP 523 function replaced it: that one's call of the default is then
  // the VM's only way in.)
  if (!g_interposition_registered && !g_foreign_eval_frame) return g_host_eval(ts, frame, throwflag);
  ++g_interposed_calls;
  return host_frame_eval(ts, frame, throwflag);
}

void install_eval_frame_hook() {
  // The host's start-up (importlib, site) evaluated frames through the
  // interposed definition if the dynamic linker bound libpython's calls to
  // it; else (the definition is not the one libpython calls, or this is the
  // extension module) the PEP 523 function is the only way in.
  g_interposed = g_interposition_registered && g_interposed_calls > 0;
  g_vm_ready = true;
  if (!g_interposed) set_eval_frame_function(host_frame_eval);
}

void set_host_inlining(bool on) {
  if (!g_interposed) return;
  // (A PEP 523 function someone else installed stays. The host reports
  // "none" as its _PyEval_EvalFrameDefault, which is the interposed one.)
  const _PyFrameEvalFunction current = _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState_Get());
  if (current == host_frame_eval || current == _PyEval_EvalFrameDefault || current == g_host_eval)
    set_eval_frame_function(on ? nullptr : host_frame_eval);
}

FrameRedirect set_frame_redirect(FrameRedirect redirect) {
  FrameRedirect previous = g_redirect;
  g_redirect = redirect;
  return previous;
}

PyObject* run_host_entered_frame(HostFrame* g, HostFrame* x) {
  ExecCode* ec = exec_code_of_code(reinterpret_cast<PyObject*>(g->f_code));
  ThreadCtx& t = thread_ctx();
  PyThreadState* ts = t.tstate;
  // The host ran the prologue and bound the arguments in its frame; the
  // VM's state of the frame is in the arena.
  auto* f = static_cast<Frame*>(t.arena.alloc(sizeof(Frame)));
  if (f == nullptr) return PyErr_NoMemory();
  f->ec = ec;
  f->back = nullptr;
  f->ip = ec->instrs + ec->entry_index;
  f->sp = g->localsplus + ec->nlocalsplus;
  f->host = g;
  f->owner = FrameOwner::HostCall;
  f->state = FrameState::Created;
  f->is_entry = true;
  g->stacktop = -1;
  // eval() links the frame below the entry callee's (the host's caller),
  // and charges the frame's recursion unit itself: the host charged one for
  // it and one for the entry callee, which costs nothing natively.
  set_host_current_frame(ts, g->previous);
  ts->recursion_remaining += 2;
  PyObject* result = eval(t, f, false);
  ts->recursion_remaining -= 2;
  set_host_current_frame(ts, x);
  t.arena.free(f);
  return result;
}

}  // namespace xp::vm
