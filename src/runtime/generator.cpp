// Generators, coroutines and async generators over VM frames.
//
// One object layout (GenObject) serves the three kinds; behaviour follows
// CPython 3.11's Objects/genobject.c: send/throw/close, `yield from` and
// `await` delegation (the delegate is the value on top of the suspended
// frame's stack when the next instruction is RESUME >= 2), the per-generator
// exception state linked into the thread's exc_info chain while running,
// PEP 479, finalisation (close() on collection; async generators go through
// the finaliser hook), and the async generator awaitables (asend/athrow).
//
// The objects answer `__class__` with the host's types.GeneratorType /
// CoroutineType / AsyncGeneratorType so that isinstance() checks in Python
// code (inspect.isgenerator, ...) see them as such; the real type (ours)
// stays distinct for C code that relies on the host's layout.
#include "runtime/generator.h"

#include "core/host_internals.h"
#include "runtime/host_frame.h"
#include "vm/eval.h"
#include "vm/ops_support.h"

#include <structmember.h>

namespace xp::rt {

namespace {

using vm::Frame;
using vm::FrameState;

enum class Kind : uint8_t { Generator, Coroutine, AsyncGenerator };

struct GenObject {
  PyObject_HEAD
  Frame* frame;               // heap frame, owned; nullptr once released
  PyObject* code;             // strong: shell code object
  PyObject* name;             // strong
  PyObject* qualname;         // strong
  PyObject* weakreflist;
  PyObject* origin_or_finalizer;  // coroutine: cr_origin (None); async gen: finaliser hook
  _PyErr_StackItem exc_state;
  Kind kind;
  bool running;
  bool hooks_inited;          // async generators
  bool ag_closed;
  bool ag_running_async;
};

PyTypeObject GenType{PyVarObject_HEAD_INIT(nullptr, 0)};
PyTypeObject CoroType{PyVarObject_HEAD_INIT(nullptr, 0)};
PyTypeObject AsyncGenType{PyVarObject_HEAD_INIT(nullptr, 0)};
PyTypeObject CoroWrapperType{PyVarObject_HEAD_INIT(nullptr, 0)};
PyTypeObject ASendType{PyVarObject_HEAD_INIT(nullptr, 0)};
PyTypeObject AThrowType{PyVarObject_HEAD_INIT(nullptr, 0)};
PyTypeObject WrappedValueType{PyVarObject_HEAD_INIT(nullptr, 0)};

bool is_gen_object(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  return t == &GenType || t == &CoroType || t == &AsyncGenType;
}
GenObject* as_gen(PyObject* o) { return reinterpret_cast<GenObject*>(o); }

const char* kind_word(const GenObject* g) {
  switch (g->kind) {
    case Kind::Coroutine: return "coroutine";
    case Kind::AsyncGenerator: return "async generator";
    default: return "generator";
  }
}

bool finished(const GenObject* g) { return g->frame == nullptr || g->frame->state == FrameState::Completed; }

void release_frame(GenObject* g) {
  Frame* f = g->frame;
  g->frame = nullptr;
  if (f != nullptr) vm::free_heap_frame(f);
}

// The object `g` is delegating to (yield from / await), borrowed.
PyObject* yf_of(GenObject* g) {
  Frame* f = g->frame;
  if (f == nullptr || f->state != FrameState::Suspended) return nullptr;
  const Instr* next = f->ip;
  if (next->op != Op::RESUME || next->arg < 2) return nullptr;
  return f->sp[-1];
}

// ---- running the frame -------------------------------------------------------------
// CPython's gen_send_ex2: PYGEN_NEXT (yielded), PYGEN_RETURN, PYGEN_ERROR.
PySendResult send_ex2(GenObject* g, PyObject* arg, PyObject** presult, bool exc, bool closing) {
  *presult = nullptr;
  if (g->frame != nullptr && g->frame->state == FrameState::Created && arg && arg != Py_None) {
    const char* msg = g->kind == Kind::Coroutine        ? "can't send non-None value to a just-started coroutine"
                      : g->kind == Kind::AsyncGenerator ? "can't send non-None value to a just-started async generator"
                                                        : "can't send non-None value to a just-started generator";
    PyErr_SetString(PyExc_TypeError, msg);
    return PYGEN_ERROR;
  }
  if (g->running) {
    const char* msg = g->kind == Kind::Coroutine        ? "coroutine already executing"
                      : g->kind == Kind::AsyncGenerator ? "async generator already executing"
                                                        : "generator already executing";
    PyErr_SetString(PyExc_ValueError, msg);
    return PYGEN_ERROR;
  }
  if (finished(g)) {
    if (g->kind == Kind::Coroutine && !closing) {
      PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited coroutine");
    } else if (arg && !exc) {
      *presult = Py_NewRef(Py_None);
      return PYGEN_RETURN;
    }
    return PYGEN_ERROR;
  }

  Frame* f = g->frame;
  // The sent value becomes the result of the yield expression (a fresh
  // generator's first POP_TOP discards it).
  *f->sp++ = Py_NewRef(arg ? arg : Py_None);

  vm::ThreadCtx& t = vm::thread_ctx();
  PyThreadState* tstate = t.tstate;
  g->exc_state.previous_item = tstate->exc_info;
  tstate->exc_info = &g->exc_state;
  if (exc) _PyErr_ChainStackItem(nullptr);

  g->running = true;
  f->is_entry = true;
  PyObject* result = vm::eval(t, f, exc);
  g->running = false;

  tstate->exc_info = g->exc_state.previous_item;
  g->exc_state.previous_item = nullptr;

  if (result != nullptr && f->state == FrameState::Suspended) {
    *presult = result;
    return PYGEN_NEXT;
  }
  if (result == nullptr) {
    if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
      _PyErr_FormatFromCause(PyExc_RuntimeError, "%s raised StopIteration", kind_word(g));
    } else if (g->kind == Kind::AsyncGenerator && PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
      _PyErr_FormatFromCause(PyExc_RuntimeError, "async generator raised StopAsyncIteration");
    }
  }
  // Finished: drop the exception state and the frame.
  Py_CLEAR(g->exc_state.exc_value);
  release_frame(g);
  *presult = result;
  return result != nullptr ? PYGEN_RETURN : PYGEN_ERROR;
}

// gen_send_ex: a return becomes StopIteration(value) / StopAsyncIteration.
PyObject* send_ex(GenObject* g, PyObject* arg, bool exc, bool closing) {
  PyObject* result;
  if (send_ex2(g, arg, &result, exc, closing) == PYGEN_RETURN) {
    if (g->kind == Kind::AsyncGenerator)
      PyErr_SetNone(PyExc_StopAsyncIteration);
    else if (result == Py_None)
      PyErr_SetNone(PyExc_StopIteration);
    else
      _PyGen_SetStopIterationValue(result);
    Py_CLEAR(result);
  }
  return result;
}

PyObject* gen_close(GenObject* g);

int close_iter(PyObject* yf) {
  PyObject* retval = nullptr;
  if (is_gen_object(yf) && as_gen(yf)->kind != Kind::AsyncGenerator) {
    retval = gen_close(as_gen(yf));
    if (retval == nullptr) return -1;
  } else {
    PyObject* meth = nullptr;
    if (_PyObject_LookupAttr(yf, vm::names().close, &meth) < 0) PyErr_WriteUnraisable(yf);
    if (meth != nullptr) {
      retval = PyObject_CallNoArgs(meth);
      Py_DECREF(meth);
      if (retval == nullptr) return -1;
    }
  }
  Py_XDECREF(retval);
  return 0;
}

PyObject* gen_close(GenObject* g) {
  int err = 0;
  if (PyObject* yf = yf_of(g)) {
    Ref keep = borrow(yf);
    g->running = true;
    err = close_iter(yf);
    g->running = false;
  }
  if (err == 0) PyErr_SetNone(PyExc_GeneratorExit);
  PyObject* retval = send_ex(g, Py_None, true, true);
  if (retval != nullptr) {
    Py_DECREF(retval);
    const char* msg = g->kind == Kind::Coroutine        ? "coroutine ignored GeneratorExit"
                      : g->kind == Kind::AsyncGenerator ? "async generator ignored GeneratorExit"
                                                        : "generator ignored GeneratorExit";
    PyErr_SetString(PyExc_RuntimeError, msg);
    return nullptr;
  }
  if (PyErr_ExceptionMatches(PyExc_StopIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
    PyErr_Clear();
    Py_RETURN_NONE;
  }
  return nullptr;
}

// CPython's _gen_throw.
PyObject* gen_throw_impl(GenObject* g, bool close_on_genexit, PyObject* typ, PyObject* val, PyObject* tb) {
  if (PyObject* yf_b = yf_of(g)) {
    Ref yf = borrow(yf_b);
    PyObject* ret;
    if (PyErr_GivenExceptionMatches(typ, PyExc_GeneratorExit) && close_on_genexit) {
      // Async generators are not closed right away: close_on_genexit is
      // false for them so that awaits in finally blocks can run.
      g->running = true;
      int err = close_iter(yf.get());
      g->running = false;
      if (err < 0) return send_ex(g, Py_None, true, false);
      goto throw_here;
    }
    if (is_gen_object(yf.get()) || PyGen_CheckExact(yf.get()) || PyCoro_CheckExact(yf.get())) {
      // As _gen_throw: the inner generator runs without our eval loop in
      // between, so this frame is linked into the chain by hand (the inner
      // frame's f_back, tracebacks, sys._getframe(1)).
      PyThreadState* tstate = PyThreadState_Get();
      vm::HostFrame* prev = vm::host_current_frame(tstate);
      vm::HostFrame* mine = &g->frame->iframe;
      const bool link = !(is_gen_object(yf.get()) && as_gen(yf.get())->kind == Kind::AsyncGenerator);
      if (link) {
        mine->previous = prev;
        vm::set_host_current_frame(tstate, mine);
      }
      g->running = true;
      if (is_gen_object(yf.get())) {
        ret = gen_throw_impl(as_gen(yf.get()), close_on_genexit, typ, val, tb);
      } else {
        Ref meth = steal(PyObject_GetAttr(yf.get(), vm::names().throw_));
        ret = meth ? PyObject_CallFunctionObjArgs(meth.get(), typ, val, tb, nullptr) : nullptr;
      }
      g->running = false;
      if (link) {
        vm::set_host_current_frame(tstate, prev);
        mine->previous = nullptr;
      }
    } else {
      PyObject* meth = nullptr;
      if (_PyObject_LookupAttr(yf.get(), vm::names().throw_, &meth) < 0) return nullptr;
      if (meth == nullptr) goto throw_here;
      g->running = true;
      ret = PyObject_CallFunctionObjArgs(meth, typ, val, tb, nullptr);
      g->running = false;
      Py_DECREF(meth);
    }
    if (ret == nullptr) {
      // The delegate finished (or failed): pop it and resume after the
      // SEND loop, with its return value or its exception.
      Frame* f = g->frame;
      PyObject* popped = *--f->sp;
      Py_DECREF(popped);
      const Instr* send_instr = f->ip - 2;  // SEND, YIELD_VALUE, [RESUME] <- ip
      f->ip = f->ec->instrs + send_instr->arg;
      PyObject* value = nullptr;
      if (_PyGen_FetchStopIterationValue(&value) == 0) {
        ret = send_ex(g, value, false, false);
        Py_DECREF(value);
      } else {
        ret = send_ex(g, Py_None, true, false);
      }
    }
    return ret;
  }

throw_here:
  if (tb == Py_None) {
    tb = nullptr;
  } else if (tb != nullptr && !PyTraceBack_Check(tb)) {
    PyErr_SetString(PyExc_TypeError, "throw() third argument must be a traceback object");
    return nullptr;
  }
  Py_INCREF(typ);
  Py_XINCREF(val);
  Py_XINCREF(tb);
  if (PyExceptionClass_Check(typ)) {
    PyErr_NormalizeException(&typ, &val, &tb);
  } else if (PyExceptionInstance_Check(typ)) {
    if (val && val != Py_None) {
      PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
      goto failed;
    }
    Py_XDECREF(val);
    val = typ;
    typ = Py_NewRef(PyExceptionInstance_Class(typ));
    if (tb == nullptr) tb = PyException_GetTraceback(val);
  } else {
    PyErr_Format(PyExc_TypeError,
                 "exceptions must be classes or instances deriving from BaseException, not %s",
                 Py_TYPE(typ)->tp_name);
    goto failed;
  }
  PyErr_Restore(typ, val, tb);
  return send_ex(g, Py_None, true, false);

failed:
  Py_DECREF(typ);
  Py_XDECREF(val);
  Py_XDECREF(tb);
  return nullptr;
}

PyObject* gen_throw_args(GenObject* g, PyObject* const* args, Py_ssize_t nargs, bool close_on_genexit) {
  if (!_PyArg_CheckPositional("throw", nargs, 1, 3)) return nullptr;
  PyObject* typ = args[0];
  PyObject* val = nargs > 1 ? args[1] : nullptr;
  PyObject* tb = nargs > 2 ? args[2] : nullptr;
  return gen_throw_impl(g, close_on_genexit, typ, val, tb);
}

// ---- methods and slots shared by the three kinds ------------------------------------
PyObject* gen_send_meth(PyObject* self, PyObject* arg) { return send_ex(as_gen(self), arg, false, false); }
PyObject* gen_throw_meth(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return gen_throw_args(as_gen(self), args, nargs, true);
}
PyObject* gen_close_meth(PyObject* self, PyObject*) { return gen_close(as_gen(self)); }
PyObject* gen_iternext(PyObject* self) {
  PyObject* result;
  if (send_ex2(as_gen(self), Py_None, &result, false, false) == PYGEN_RETURN) {
    if (result != Py_None) _PyGen_SetStopIterationValue(result);
    Py_CLEAR(result);
  }
  return result;
}
PySendResult gen_am_send(PyObject* self, PyObject* arg, PyObject** result) {
  return send_ex2(as_gen(self), arg, result, false, false);
}

int gen_traverse(PyObject* self, visitproc visit, void* arg) {
  GenObject* g = as_gen(self);
  Py_VISIT(g->code);
  Py_VISIT(g->name);
  Py_VISIT(g->qualname);
  Py_VISIT(g->origin_or_finalizer);
  Py_VISIT(g->exc_state.exc_value);
  if (Frame* f = g->frame) {
    if (f->ec != nullptr) {
      // As CPython (whose running frames have stacktop -1): the locals and
      // the value stack are visited only while the frame is not executing.
      // A running frame keeps its stack pointer in eval()'s register; the
      // saved f->sp is stale (slots above the real top may hold popped,
      // freed objects, and visiting live objects twice lets the collector
      // free them). Skipping is safe: unvisited references only make
      // their targets look externally reachable.
      if (PyObject** top = vm::visible_stack_top(f))
        for (PyObject** p = f->localsplus(); p < top; ++p) Py_VISIT(*p);
      Py_VISIT(f->iframe.f_func);
      Py_VISIT(f->iframe.f_code);
      Py_VISIT(f->iframe.f_locals);
      Py_VISIT(f->iframe.frame_obj);
    }
  }
  return 0;
}

void gen_finalize(PyObject* self) {
  GenObject* g = as_gen(self);
  if (finished(g)) return;
  PyObject *et, *ev, *etb;
  if (g->kind == Kind::AsyncGenerator && g->origin_or_finalizer != nullptr && !g->ag_closed) {
    PyErr_Fetch(&et, &ev, &etb);
    Ref finalizer = borrow(g->origin_or_finalizer);
    PyObject* res = PyObject_CallOneArg(finalizer.get(), self);
    if (res == nullptr)
      PyErr_WriteUnraisable(self);
    else
      Py_DECREF(res);
    PyErr_Restore(et, ev, etb);
    return;
  }
  PyErr_Fetch(&et, &ev, &etb);
  PyObject* res = nullptr;
  if (g->kind == Kind::Coroutine && g->frame->state == FrameState::Created) {
    // "coroutine '...' was never awaited", through warnings like CPython.
    // As _PyErr_WarnUnawaitedCoroutine: an error raised on the way (a
    // failing showwarning, -W error) goes to sys.unraisablehook.
    Ref warnings = steal(PyImport_ImportModule("warnings"));
    Ref fn = warnings ? steal(PyObject_GetAttrString(warnings.get(), "_warn_unawaited_coroutine")) : Ref();
    bool warned = false;
    if (fn) {
      Ref r = steal(PyObject_CallOneArg(fn.get(), self));
      warned = r || PyErr_ExceptionMatches(PyExc_RuntimeWarning);
    }
    if (PyErr_Occurred()) PyErr_WriteUnraisable(self);
    if (!warned) {
      if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "coroutine '%S' was never awaited", g->qualname) < 0)
        PyErr_WriteUnraisable(self);
    }
    res = Py_NewRef(Py_None);
  } else {
    res = gen_close(g);
  }
  if (res == nullptr) {
    if (PyErr_Occurred()) PyErr_WriteUnraisable(self);
  } else {
    Py_DECREF(res);
  }
  PyErr_Restore(et, ev, etb);
}

