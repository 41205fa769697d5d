// The VM's event interface: what eval() reports while someone listens.
//
// Two kinds of listener share it:
// - the host's own hooks, sys.settrace / sys.setprofile (and
//   threading.settrace/setprofile, pdb, bdb, cProfile, trace, coverage),
//   which see exactly CPython 3.11's events for interpreted frames: 'call',
//   'line', 'opcode', 'return', 'exception', 'c_call', 'c_return',
//   'c_exception' (runtime/host_trace.cpp, which follows ceval.c's
//   trace_function_entry, maybe_call_line_trace, call_trace_protected,
//   call_exc_trace and C_TRACE);
// - the VM's tools: the -v/-vv instruction tracer and opcode statistics
//   (tools/tracer.h), and the debugger to come.
//
// Nothing is paid while nobody listens: eval()'s dispatch table leads to
// its trace hook only after the host announced a trace or profile function
// (the "sys.settrace"/"sys.setprofile" audit events), so an instruction
// reaches before_instruction() only while a host hook is set and the
// thread's use_tracing byte says so (the thread is not inside a hook), or
// when the tools asked for every instruction of the activation; the other
// calls here sit on frame exits, exceptions and host calls behind that byte.
#pragma once

#include "vm/frame.h"

namespace xp::vm::events {

// Before `instr` runs in `f`; `*sp` is the value-stack top and
// f->host->prev_instr still shows the instruction executed before. The
// host's 'call' (at RESUME), 'line' and 'opcode' events. Returns the
// instruction to run: `instr`, another one if a tracer set f_lineno (its
// stack pops are in `*sp`), or nullptr with an exception set if a tracer
// raised.
const Instr* before_instruction(Frame* f, const Instr* instr, PyObject*** sp, bool tools);

// throw()/close() resumes a suspended frame with an exception: 'call'.
// -1 if a tracer raised (its error replaces the thrown one).
int throw_entry(Frame* f, PyObject** sp);

// SEND while a host hook is set: as ceval, the delegate is driven through
// tp_iternext or its send() method, so a tracer sees its StopIteration as an
// 'exception' event of this frame.
PySendResult traced_send(Frame* f, PyObject** sp, PyObject* receiver, PyObject* v, PyObject** result);

// The frame returns or yields `retval` (not yet released); `*sp` is the
// stack top after the value was popped (a tracer's jump from a yield's
// 'return' event pops through it). -1 if a tracer raised: the frame then
// unwinds with that error instead.
int frame_return(Frame* f, PyObject*** sp, PyObject* retval, bool tools);

// An exception was raised in `f` (its traceback entry made): 'exception'.
void exception(Frame* f, PyObject** sp);

// No handler in `f`: it is left by the exception ('return' with None).
void frame_unwind(Frame* f, PyObject** sp);

// CALL / CALL_FUNCTION_EX of a callable that is not an interpreted
// function, while a host hook is set: profile functions see 'c_call',
// 'c_return', 'c_exception' for builtins (CPython's trace_call_function and
// do_call_core). `args` is the CALL's argument array (with the
// PY_VECTORCALL_ARGUMENTS_OFFSET slot before it).
PyObject* call_host(Frame* f, PyObject* callable, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames);
PyObject* call_host_ex(Frame* f, PyObject* func, PyObject* callargs, PyObject* kwargs);

}  // namespace xp::vm::events
