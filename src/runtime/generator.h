// Generators, coroutines and async generators whose frames run in the VM.
#pragma once

#include "vm/frame.h"

namespace xp::rt {

void init_generator_types();

// RETURN_GENERATOR: moves thread frame `f` (positioned after the
// RETURN_GENERATOR instruction) into a new generator, coroutine or async
// generator (by its code flags). Returns a new reference, or nullptr with an
// error set (then `f` is untouched). On success `*moved` is the heap frame
// now owned by the object.
PyObject* make_generator(vm::ThreadCtx& t, vm::Frame* f, vm::Frame** moved);

// True for coroutine objects the await machinery treats as coroutines
// (ours, and the host's).
bool is_coroutine(PyObject* o);
// True if the running frame's code may `yield from` a coroutine
// (coroutine or iterable-coroutine code).
bool code_allows_coroutine_yield_from(uint32_t code_flags);

// GET_AWAITABLE's iterator: a coroutine itself, or __await__()'s result.
// nullptr with an error set (see format_awaitable_error for messages).
PyObject* get_awaitable_iter(PyObject* o);
// The object a suspended generator/coroutine is delegating to (yield from /
// await), or nullptr. Borrowed.
PyObject* delegate_of(PyObject* gen_or_coro);

// frame.clear() on the frame of one of our generators (CPython's
// frame_clear): finalises an unstarted or suspended generator as
// _PyGen_Finalize does; -1 with RuntimeError if it is executing.
int clear_generator_frame(PyObject* gen);

// ASYNC_GEN_WRAP: wraps a value yielded by an async generator (steals `v`).
PyObject* wrap_async_gen_value(PyObject* v);

}  // namespace xp::rt