void gen_dealloc(PyObject* self) {
  GenObject* g = as_gen(self);
  PyObject_GC_UnTrack(self);
  if (g->weakreflist != nullptr) PyObject_ClearWeakRefs(self);
  PyObject_GC_Track(self);
  if (PyObject_CallFinalizerFromDealloc(self) < 0) return;  // resurrected
  PyObject_GC_UnTrack(self);
  release_frame(g);
  Py_CLEAR(g->code);
  Py_CLEAR(g->name);
  Py_CLEAR(g->qualname);
  Py_CLEAR(g->origin_or_finalizer);
  Py_CLEAR(g->exc_state.exc_value);
  PyObject_GC_Del(self);
}

PyObject* gen_repr(PyObject* self) {
  return PyUnicode_FromFormat("<%s object %S at %p>", kind_word(as_gen(self)), as_gen(self)->qualname, self);
}

// ---- attributes -------------------------------------------------------------------------
PyObject* get_name(PyObject* self, void*) { return Py_NewRef(as_gen(self)->name); }
int set_name(PyObject* self, PyObject* value, void*) {
  if (value == nullptr || !PyUnicode_Check(value)) {
    PyErr_SetString(PyExc_TypeError, "__name__ must be set to a string object");
    return -1;
  }
  Py_XSETREF(as_gen(self)->name, Py_NewRef(value));
  return 0;
}
PyObject* get_qualname(PyObject* self, void*) { return Py_NewRef(as_gen(self)->qualname); }
int set_qualname(PyObject* self, PyObject* value, void*) {
  if (value == nullptr || !PyUnicode_Check(value)) {
    PyErr_SetString(PyExc_TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  Py_XSETREF(as_gen(self)->qualname, Py_NewRef(value));
  return 0;
}
PyObject* get_code(PyObject* self, void*) { return Py_NewRef(as_gen(self)->code); }
PyObject* get_running(PyObject* self, void*) { return PyBool_FromLong(as_gen(self)->running); }
PyObject* get_suspended(PyObject* self, void*) {
  GenObject* g = as_gen(self);
  return PyBool_FromLong(g->frame != nullptr && g->frame->state == FrameState::Suspended);
}
PyObject* get_yieldfrom(PyObject* self, void*) {
  PyObject* yf = yf_of(as_gen(self));
  return Py_NewRef(yf ? yf : Py_None);
}
PyObject* get_frame(PyObject* self, void*) {
  GenObject* g = as_gen(self);
  if (finished(g)) Py_RETURN_NONE;
  PyObject* frame = host_frame_object(&g->frame->iframe);
  return Py_XNewRef(frame);
}
PyObject* get_class(PyObject* self, void*) {
  switch (as_gen(self)->kind) {
    case Kind::Coroutine: return Py_NewRef(reinterpret_cast<PyObject*>(&PyCoro_Type));
    case Kind::AsyncGenerator: return Py_NewRef(reinterpret_cast<PyObject*>(&PyAsyncGen_Type));
    default: return Py_NewRef(reinterpret_cast<PyObject*>(&PyGen_Type));
  }
}
PyObject* get_origin(PyObject* self, void*) {
  PyObject* origin = as_gen(self)->origin_or_finalizer;
  return Py_NewRef(origin != nullptr ? origin : Py_None);
}
PyObject* get_ag_running(PyObject* self, void*) { return PyBool_FromLong(as_gen(self)->ag_running_async); }

PyGetSetDef gen_getset[] = {
    {"__name__", get_name, set_name, "name of the generator", nullptr},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the generator", nullptr},
    {"__class__", get_class, nullptr, nullptr, nullptr},
    {"gi_code", get_code, nullptr, nullptr, nullptr},
    {"gi_frame", get_frame, nullptr, nullptr, nullptr},
    {"gi_running", get_running, nullptr, nullptr, nullptr},
    {"gi_suspended", get_suspended, nullptr, nullptr, nullptr},
    {"gi_yieldfrom", get_yieldfrom, nullptr, "object being iterated by yield from, or None", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
PyGetSetDef coro_getset[] = {
    {"__name__", get_name, set_name, "name of the coroutine", nullptr},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the coroutine", nullptr},
    {"__class__", get_class, nullptr, nullptr, nullptr},
    {"cr_code", get_code, nullptr, nullptr, nullptr},
    {"cr_frame", get_frame, nullptr, nullptr, nullptr},
    {"cr_running", get_running, nullptr, nullptr, nullptr},
    {"cr_suspended", get_suspended, nullptr, nullptr, nullptr},
    {"cr_await", get_yieldfrom, nullptr, "object being awaited on, or None", nullptr},
    {"cr_origin", get_origin, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};
PyGetSetDef agen_getset[] = {
    {"__name__", get_name, set_name, "name of the async generator", nullptr},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the async generator", nullptr},
    {"__class__", get_class, nullptr, nullptr, nullptr},
    {"ag_code", get_code, nullptr, nullptr, nullptr},
    {"ag_frame", get_frame, nullptr, nullptr, nullptr},
    {"ag_running", get_ag_running, nullptr, nullptr, nullptr},
    {"ag_await", get_yieldfrom, nullptr, "object being awaited on, or None", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

#define XP_FASTCALL(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

// CPython's gen_sizeof, so that sys.getsizeof agrees with python: the host
// object with its frame embedded (PyGen_Type's basic size ends at the
// frame's locals), plus locals and stack.
PyObject* gen_sizeof(PyObject* self, PyObject*) {
  const auto* code = reinterpret_cast<const PyCodeObject*>(as_gen(self)->code);
  return PyLong_FromSsize_t(PyGen_Type.tp_basicsize +
                            static_cast<Py_ssize_t>(sizeof(PyObject*)) * (code->co_nlocalsplus + code->co_stacksize));
}

PyMethodDef gen_methods[] = {
    {"send", gen_send_meth, METH_O, "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", XP_FASTCALL(gen_throw_meth), METH_FASTCALL, "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\nStopIteration."},
    {"close", gen_close_meth, METH_NOARGS, "close() -> raise GeneratorExit inside generator."},
    {"__sizeof__", gen_sizeof, METH_NOARGS, "gen.__sizeof__() -> size of gen in memory, in bytes"},
    {nullptr, nullptr, 0, nullptr},
};

// ---- coroutines: __await__ wrapper ---------------------------------------------------------
struct CoroWrapper {
  PyObject_HEAD
  PyObject* coro;  // strong
};

PyObject* coro_await(PyObject* self) {
  auto* w = PyObject_GC_New(CoroWrapper, &CoroWrapperType);
  if (w == nullptr) return nullptr;
  w->coro = Py_NewRef(self);
  PyObject_GC_Track(w);
  return reinterpret_cast<PyObject*>(w);
}
PyObject* coro_await_meth(PyObject* self, PyObject*) { return coro_await(self); }

GenObject* wrapped(PyObject* w) { return as_gen(reinterpret_cast<CoroWrapper*>(w)->coro); }
PyObject* cw_iternext(PyObject* self) { return send_ex(wrapped(self), Py_None, false, false); }
PyObject* cw_send(PyObject* self, PyObject* arg) { return send_ex(wrapped(self), arg, false, false); }
PyObject* cw_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return gen_throw_args(wrapped(self), args, nargs, true);
}
PyObject* cw_close(PyObject* self, PyObject*) { return gen_close(wrapped(self)); }
int cw_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<CoroWrapper*>(self)->coro);
  return 0;
}
void cw_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(reinterpret_cast<CoroWrapper*>(self)->coro);
  PyObject_GC_Del(self);
}
PyMethodDef cw_methods[] = {
    {"send", cw_send, METH_O, nullptr},
    {"throw", XP_FASTCALL(cw_throw), METH_FASTCALL, nullptr},
    {"close", cw_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef coro_methods[] = {
    {"send", gen_send_meth, METH_O, "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise StopIteration."},
    {"throw", XP_FASTCALL(gen_throw_meth), METH_FASTCALL, "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return next iterated value or raise\nStopIteration."},
    {"close", gen_close_meth, METH_NOARGS, "close() -> raise GeneratorExit inside coroutine."},
    {"__sizeof__", gen_sizeof, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// ---- async generators -----------------------------------------------------------------------
struct WrappedValue {
  PyObject_HEAD
  PyObject* val;  // strong
};
bool is_wrapped_value(PyObject* o) { return Py_TYPE(o) == &WrappedValueType; }
void wv_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(reinterpret_cast<WrappedValue*>(self)->val);
  PyObject_GC_Del(self);
}
int wv_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<WrappedValue*>(self)->val);
  return 0;
}

int agen_init_hooks(GenObject* g) {
  if (g->hooks_inited) return 0;
  g->hooks_inited = true;
  PyThreadState* tstate = PyThreadState_Get();
  if (tstate->async_gen_finalizer != nullptr) g->origin_or_finalizer = Py_NewRef(tstate->async_gen_finalizer);
  if (tstate->async_gen_firstiter != nullptr) {
    Ref firstiter = borrow(tstate->async_gen_firstiter);
    Ref res = steal(PyObject_CallOneArg(firstiter.get(), reinterpret_cast<PyObject*>(g)));
    if (!res) return -1;
  }
  return 0;
}

PyObject* agen_unwrap_value(GenObject* g, PyObject* result) {
  if (result == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetNone(PyExc_StopAsyncIteration);
    if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit))
      g->ag_closed = true;
    g->ag_running_async = false;
    return nullptr;
  }
  if (is_wrapped_value(result)) {
    // An async yield: surfaces as StopIteration(value) from the awaitable.
    _PyGen_SetStopIterationValue(reinterpret_cast<WrappedValue*>(result)->val);
    Py_DECREF(result);
    g->ag_running_async = false;
    return nullptr;
  }
  return result;
}

enum class AwaitableState : uint8_t { Init, Iter, Closed };

struct ASend {
  PyObject_HEAD
  PyObject* gen;       // strong
  PyObject* sendval;   // strong
  AwaitableState state;
};
struct AThrow {
  PyObject_HEAD
  PyObject* gen;       // strong
  PyObject* args;      // strong tuple, or nullptr for aclose()
  AwaitableState state;
};

PyObject* asend_new(GenObject* g, PyObject* sendval) {
  auto* o = PyObject_GC_New(ASend, &ASendType);
  if (o == nullptr) return nullptr;
  o->gen = Py_NewRef(reinterpret_cast<PyObject*>(g));
  o->sendval = Py_XNewRef(sendval);
  o->state = AwaitableState::Init;
  PyObject_GC_Track(o);
  return reinterpret_cast<PyObject*>(o);
}
PyObject* athrow_new(GenObject* g, PyObject* args) {
  auto* o = PyObject_GC_New(AThrow, &AThrowType);
  if (o == nullptr) return nullptr;
  o->gen = Py_NewRef(reinterpret_cast<PyObject*>(g));
  o->args = Py_XNewRef(args);
  o->state = AwaitableState::Init;
  PyObject_GC_Track(o);
  return reinterpret_cast<PyObject*>(o);
}

PyObject* agen_anext(PyObject* self) {
  if (agen_init_hooks(as_gen(self)) < 0) return nullptr;
  return asend_new(as_gen(self), nullptr);
}
PyObject* agen_asend(PyObject* self, PyObject* arg) {
  if (agen_init_hooks(as_gen(self)) < 0) return nullptr;
  return asend_new(as_gen(self), arg);
}
PyObject* agen_athrow(PyObject* self, PyObject* args) {
  if (agen_init_hooks(as_gen(self)) < 0) return nullptr;
  return athrow_new(as_gen(self), args);
}
PyObject* agen_aclose(PyObject* self, PyObject*) {
  if (agen_init_hooks(as_gen(self)) < 0) return nullptr;
  return athrow_new(as_gen(self), nullptr);
}

PyObject* asend_send(PyObject* self, PyObject* arg) {
  auto* o = reinterpret_cast<ASend*>(self);
  GenObject* g = as_gen(o->gen);
  if (o->state == AwaitableState::Closed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    return nullptr;
  }
  if (o->state == AwaitableState::Init) {
    if (g->ag_running_async) {
      PyErr_SetString(PyExc_RuntimeError, "anext(): asynchronous generator is already running");
      return nullptr;
    }
    if (arg == nullptr || arg == Py_None) arg = o->sendval;
    o->state = AwaitableState::Iter;
  }
  g->ag_running_async = true;
  PyObject* result = send_ex(g, arg, false, false);
  result = agen_unwrap_value(g, result);
  if (result == nullptr) o->state = AwaitableState::Closed;
  return result;
}
PyObject* asend_iternext(PyObject* self) { return asend_send(self, nullptr); }
PyObject* asend_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  auto* o = reinterpret_cast<ASend*>(self);
  if (o->state == AwaitableState::Closed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    return nullptr;
  }
  PyObject* result = gen_throw_args(as_gen(o->gen), args, nargs, true);
  result = agen_unwrap_value(as_gen(o->gen), result);
  if (result == nullptr) o->state = AwaitableState::Closed;
  return result;
}
PyObject* asend_close(PyObject* self, PyObject*) {
  reinterpret_cast<ASend*>(self)->state = AwaitableState::Closed;
  Py_RETURN_NONE;
}

PyObject* athrow_send(PyObject* self, PyObject* arg) {
  auto* o = reinterpret_cast<AThrow*>(self);
  GenObject* g = as_gen(o->gen);
  PyObject* retval;
  if (o->state == AwaitableState::Closed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    return nullptr;
  }
  if (finished(g)) {
    o->state = AwaitableState::Closed;
    PyErr_SetNone(PyExc_StopIteration);
    return nullptr;
  }
  if (o->state == AwaitableState::Init) {
    if (g->ag_running_async) {
      o->state = AwaitableState::Closed;
      PyErr_SetString(PyExc_RuntimeError, o->args == nullptr ? "aclose(): asynchronous generator is already running"
                                                             : "athrow(): asynchronous generator is already running");
      return nullptr;
    }
    if (g->ag_closed) {
      o->state = AwaitableState::Closed;
      PyErr_SetNone(PyExc_StopAsyncIteration);
      return nullptr;
    }
    if (arg != Py_None) {
      PyErr_SetString(PyExc_RuntimeError, "can't send non-None value to a just-started coroutine");
      return nullptr;
    }
    o->state = AwaitableState::Iter;
    g->ag_running_async = true;
    if (o->args == nullptr) {
      // aclose(): GeneratorExit, without closing sub-iterators right away.
      g->ag_closed = true;
      retval = gen_throw_impl(g, false, PyExc_GeneratorExit, nullptr, nullptr);
      if (retval && is_wrapped_value(retval)) {
        Py_DECREF(retval);
        goto yield_close;
      }
    } else {
      PyObject* typ;
      PyObject* tb = nullptr;
      PyObject* val = nullptr;
      if (!PyArg_UnpackTuple(o->args, "athrow", 1, 3, &typ, &val, &tb)) return nullptr;
      retval = gen_throw_impl(g, false, typ, val, tb);
      retval = agen_unwrap_value(g, retval);
    }
    if (retval == nullptr) goto check_error;
    return retval;
  }
  retval = send_ex(g, arg, false, false);
  if (o->args != nullptr) return agen_unwrap_value(g, retval);
  if (retval != nullptr) {
    if (is_wrapped_value(retval)) {
      Py_DECREF(retval);
      goto yield_close;
    }
    return retval;
  }
  goto check_error;

yield_close:
  g->ag_running_async = false;
  o->state = AwaitableState::Closed;
  PyErr_SetString(PyExc_RuntimeError, "async generator ignored GeneratorExit");
  return nullptr;

check_error:
  g->ag_running_async = false;
  o->state = AwaitableState::Closed;
  if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
    if (o->args == nullptr) {
      // aclose() completed: the awaiting code sees StopIteration.
      PyErr_Clear();
      PyErr_SetNone(PyExc_StopIteration);
    }
  }
  return nullptr;
}
PyObject* athrow_iternext(PyObject* self) { return athrow_send(self, Py_None); }
PyObject* athrow_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  auto* o = reinterpret_cast<AThrow*>(self);
  GenObject* g = as_gen(o->gen);
  if (o->state == AwaitableState::Closed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    return nullptr;
  }
  PyObject* retval = gen_throw_args(g, args, nargs, true);
  if (o->args != nullptr) return agen_unwrap_value(g, retval);
  if (retval && is_wrapped_value(retval)) {
    g->ag_running_async = false;
    o->state = AwaitableState::Closed;
    Py_DECREF(retval);
    PyErr_SetString(PyExc_RuntimeError, "async generator ignored GeneratorExit");
    return nullptr;
  }
  if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
    PyErr_Clear();
    PyErr_SetNone(PyExc_StopIteration);
  }
  return retval;
}
PyObject* athrow_close(PyObject* self, PyObject*) {
  reinterpret_cast<AThrow*>(self)->state = AwaitableState::Closed;
  Py_RETURN_NONE;
}

