// Generators, coroutines and async generators of VM code: the host's own
// objects around VM frames (see generator.cpp).
#pragma once

#include "vm/call.h"
#include "vm/frame.h"

namespace xp::rt {

// RETURN_GENERATOR: moves thread frame `f` (positioned after the
// RETURN_GENERATOR instruction, f->sp saved) into a new host generator,
// coroutine or async generator (by its code flags). Returns a new
// reference, or nullptr with an error set (then `f` is untouched). On
// success the frame's references belong to the object: the caller releases
// `f`'s arena memory without clearing it.
PyObject* make_generator(vm::ThreadCtx& t, vm::Frame* f);

// After make_generator moved a host-pushed frame `h` (FrameOwner::HostCall)
// into the generator: leaves it as the host's RETURN_GENERATOR leaves an
// entry frame, for the host to clear and pop -- no slots, no namespace, its
// own references to `func` (given) and the code -- resuming before
// `resume_before`.
void leave_moved_host_call_frame(vm::HostFrame* h, PyObject* func, _Py_CODEUNIT* resume_before);

// Whether host frame `h` is the frame of a generator made by
// make_generator (the PEP 523 function, which every host frame passes,
// sends those here). Only RETURN_GENERATOR of a VM frame makes a
// generator-owned frame whose function is interpreted: the host never
// evaluates such a function's frames itself.
inline constexpr char kFrameOwnedByGenerator = 1;   // 3.11's FRAME_OWNED_BY_GENERATOR
// Every shell has an entry trampoline, so the host never runs a shell's
// function itself: a generator-owned frame of one was made by the VM. Host
// code objects the VM runs as they are (a function's assigned __code__) have
// none; host calls of those run natively and may make generators of their
// own, so the host resumes all of those.
// (`vc`: the vectorcall of the functions asked about; begin_inline_resume
// asks with vm::g_inline_vectorcall, which no function has while someone
// else's PEP 523 function is installed.)
inline bool is_vm_generator_frame(vm::HostFrame* h, vectorcallfunc vc = vm::function_vectorcall) {
  if (h->owner != kFrameOwnedByGenerator || h->f_func->vectorcall != vc) return false;
  const vm::ExecCode* ec = vm::exec_code_of_code(reinterpret_cast<PyObject*>(h->f_code));
  return ec != nullptr && ec->host_entry;
}
// Runs such a frame for the host's gen_send_ex2 (_PyEval_EvalFrame's
// contract: the result of a yield or return, nullptr with an error set).
PyObject* resume_generator(vm::HostFrame* h, int throwflag);
// FOR_ITER or SEND of a generator or coroutine in the running eval() (as
// 3.12's FOR_ITER_GEN and SEND_GEN, without a new evaluation): if `gen` (an
// exact generator or coroutine) is a VM generator that is suspended or not
// started, does what the host's gen_send_ex2 does before evaluating the
// frame (`arg` sent: None for FOR_ITER) and returns the frame to run; else
// nullptr, and the caller takes the host's path.
vm::Frame* begin_inline_resume(PyObject* gen, PyObject* arg, PyThreadState* ts);
// After such a frame yielded (suspended, its stacktop set): the rest of
// gen_send_ex2's work.
void end_inline_yield(vm::Frame* f, PyThreadState* ts);
// After it returned or raised (its stacktop set): gen_send_ex2's completion
// (PEP 479's RuntimeError for a StopIteration raised in it; the frame
// cleared).
void end_inline_finish(vm::Frame* f, PyThreadState* ts, bool raised);
// YIELD_VALUE: the owning object's gi_frame_state becomes "suspended", as
// ceval sets it before the yield's 'return' trace event.
void set_generator_suspended(vm::Frame* f);

// True for coroutine objects (the host's PyCoro_CheckExact).
bool is_coroutine(PyObject* o);
// True if the running frame's code may `yield from` a coroutine
// (coroutine or iterable-coroutine code).
bool code_allows_coroutine_yield_from(uint32_t code_flags);

// GET_AWAITABLE's iterator: a coroutine itself, or __await__()'s result
// (CPython's _PyCoro_GetAwaitableIter). nullptr with an error set.
PyObject* get_awaitable_iter(PyObject* o);
// The object a suspended generator/coroutine is delegating to (yield from /
// await), or nullptr (CPython's _PyGen_yf). Borrowed.
PyObject* delegate_of(PyObject* gen_or_coro);

// ASYNC_GEN_WRAP: wraps a value yielded by an async generator (steals `v`)
// in the host's wrapped-value type.
PyObject* wrap_async_gen_value(PyObject* v);

}  // namespace xp::rt
