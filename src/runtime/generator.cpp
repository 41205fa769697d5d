// Generators, coroutines and async generators of VM code are the host's own
// objects (PyGen_Type, PyCoro_Type, PyAsyncGen_Type), so every host
// behaviour is theirs: send/throw/close, `yield from`/`await` delegation
// (_gen_throw links the delegating frame into the chain), PEP 479,
// finalisation and the never-awaited warning, frame.clear(), gi_frame,
// gi_running, sys.getsizeof, the async-generator hooks and awaitables, and
// C code that checks PyGen_CheckExact/PyCoro_CheckExact.
//
// RETURN_GENERATOR moves the running VM frame into the new object's
// gi_iframe, as CPython 3.11's RETURN_GENERATOR does (_Py_MakeCoro +
// _PyFrame_Copy), with the generator owning it. The object has spare slots
// past those the host counts (co_nlocalsplus + co_stacksize, which is what
// gen_sizeof reports), and the VM's own state of the frame (vm::Frame)
// lives there. The host resumes the frame by _PyEval_EvalFrame, which
// reaches vm/call.cpp's host_frame_eval, handing frames of such objects to
// resume_generator() below.
//
// This file compiles against the host's internal headers (the frame-state
// constants and the generator-owned frame layout are private).
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_frame.h>
#undef Py_BUILD_CORE

#include "runtime/generator.h"

#include "runtime/function.h"
#include "runtime/host_frame.h"

#include "core/python.h"
#include "vm/call.h"
#include "vm/eval.h"
#include "vm/host_opcodes.h"

#include <algorithm>
#include <cstring>

extern "C" {
// Exported by libpython 3.11 (a data symbol) but declared only internally.
extern PyTypeObject _PyAsyncGenWrappedValue_Type;
}