int asend_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* o = reinterpret_cast<ASend*>(self);
  Py_VISIT(o->gen);
  Py_VISIT(o->sendval);
  return 0;
}
void asend_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  auto* o = reinterpret_cast<ASend*>(self);
  Py_CLEAR(o->gen);
  Py_CLEAR(o->sendval);
  PyObject_GC_Del(self);
}
int athrow_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* o = reinterpret_cast<AThrow*>(self);
  Py_VISIT(o->gen);
  Py_VISIT(o->args);
  return 0;
}
void athrow_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  auto* o = reinterpret_cast<AThrow*>(self);
  Py_CLEAR(o->gen);
  Py_CLEAR(o->args);
  PyObject_GC_Del(self);
}

PyMethodDef asend_methods[] = {
    {"send", asend_send, METH_O, nullptr},
    {"throw", XP_FASTCALL(asend_throw), METH_FASTCALL, nullptr},
    {"close", asend_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef athrow_methods[] = {
    {"send", athrow_send, METH_O, nullptr},
    {"throw", XP_FASTCALL(athrow_throw), METH_FASTCALL, nullptr},
    {"close", athrow_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef agen_methods[] = {
    {"asend", agen_asend, METH_O, "asend(v) -> send 'v' in generator."},
    {"athrow", agen_athrow, METH_VARARGS, "athrow(typ[,val[,tb]]) -> raise exception in generator."},
    {"aclose", agen_aclose, METH_NOARGS, "aclose() -> raise GeneratorExit inside generator."},
    {"__sizeof__", gen_sizeof, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* self_iter(PyObject* self) { return Py_NewRef(self); }

PyAsyncMethods gen_async = {nullptr, nullptr, nullptr, gen_am_send};
PyAsyncMethods coro_async = {coro_await, nullptr, nullptr, gen_am_send};
PyAsyncMethods agen_async = {nullptr, self_iter, agen_anext, gen_am_send};
PyAsyncMethods awaitable_self_async = {self_iter, nullptr, nullptr, nullptr};

void init_gen_type(PyTypeObject& t, const char* name, PyMethodDef* methods, PyGetSetDef* getset,
                   PyAsyncMethods* am, bool iterable) {
  t.tp_name = name;
  t.tp_basicsize = sizeof(GenObject);
  t.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
  t.tp_dealloc = gen_dealloc;
  t.tp_repr = gen_repr;
  t.tp_traverse = gen_traverse;
  t.tp_weaklistoffset = offsetof(GenObject, weakreflist);
  t.tp_methods = methods;
  t.tp_getset = getset;
  t.tp_as_async = am;
  t.tp_finalize = gen_finalize;
  if (iterable) {
    t.tp_iter = PyObject_SelfIter;
    t.tp_iternext = gen_iternext;
  }
}

void init_small_type(PyTypeObject& t, const char* name, Py_ssize_t size, destructor dealloc, traverseproc traverse,
                     PyMethodDef* methods) {
  t.tp_name = name;
  t.tp_basicsize = size;
  t.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
  t.tp_dealloc = dealloc;
  t.tp_traverse = traverse;
  t.tp_methods = methods;
}

PyMethodDef coro_await_def = {"__await__", coro_await_meth, METH_NOARGS, "Return an iterator to be used in await expression."};

}  // namespace

void init_generator_types() {
  static bool done = false;
  if (done) return;
  done = true;
  init_gen_type(GenType, "generator", gen_methods, gen_getset, &gen_async, true);
  init_gen_type(CoroType, "coroutine", coro_methods, coro_getset, &coro_async, false);
  init_gen_type(AsyncGenType, "async_generator", agen_methods, agen_getset, &agen_async, false);
  init_small_type(CoroWrapperType, "coroutine_wrapper", sizeof(CoroWrapper), cw_dealloc, cw_traverse, cw_methods);
  CoroWrapperType.tp_iter = PyObject_SelfIter;
  CoroWrapperType.tp_iternext = cw_iternext;
  init_small_type(ASendType, "async_generator_asend", sizeof(ASend), asend_dealloc, asend_traverse, asend_methods);
  ASendType.tp_iter = PyObject_SelfIter;
  ASendType.tp_iternext = asend_iternext;
  ASendType.tp_as_async = &awaitable_self_async;
  init_small_type(AThrowType, "async_generator_athrow", sizeof(AThrow), athrow_dealloc, athrow_traverse,
                  athrow_methods);
  AThrowType.tp_iter = PyObject_SelfIter;
  AThrowType.tp_iternext = athrow_iternext;
  AThrowType.tp_as_async = &awaitable_self_async;
  init_small_type(WrappedValueType, "async_generator_wrapped_value", sizeof(WrappedValue), wv_dealloc, wv_traverse,
                  nullptr);
  for (PyTypeObject* t : {&GenType, &CoroType, &AsyncGenType, &CoroWrapperType, &ASendType, &AThrowType,
                          &WrappedValueType}) {
    if (PyType_Ready(t) < 0) {
      PyErr_Print();
      Py_FatalError("xpython: cannot initialise generator types");
    }
  }
  // Coroutines also expose __await__ as a method (coroutine.__await__()).
  Ref await_fn = steal(PyDescr_NewMethod(&CoroType, &coro_await_def));
  if (!await_fn || PyDict_SetItemString(CoroType.tp_dict, "__await__", await_fn.get()) < 0) {
    PyErr_Print();
    Py_FatalError("xpython: cannot initialise coroutine type");
  }
  PyType_Modified(&CoroType);
}

// CPython's compute_cr_origin: (filename, line, name) of up to `depth`
// frames, innermost first.
PyObject* coroutine_origin(vm::HostFrame* start, int depth) {
  int count = 0;
  for (vm::HostFrame* fr = start; fr != nullptr && count < depth; fr = fr->previous) ++count;
  Ref origin = steal(PyTuple_New(count));
  if (!origin) return nullptr;
  vm::HostFrame* fr = start;
  for (int i = 0; i < count; ++i, fr = fr->previous) {
    PyCodeObject* code = fr->f_code;
    const int lasti = static_cast<int>(fr->prev_instr - _PyCode_CODE(code));
    PyObject* info = Py_BuildValue("OiO", code->co_filename,
                                   PyCode_Addr2Line(code, lasti * static_cast<int>(sizeof(_Py_CODEUNIT))), code->co_name);
    if (info == nullptr) return nullptr;
    PyTuple_SET_ITEM(origin.get(), i, info);
  }
  return origin.release();
}

PyObject* make_generator(vm::ThreadCtx& t, Frame* f, Frame** moved) {
  PyTypeObject* type = (f->ec->flags & kCoCoroutine)        ? &CoroType
                       : (f->ec->flags & kCoAsyncGenerator) ? &AsyncGenType
                                                            : &GenType;
  Ref origin;
  if (type == &CoroType && t.tstate->coroutine_origin_tracking_depth > 0) {
    // cr_origin, as _Py_MakeCoro: the frames below the coroutine's own.
    origin = steal(coroutine_origin(f->iframe.previous, t.tstate->coroutine_origin_tracking_depth));
    if (!origin) return nullptr;
  }
  auto* g = PyObject_GC_New(GenObject, type);
  if (g == nullptr) return nullptr;
  Frame* h = vm::move_frame_to_heap(t, f);
  if (h == nullptr) {
    PyObject_GC_Del(g);
    return nullptr;
  }
  PyCodeObject* co = h->iframe.f_code;
  PyFunctionObject* fn = h->iframe.f_func;
  g->frame = h;
  g->code = Py_NewRef(h->code());
  g->name = Py_NewRef(fn ? fn->func_name : co->co_name);
  g->qualname = Py_NewRef(fn ? fn->func_qualname : co->co_qualname);
  g->weakreflist = nullptr;
  g->origin_or_finalizer = origin.release();
  g->exc_state.exc_value = nullptr;
  g->exc_state.previous_item = nullptr;
  g->kind = type == &CoroType ? Kind::Coroutine : type == &AsyncGenType ? Kind::AsyncGenerator : Kind::Generator;
  g->running = false;
  g->hooks_inited = false;
  g->ag_closed = false;
  g->ag_running_async = false;
  h->gen = reinterpret_cast<PyObject*>(g);
  *moved = h;

  PyObject_GC_Track(g);
  return reinterpret_cast<PyObject*>(g);
}

bool is_coroutine(PyObject* o) { return Py_TYPE(o) == &CoroType || PyCoro_CheckExact(o); }

bool code_allows_coroutine_yield_from(uint32_t code_flags) {
  return code_flags & (kCoCoroutine | kCoIterableCoroutine);
}

PyObject* get_awaitable_iter(PyObject* o) {
  if (is_coroutine(o)) return Py_NewRef(o);
  // Generators marked by types.coroutine (CO_ITERABLE_COROUTINE).
  if (PyGen_CheckExact(o) &&
      (reinterpret_cast<PyCodeObject*>(reinterpret_cast<PyGenObject*>(o)->gi_code)->co_flags & CO_ITERABLE_COROUTINE))
    return Py_NewRef(o);
  if (Py_TYPE(o) == &GenType && (as_gen(o)->frame == nullptr || (as_gen(o)->frame->ec->flags & kCoIterableCoroutine)))
    return Py_NewRef(o);
  PyTypeObject* ot = Py_TYPE(o);
  if (ot->tp_as_async != nullptr && ot->tp_as_async->am_await != nullptr) {
    PyObject* res = (*ot->tp_as_async->am_await)(o);
    if (res == nullptr) return nullptr;
    if (is_coroutine(res)) {
      Py_DECREF(res);
      PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
      return nullptr;
    }
    if (!PyIter_Check(res)) {
      PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'", Py_TYPE(res)->tp_name);
      Py_DECREF(res);
      return nullptr;
    }
    return res;
  }
  PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression", ot->tp_name);
  return nullptr;
}

PyObject* delegate_of(PyObject* o) {
  if (is_gen_object(o)) return yf_of(as_gen(o));
  return nullptr;
}

int clear_generator_frame(PyObject* gen) {
  GenObject* g = as_gen(gen);
  if (g->running || (g->frame != nullptr && g->frame->state == FrameState::Running)) {
    PyErr_SetString(PyExc_RuntimeError, "cannot clear an executing frame");
    return -1;
  }
  Ref keep = borrow(gen);
  gen_finalize(gen);
  return 0;
}

PyObject* wrap_async_gen_value(PyObject* v) {
  auto* w = PyObject_GC_New(WrappedValue, &WrappedValueType);
  if (w == nullptr) {
    Py_DECREF(v);
    return nullptr;
  }
  w->val = v;
  PyObject_GC_Track(w);
  return reinterpret_cast<PyObject*>(w);
}

}  // namespace xp::rt
