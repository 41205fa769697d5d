// The host interpreter's "eval breaker": the flag CPython 3.11's loop tests
// at RESUME, backward jumps and after calls to learn that a signal, a
// pending call, another thread's request for the GIL or an asynchronous
// exception is waiting. The VM tests the same flag at the same points, so
// a KeyboardInterrupt or PyThreadState_SetAsyncExc lands at the
// instruction where it lands natively.
#pragma once

#include "core/python.h"

// host_ceval.c is C (the host's internal atomics header is C11).
extern "C" {
const volatile int* xp_eval_breaker_of(PyThreadState* tstate);
int xp_handle_eval_breaker(PyThreadState* tstate);
}

namespace xp::rt {

// The flag (non-zero: something is waiting) of `tstate`'s interpreter.
inline const volatile int* eval_breaker_of(PyThreadState* tstate) { return xp_eval_breaker_of(tstate); }
// CPython 3.11's eval_frame_handle_pending: runs signal handlers and
// pending calls, lets another thread take the GIL, raises an asynchronous
// exception. 0, or -1 with an error set.
inline int handle_eval_breaker(PyThreadState* tstate) { return xp_handle_eval_breaker(tstate); }

}  // namespace xp::rt
