// The executable's own _PyEval_EvalFrameDefault (see vm/call.h): libpython
// calls the function through its PLT, so the dynamic linker binds those
// calls to this definition (the executable exports its symbols), and every
// frame the host evaluates outside its loop's inlined calls reaches the VM's
// checks with no PEP 523 function installed. The host's own definition is
// the next one in the lookup order.
#include "app/eval_interpose.h"

#include "vm/call.h"

#include <dlfcn.h>

#include <cstdio>
#include <cstdlib>

extern "C" PyObject* _PyEval_EvalFrameDefault(PyThreadState* ts, struct _PyInterpreterFrame* frame, int throwflag) {
  return xp::vm::interposed_eval_frame(ts, frame, throwflag);
}

// (See vm/call.h's foreign_eval_frame.)
extern "C" void _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState* interp, _PyFrameEvalFunction eval_frame) {
  xp::vm::interposed_set_eval_frame(interp, eval_frame);
}

namespace xp::app {

void register_eval_interposition() {
  // XPYTHON_EVAL_HOOK=1: the PEP 523 function instead (as the extension
  // module runs; for tests and comparisons). The interposed definition then
  // only forwards.
  const char* hook = std::getenv("XPYTHON_EVAL_HOOK");
  const bool forward_only = hook != nullptr && hook[0] == '1';
  void* host = dlsym(RTLD_NEXT, "_PyEval_EvalFrameDefault");
  if (host == nullptr) {
    // Without the host's definition nothing could evaluate a frame.
    std::fprintf(stderr, "xpython: error: the host's _PyEval_EvalFrameDefault is not found (%s)\n", dlerror());
    std::exit(70);
  }
  xp::vm::use_interposed_eval_frame(reinterpret_cast<_PyFrameEvalFunction>(host), !forward_only);
  void* host_set = dlsym(RTLD_NEXT, "_PyInterpreterState_SetEvalFrameFunc");
  if (host_set == nullptr) {
    std::fprintf(stderr, "xpython: error: the host's _PyInterpreterState_SetEvalFrameFunc is not found (%s)\n",
                 dlerror());
    std::exit(70);
  }
  xp::vm::use_interposed_set_eval_frame(
      reinterpret_cast<void (*)(PyInterpreterState*, _PyFrameEvalFunction)>(host_set));
}

}  // namespace xp::app