namespace xp::rt {

using vm::Frame;
using vm::FrameState;
using vm::HostFrame;

namespace {

// CPython 3.11's _PyAsyncGenWrappedValue (Objects/genobject.c): what
// ASYNC_GEN_WRAP makes of a value an async generator yields, so that the
// host's asend/anext machinery tells it from a value passed through by an
// `await`.
struct AsyncGenWrappedValue {
  PyObject_HEAD
  PyObject* agw_val;
};

constexpr Py_ssize_t kTrailerSlots = static_cast<Py_ssize_t>(sizeof(Frame) / sizeof(PyObject*));

PyGenObject* gen_of(HostFrame* h) {
  return reinterpret_cast<PyGenObject*>(reinterpret_cast<char*>(h) - offsetof(PyGenObject, gi_iframe));
}

// The slots the host believes a frame of `code` has (make_gen's count).
Py_ssize_t host_slots(const PyCodeObject* code) { return code->co_nlocalsplus + code->co_stacksize; }

// The slots of such a frame as the VM runs it: its verified stack depth may
// exceed co_stacksize. The vm::Frame follows.
Py_ssize_t frame_slots(const PyCodeObject* code, const vm::ExecCode* ec) {
  return std::max<Py_ssize_t>(host_slots(code), ec->framesize);
}

// CPython's compute_cr_origin: (filename, line, name) of up to `depth`
// frames, innermost first.
PyObject* coroutine_origin(HostFrame* start, int depth) {
  int count = 0;
  for (HostFrame* fr = start; fr != nullptr && count < depth; fr = fr->previous) ++count;
  Ref origin = steal(PyTuple_New(count));
  if (!origin) return nullptr;
  HostFrame* fr = start;
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

// The vm::Frame in a VM generator's spare slots. (PyGenObject has no
// ob_size: PyObject_GC_NewVar's count lands in gi_code, so the position
// is computed from the code.)
Frame* trailer_of(HostFrame* h, const vm::ExecCode* ec) {
  return reinterpret_cast<Frame*>(h->localsplus + frame_slots(h->f_code, ec));
}

}  // namespace

PyObject* make_generator(vm::ThreadCtx& t, Frame* f) {
  HostFrame* src = f->host;
  PyCodeObject* code = src->f_code;
  const int flags = code->co_flags;
  PyTypeObject* type = (flags & CO_COROUTINE)        ? &PyCoro_Type
                       : (flags & CO_ASYNC_GENERATOR) ? &PyAsyncGen_Type
                                                      : &PyGen_Type;
  PyFunctionObject* fn = src->f_func;
  // Code run by exec/eval rather than called (a coroutine compiled with
  // top-level await, eval'd): its frame's function is the host's temporary
  // one. The generator's frame gets an interpreted twin of it, which is how
  // the frame hook tells this generator's frame from the host's own ones
  // (Python code never sees a frame's function).
  Ref twin;
  if (!vm::is_vm_function(reinterpret_cast<PyObject*>(fn))) {
    twin = steal(make_function(reinterpret_cast<PyObject*>(code), fn->func_globals));
    if (!twin) return nullptr;
    auto* tf = reinterpret_cast<PyFunctionObject*>(twin.get());
    Py_XSETREF(tf->func_builtins, Py_NewRef(fn->func_builtins));
    Py_XSETREF(tf->func_name, Py_NewRef(fn->func_name));
    Py_XSETREF(tf->func_qualname, Py_NewRef(fn->func_qualname));
  }
  Ref origin;
  if (type == &PyCoro_Type && t.tstate->coroutine_origin_tracking_depth > 0) {
    // cr_origin, as _Py_MakeCoro: the frames below the coroutine's own.
    origin = steal(coroutine_origin(src->previous, t.tstate->coroutine_origin_tracking_depth));
    if (!origin) return nullptr;
  }
  const Py_ssize_t slots = frame_slots(code, f->ec) + kTrailerSlots;
  PyGenObject* gen = PyObject_GC_NewVar(PyGenObject, type, slots);
  if (gen == nullptr) return nullptr;
  gen->gi_code = reinterpret_cast<PyCodeObject*>(Py_NewRef(code));
  gen->gi_weakreflist = nullptr;
  gen->gi_name = Py_NewRef(fn->func_name != nullptr ? fn->func_name : code->co_name);
  gen->gi_qualname = Py_NewRef(fn->func_qualname != nullptr ? fn->func_qualname : gen->gi_name);
  gen->gi_exc_state.exc_value = nullptr;
  gen->gi_exc_state.previous_item = nullptr;
  gen->gi_origin_or_finalizer = origin.release();
  gen->gi_hooks_inited = 0;
  gen->gi_closed = 0;
  gen->gi_running_async = 0;

  // The frame's data and references move (_PyFrame_Copy); the thread
  // frame's memory is then released by the caller without touching them.
  auto* dst = reinterpret_cast<HostFrame*>(gen->gi_iframe);
  const Py_ssize_t live = f->sp - src->localsplus;
  std::memcpy(static_cast<void*>(dst), static_cast<const void*>(src),
              sizeof(HostFrame) + sizeof(PyObject*) * static_cast<size_t>(live));
  dst->stacktop = static_cast<int>(live);
  dst->owner = FRAME_OWNED_BY_GENERATOR;
  dst->is_entry = false;
  // The generator is not running: no frame below it until it is resumed
  // (gen_send_ex2 links and unlinks `previous` around each run).
  dst->previous = nullptr;
  host_frame_moved(dst);   // a frame object made before now shows the new place
  if (twin) {
    // f_globals and f_builtins stay valid: the twin holds the same dicts.
    PyObject* host_fn = reinterpret_cast<PyObject*>(dst->f_func);
    dst->f_func = reinterpret_cast<PyFunctionObject*>(twin.release());
    Py_DECREF(host_fn);
  }
  gen->gi_frame_state = FRAME_CREATED;

  Frame* vf = trailer_of(dst, f->ec);
  vf->ec = f->ec;
  vf->back = nullptr;
  vf->ip = f->ip;
  vf->sp = dst->localsplus + live;
  vf->host = dst;
  vf->owner = vm::FrameOwner::Generator;
  vf->state = FrameState::Created;
  vf->is_entry = false;

  PyObject_GC_Track(gen);
  return reinterpret_cast<PyObject*>(gen);
}

void leave_moved_host_call_frame(HostFrame* h, PyObject* func, _Py_CODEUNIT* resume_before) {
  h->f_func = reinterpret_cast<PyFunctionObject*>(func);
  Py_INCREF(h->f_code);
  h->f_locals = nullptr;
  h->frame_obj = nullptr;
  h->stacktop = 0;
  h->prev_instr = resume_before;
}

static_assert(kFrameOwnedByGenerator == FRAME_OWNED_BY_GENERATOR, "3.11's frame owner values");

namespace {

// The VM's state of a suspended (or not started) generator frame, made
// current: sp from the host's stacktop (gen_send_ex2 pushed the sent value,
// _gen_throw may have popped the delegate), ip after prev_instr if the host
// moved it (_gen_throw, when the delegate of a `yield from` finished,
// resumes at the SEND's target, and a tracer may set f_lineno from the
// yield's 'return' event; as ceval, execution goes on after prev_instr).
// nullptr with an error set if prev_instr is not at an instruction.
// The instruction a resumed frame goes on at, or -1 if prev_instr is not
// after one.
int32_t resume_index(const HostFrame* h, const Frame* f) {
  const vm::ExecCode* ec = f->ec;
  const _Py_CODEUNIT* expected = ec->code_units + ec->unit_of[static_cast<size_t>(f->ip - ec->instrs) - 1];
  if (h->prev_instr == expected) return static_cast<int32_t>(f->ip - ec->instrs);
  const auto unit = static_cast<uint32_t>(h->prev_instr + 1 - ec->code_units);
  return ec->prog->index_of_offset(unit * 2);
}

// The VM's state of a suspended (or not started) generator frame, made
// current: sp from the host's stacktop (gen_send_ex2 pushed the sent value,
// _gen_throw may have popped the delegate), ip after prev_instr if the host
// moved it (_gen_throw, when the delegate of a `yield from` finished,
// resumes at the SEND's target, and a tracer may set f_lineno from the
// yield's 'return' event; as ceval, execution goes on after prev_instr).
// `index` is resume_index's (valid).
Frame* frame_to_resume(HostFrame* h, Frame* f, int32_t index) {
  f->sp = h->localsplus + h->stacktop;
  h->stacktop = -1;
  f->ip = f->ec->instrs + index;
  return f;
}

Frame* vm_frame_of(HostFrame* h) {
  return trailer_of(h, vm::exec_code_of_code(reinterpret_cast<PyObject*>(h->f_code)));
}

}  // namespace

PyObject* resume_generator(HostFrame* h, int throwflag) {
  Frame* f = vm_frame_of(h);
  const int32_t index = resume_index(h, f);
  if (index < 0) {
    PyErr_Format(PyExc_SystemError, "xpython: generator resumed at offset %d, not an instruction",
                 static_cast<int>(h->prev_instr + 1 - f->ec->code_units) * 2);
    return nullptr;   // as if the frame had failed there: the host clears it
  }
  frame_to_resume(h, f, index);
  f->is_entry = true;
  return vm::eval(vm::thread_ctx(), f, throwflag != 0);
}

Frame* begin_inline_resume(PyObject* obj, PyObject* arg, PyThreadState* ts) {
  auto* gen = reinterpret_cast<PyGenObject*>(obj);
  auto* h = reinterpret_cast<HostFrame*>(gen->gi_iframe);
  // Other states (and a value sent to a generator not started) take the
  // host's path, which raises its errors.
  if (gen->gi_frame_state >= FRAME_EXECUTING || !is_vm_generator_frame(h, vm::g_inline_vectorcall)) return nullptr;
  if (gen->gi_frame_state == FRAME_CREATED && arg != Py_None) return nullptr;
  Frame* f = vm_frame_of(h);
  const int32_t index = resume_index(h, f);
  if (index < 0) return nullptr;
  // gen_send_ex2, up to the evaluation: the sent value on the frame's
  // stack, the generator's exception state on the thread's chain,
  // "executing". (eval() links the frame into the frame chain.)
  h->localsplus[h->stacktop++] = Py_NewRef(arg);
  frame_to_resume(h, f, index);
  gen->gi_exc_state.previous_item = ts->exc_info;
  ts->exc_info = &gen->gi_exc_state;
  gen->gi_frame_state = FRAME_EXECUTING;
  f->is_entry = false;
  return f;
}

void end_inline_yield(Frame* f, PyThreadState* ts) {
  PyGenObject* gen = gen_of(f->host);
  ts->exc_info = gen->gi_exc_state.previous_item;
  gen->gi_exc_state.previous_item = nullptr;
  f->host->previous = nullptr;
}

void end_inline_finish(Frame* f, PyThreadState* ts, bool raised) {
  PyGenObject* gen = gen_of(f->host);
  ts->exc_info = gen->gi_exc_state.previous_item;
  gen->gi_exc_state.previous_item = nullptr;
  f->host->previous = nullptr;
  if (raised && PyErr_ExceptionMatches(PyExc_StopIteration))   // PEP 479
    _PyErr_FormatFromCause(PyExc_RuntimeError, "%s",
                           PyCoro_CheckExact(gen) ? "coroutine raised StopIteration" : "generator raised StopIteration");
  // The generator cannot run again: its exception state and frame go.
  Py_CLEAR(gen->gi_exc_state.exc_value);
  gen->gi_frame_state = FRAME_CLEARED;
  vm::clear_frame(f);
}

void set_generator_suspended(Frame* f) { gen_of(f->host)->gi_frame_state = FRAME_SUSPENDED; }

bool is_coroutine(PyObject* o) { return PyCoro_CheckExact(o); }

bool code_allows_coroutine_yield_from(uint32_t code_flags) {
  return code_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE);
}

namespace {
// CPython's gen_is_coroutine: a generator marked by types.coroutine.
bool is_iterable_coroutine(PyObject* o) {
  return PyGen_CheckExact(o) &&
         (reinterpret_cast<PyGenObject*>(o)->gi_code->co_flags & CO_ITERABLE_COROUTINE);
}
}  // namespace

PyObject* get_awaitable_iter(PyObject* o) {
  if (PyCoro_CheckExact(o) || is_iterable_coroutine(o)) return Py_NewRef(o);
  PyTypeObject* ot = Py_TYPE(o);
  if (ot->tp_as_async != nullptr && ot->tp_as_async->am_await != nullptr) {
    PyObject* res = (*ot->tp_as_async->am_await)(o);
    if (res == nullptr) return nullptr;
    if (PyCoro_CheckExact(res) || is_iterable_coroutine(res)) {
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
  if (!PyGen_CheckExact(o) && !PyCoro_CheckExact(o) && !PyAsyncGen_CheckExact(o)) return nullptr;
  auto* gen = reinterpret_cast<PyGenObject*>(o);
  // CPython's _PyGen_yf, for a frame that is not running (a running
  // frame's stack top is not published).
  if (gen->gi_frame_state != FRAME_SUSPENDED) return nullptr;
  auto* frame = reinterpret_cast<_PyInterpreterFrame*>(gen->gi_iframe);
  const _Py_CODEUNIT next = frame->prev_instr[1];
  if (_Py_OPCODE(next) != vm::host_opcodes().resume || _Py_OPARG(next) < 2 || frame->stacktop <= 0) return nullptr;
  return frame->localsplus[frame->stacktop - 1];
}

PyObject* wrap_async_gen_value(PyObject* v) {
  auto* w = PyObject_GC_New(AsyncGenWrappedValue, &_PyAsyncGenWrappedValue_Type);
  if (w == nullptr) {
    Py_DECREF(v);
    return nullptr;
  }
  w->agw_val = v;
  PyObject_GC_Track(w);
  return reinterpret_cast<PyObject*>(w);
}

}  // namespace xp::rt
