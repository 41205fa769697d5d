/* Compiles against CPython 3.11's internal headers: the eval breaker and
 * the state behind it are private (Include/internal/pycore_interp.h,
 * pycore_runtime.h); the logic mirrors ceval.c's eval_frame_handle_pending
 * and COMPUTE_EVAL_BREAKER. C, not C++: pycore_atomic.h is C11 atomics. */
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_interp.h>
#include <internal/pycore_pystate.h>
#include <internal/pycore_runtime.h>
#undef Py_BUILD_CORE

/* Declared for C++ in runtime/host_ceval.h. */
const volatile int* xp_eval_breaker_of(PyThreadState* tstate);
int xp_handle_eval_breaker(PyThreadState* tstate);

static int load(_Py_atomic_int* v) { return _Py_atomic_load_relaxed(v); }

// ceval.c's COMPUTE_EVAL_BREAKER, after the VM consumed a request.
static void recompute_eval_breaker(PyInterpreterState* interp) {
  struct _ceval_runtime_state* ceval = &_PyRuntime.ceval;
  struct _ceval_state* ceval2 = &interp->ceval;
  const int pending = load(&ceval2->gil_drop_request) |
                      (load(&ceval->signals_pending) && _Py_ThreadCanHandleSignals(interp)) |
                      (load(&ceval2->pending.calls_to_do) && _Py_ThreadCanHandlePendingCalls()) |
                      ceval2->pending.async_exc;
  _Py_atomic_store_relaxed(&ceval2->eval_breaker, pending);
}

const volatile int* xp_eval_breaker_of(PyThreadState* tstate) {
  return (const volatile int*)&tstate->interp->ceval.eval_breaker;
}

int xp_handle_eval_breaker(PyThreadState* tstate) {
  PyInterpreterState* interp = tstate->interp;
  // Signals, then pending calls: Py_MakePendingCalls is the host's own
  // handle_signals + make_pending_calls (main thread only; each clears its
  // request and recomputes the flag).
  if ((load(&_PyRuntime.ceval.signals_pending) || load(&interp->ceval.pending.calls_to_do)) &&
      Py_MakePendingCalls() < 0)
    return -1;
  if (load(&interp->ceval.gil_drop_request)) {
    // Another thread asked for the GIL: dropping it grants the request.
    Py_BEGIN_ALLOW_THREADS
    Py_END_ALLOW_THREADS
  }
  if (tstate->async_exc != NULL) {
    PyObject* exc = tstate->async_exc;
    tstate->async_exc = NULL;
    interp->ceval.pending.async_exc = 0;
    recompute_eval_breaker(interp);
    PyErr_SetNone(exc);
    Py_DECREF(exc);
    return -1;
  }
  // As ceval: a request this thread cannot serve (a signal while not the
  // main thread) leaves the flag set for the thread that can.
  return 0;
}

