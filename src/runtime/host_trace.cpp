// The host's listeners on the VM's events (vm/events.h): sys.settrace and
// sys.setprofile functions get exactly the events CPython 3.11's ceval.c
// gives them for its own frames. The trace/profile functions are the
// host's C-level ones (tstate->c_tracefunc / c_profilefunc: sys's
// trampolines, _lsprof's profiler), called with the VM frame's real frame
// object, so they do their usual work themselves: the trampoline syncs
// f_locals to the fast locals and back (PyFrame_LocalsToFast), keeps
// f_trace, and frame.f_lineno's setter computes a jump on the host frame
// (prev_instr and stacktop, which we read back).
//
// Compiled against CPython's internal headers (the frame object's f_trace,
// f_lineno, f_trace_lines, f_trace_opcodes have no public accessors).
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_frame.h>
#undef Py_BUILD_CORE

#include "core/ref.h"
#include "runtime/host_frame.h"
#include "tools/tracer.h"
#include "vm/events.h"

namespace xp::vm::events {

namespace {

PyFrameObject* frame_object(Frame* f) {
  return reinterpret_cast<PyFrameObject*>(rt::host_frame_object(f->host));
}

int lasti_of(const Frame* f) { return static_cast<int>(f->host->prev_instr - f->ec->code_units); }

// The line of a code unit (an instruction, its EXTENDED_ARG prefix or its
// caches), -1 if none: CPython's _PyCode_LineNumberFromArray.
int line_of_unit(const ExecCode* ec, int unit) {
  if (unit < 0) return -1;
  const int32_t index = ec->prog->index_of_offset(static_cast<uint32_t>(unit) * 2);
  return index < 0 ? -1 : ec->prog->info[static_cast<size_t>(index)].line;
}

// While a host function looks at the frame, its stacktop counts the live
// stack entries (frame.f_lineno's setter pops through it).
struct StackShown {
  Frame* f;
  PyObject*** sp;
  StackShown(Frame* frame, PyObject*** stack) : f(frame), sp(stack) {
    f->host->stacktop = static_cast<int>(*sp - f->localsplus());
  }
  ~StackShown() {
    *sp = f->localsplus() + f->host->stacktop;
    f->host->stacktop = -1;
  }
  StackShown(const StackShown&) = delete;
  StackShown& operator=(const StackShown&) = delete;
};

// ceval.c's call_trace: one call of a trace or profile function, with
// tracing suspended in this thread and f_lineno fixed to the current line.
int call_trace(Py_tracefunc func, PyObject* obj, PyThreadState* ts, Frame* f, int what, PyObject* arg) {
  if (ts->tracing) return 0;
  PyFrameObject* fo = frame_object(f);
  if (fo == nullptr) return -1;
  const int old_what = ts->tracing_what;
  ts->tracing_what = what;
  PyThreadState_EnterTracing(ts);
  fo->f_lineno = line_of_unit(f->ec, lasti_of(f));
  const int result = func(obj, fo, what, arg);
  fo->f_lineno = 0;
  PyThreadState_LeaveTracing(ts);
  ts->tracing_what = old_what;
  return result;
}

// call_trace_protected: a pending exception survives the call unless the
// function raises.
int call_trace_protected(Py_tracefunc func, PyObject* obj, PyThreadState* ts, Frame* f, int what, PyObject* arg) {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  const int err = call_trace(func, obj, ts, f, what, arg);
  if (err == 0) {
    PyErr_Restore(type, value, tb);
    return 0;
  }
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  return -1;
}

// The trace function, then the profiler, each given `what` (as ceval's
// trace_function_entry/exit).
int trace_then_profile(PyThreadState* ts, Frame* f, int what, PyObject* arg) {
  if (ts->c_tracefunc != nullptr && call_trace_protected(ts->c_tracefunc, ts->c_traceobj, ts, f, what, arg) != 0)
    return -1;
  if (ts->c_profilefunc != nullptr &&
      call_trace_protected(ts->c_profilefunc, ts->c_profileobj, ts, f, what, arg) != 0)
    return -1;
  return 0;
}

// trace_function_entry: 'call'.
int function_entry(PyThreadState* ts, Frame* f) { return trace_then_profile(ts, f, PyTrace_CALL, Py_None); }

// trace_function_exit: 'return' (retval nullptr while unwinding: None).
int function_exit(PyThreadState* ts, Frame* f, PyObject* retval) {
  return trace_then_profile(ts, f, PyTrace_RETURN, retval);
}

// maybe_call_line_trace: 'line' when the instruction starts another line
// than the one run before it (or is reached by a backward jump other than
// SEND's), 'opcode' for every instruction if f_trace_opcodes.
int line_trace(PyThreadState* ts, Frame* f, const Instr* instr, int instr_prev) {
  const ExecCode* ec = f->ec;
  const int first = reinterpret_cast<PyCodeObject*>(f->code())->_co_firsttraceable;
  const int lastline = instr_prev <= first ? -1 : line_of_unit(ec, instr_prev);
  const int lasti = lasti_of(f);
  const int line = line_of_unit(ec, lasti);
  PyFrameObject* fo = frame_object(f);
  if (fo == nullptr) return -1;
  int result = 0;
  if (line != -1 && fo->f_trace_lines) {
    const bool trace = line != lastline || (lasti < instr_prev && instr->op != Op::SEND);
    if (trace) result = call_trace(ts->c_tracefunc, ts->c_traceobj, ts, f, PyTrace_LINE, Py_None);
  }
  if (fo->f_trace_opcodes && result == 0)
    result = call_trace(ts->c_tracefunc, ts->c_traceobj, ts, f, PyTrace_OPCODE, Py_None);
  return result;
}

// C_TRACE: a call of a builtin seen by the profile function.
template <typename Call>
PyObject* c_trace(PyThreadState* ts, Frame* f, PyObject* func, Call call) {
  if (ts->c_profilefunc == nullptr) return call();
  if (call_trace(ts->c_profilefunc, ts->c_profileobj, ts, f, PyTrace_C_CALL, func) != 0) return nullptr;
  PyObject* x = call();
  if (ts->c_profilefunc != nullptr) {
    if (x == nullptr) {
      call_trace_protected(ts->c_profilefunc, ts->c_profileobj, ts, f, PyTrace_C_EXCEPTION, func);
    } else if (call_trace(ts->c_profilefunc, ts->c_profileobj, ts, f, PyTrace_C_RETURN, func) != 0) {
      Py_DECREF(x);
      x = nullptr;
    }
  }
  return x;
}

PyObject* send_name() {
  static PyObject* const name = PyUnicode_InternFromString("send");
  return name;
}

}  // namespace

const Instr* before_instruction(Frame* f, const Instr* instr, PyObject*** sp, bool tools) {
  if (tools) tools::trace_instruction(f, instr, *sp);
  PyThreadState* const ts = PyThreadState_Get();
  if (!ts->cframe->use_tracing) return instr;
  ExecCode* const ec = f->ec;
  const size_t index = static_cast<size_t>(instr - ec->instrs);
  // As ceval's DO_TRACING: the prologue before RESUME is never traced; the
  // instruction is seen at its EXTENDED_ARG prefix, if any.
  const int unit = static_cast<int>(ec->prog->info[index].start_offset / 2);
  if (unit < reinterpret_cast<PyCodeObject*>(f->code())->_co_firsttraceable) return instr;
  const int instr_prev = lasti_of(f);
  _Py_CODEUNIT* const here = ec->code_units + unit;
  f->host->prev_instr = here;
  int err = 0;
  {
    StackShown shown(f, sp);
    if (instr->op == Op::RESUME)
      err = function_entry(ts, f);
    else if (ts->cframe->use_tracing && ts->c_tracefunc != nullptr && !ts->tracing)
      err = line_trace(ts, f, instr, instr_prev);
  }
  if (err != 0) return nullptr;
  if (f->host->prev_instr == here) return instr;
  // frame.f_lineno was set: its setter checked the target and left
  // prev_instr at the instruction to run next.
  const int32_t target = ec->prog->index_of_offset(static_cast<uint32_t>(f->host->prev_instr - ec->code_units) * 2);
  if (target < 0) {
    PyErr_SetString(PyExc_SystemError, "xpython: f_lineno jump outside the code");
    return nullptr;
  }
  return ec->instrs + target;
}

int frame_return(Frame* f, PyObject*** sp, PyObject* retval, bool tools) {
  if (tools) tools::trace_frame_end(f, *sp);
  PyThreadState* const ts = PyThreadState_Get();
  // A frame the host pushed is left through the host's RETURN_VALUE, which
  // makes the event (tracing was started while the frame ran: else the
  // host would not have inlined its call).
  if (!ts->cframe->use_tracing || f->owner == vm::FrameOwner::HostCall) return 0;
  StackShown shown(f, sp);
  return function_exit(ts, f, retval);
}

void exception(Frame* f, PyObject** sp) {
  PyThreadState* const ts = PyThreadState_Get();
  if (ts->c_tracefunc == nullptr) return;
  StackShown shown(f, &sp);
  // call_exc_trace: the function gets (type, value, traceback); if it
  // raises, its error replaces the one being raised.
  PyObject *type, *value, *orig_tb;
  PyErr_Fetch(&type, &value, &orig_tb);
  if (value == nullptr) value = Py_NewRef(Py_None);
  PyErr_NormalizeException(&type, &value, &orig_tb);
  Ref arg = steal(PyTuple_Pack(3, type, value, orig_tb != nullptr ? orig_tb : Py_None));
  if (!arg) {
    PyErr_Restore(type, value, orig_tb);
    return;
  }
  const int err = call_trace(ts->c_tracefunc, ts->c_traceobj, ts, f, PyTrace_EXCEPTION, arg.get());
  if (err == 0) {
    PyErr_Restore(type, value, orig_tb);
  } else {
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(orig_tb);
  }
}

int throw_entry(Frame* f, PyObject** sp) {
  PyThreadState* const ts = PyThreadState_Get();
  StackShown shown(f, &sp);
  return function_entry(ts, f);
}

PySendResult traced_send(Frame* f, PyObject** sp, PyObject* receiver, PyObject* v, PyObject** result) {
  PyThreadState* const ts = PyThreadState_Get();
  if (ts->c_tracefunc == nullptr) return PyIter_Send(receiver, v, result);
  PyObject* r = (v == Py_None && PyIter_Check(receiver)) ? Py_TYPE(receiver)->tp_iternext(receiver)
                                                         : PyObject_CallMethodOneArg(receiver, send_name(), v);
  if (r != nullptr) {
    *result = r;
    return PYGEN_NEXT;
  }
  if (PyErr_ExceptionMatches(PyExc_StopIteration)) exception(f, sp);
  if (_PyGen_FetchStopIterationValue(result) == 0) return PYGEN_RETURN;
  *result = nullptr;
  return PYGEN_ERROR;
}

void frame_unwind(Frame* f, PyObject** sp) {
  PyThreadState* const ts = PyThreadState_Get();
  if (f->owner == vm::FrameOwner::HostCall) return;   // the host's RERAISE makes it (frame_return)
  StackShown shown(f, &sp);
  function_exit(ts, f, nullptr);   // already unwinding: a tracer's error is dropped
}

PyObject* call_host(Frame* f, PyObject* callable, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  PyThreadState* const ts = PyThreadState_Get();
  if (PyCFunction_CheckExact(callable) || PyCMethod_CheckExact(callable))
    return c_trace(ts, f, callable, [&] { return PyObject_Vectorcall(callable, args, static_cast<size_t>(nargs), kwnames); });
  if (Py_IS_TYPE(callable, &PyMethodDescr_Type) && nargs > 0) {
    // The profiler is shown the method bound to its self argument.
    PyObject* self = args[0];
    Ref bound = steal(Py_TYPE(callable)->tp_descr_get(callable, self, reinterpret_cast<PyObject*>(Py_TYPE(self))));
    if (!bound) return nullptr;
    return c_trace(ts, f, bound.get(), [&] {
      return PyObject_Vectorcall(bound.get(), args + 1, static_cast<size_t>(nargs - 1), kwnames);
    });
  }
  return PyObject_Vectorcall(callable, args, static_cast<size_t>(nargs) | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
}

PyObject* call_host_ex(Frame* f, PyObject* func, PyObject* callargs, PyObject* kwargs) {
  PyThreadState* const ts = PyThreadState_Get();
  if (PyCFunction_CheckExact(func) || PyCMethod_CheckExact(func))
    return c_trace(ts, f, func, [&] { return PyObject_Call(func, callargs, kwargs); });
  if (Py_IS_TYPE(func, &PyMethodDescr_Type)) {
    const Py_ssize_t nargs = PyTuple_GET_SIZE(callargs);
    if (nargs > 0) {
      PyObject* self = PyTuple_GET_ITEM(callargs, 0);
      Ref bound = steal(Py_TYPE(func)->tp_descr_get(func, self, reinterpret_cast<PyObject*>(Py_TYPE(self))));
      if (!bound) return nullptr;
      return c_trace(ts, f, bound.get(), [&] {
        return PyObject_VectorcallDict(bound.get(), &PyTuple_GET_ITEM(callargs, 1), static_cast<size_t>(nargs - 1), kwargs);
      });
    }
  }
  return PyObject_Call(func, callargs, kwargs);
}

}  // namespace xp::vm::events
