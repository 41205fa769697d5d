#include "vm/frame.h"

#include "runtime/host_frame.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace xp::vm {

namespace {
constexpr size_t kChunkSize = size_t{256} * 1024;
}  // namespace

FrameArena::~FrameArena() {
  for (Chunk& c : chunks_) std::free(c.base);
}

void* FrameArena::alloc_slow(size_t need) {
  while (true) {
    if (active_ < chunks_.size()) {
      Chunk& c = chunks_[active_];
      if (c.size - c.used >= need) {
        char* p = c.base + c.used;
        *reinterpret_cast<size_t*>(p) = need;
        c.used += need;
        return p + kAlign;
      }
      if (c.used == 0) {
        // An empty chunk too small for this frame: replace it.
        std::free(c.base);
        chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(active_));
        continue;
      }
      ++active_;
      continue;
    }
    const size_t size = need > kChunkSize ? need : kChunkSize;
    char* base = static_cast<char*>(std::malloc(size));
    if (base == nullptr) return nullptr;
    chunks_.push_back({base, size, 0});
    active_ = chunks_.size() - 1;
  }
}

namespace {
thread_local ThreadCtx* t_ctx = nullptr;
}  // namespace

ThreadCtx* thread_ctx_if_any() { return t_ctx; }

ThreadCtx& thread_ctx() {
  ThreadCtx*& ctx = t_ctx;
  if (ctx == nullptr) {
    // Deliberately never freed: frames of generators may outlive any
    // thread-local destructor order we could rely on.
    ctx = new ThreadCtx();
    ctx->tstate = PyThreadState_Get();
  }
  return *ctx;
}

Frame* push_frame(ThreadCtx& t, ExecCode* ec, PyObject* func, PyObject* locals) {
  void* mem = t.arena.alloc(Frame::bytes_for(ec));
  if (mem == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  auto* f = static_cast<Frame*>(mem);
  f->host = reinterpret_cast<HostFrame*>(f + 1);
  auto* fn = reinterpret_cast<PyFunctionObject*>(func);
  f->ec = ec;
  f->back = nullptr;
  f->ip = ec->instrs;
  f->sp = f->host->localsplus + ec->nlocalsplus;
  f->owner = FrameOwner::Thread;
  f->state = FrameState::Created;
  f->is_entry = false;
  HostFrame& h = *f->host;
  h.f_func = reinterpret_cast<PyFunctionObject*>(Py_NewRef(func));
  h.f_globals = fn->func_globals;
  h.f_builtins = fn->func_builtins;
  h.f_locals = Py_XNewRef(locals);
  h.f_code = reinterpret_cast<PyCodeObject*>(Py_NewRef(ec->shell));
  h.frame_obj = nullptr;
  h.previous = nullptr;
  h.prev_instr = ec->code_units - 1;  // not started (as CPython's new frames)
  h.stacktop = -1;
  h.is_entry = false;
  h.owner = 0;  // FRAME_OWNED_BY_THREAD
  std::memset(h.localsplus, 0, sizeof(PyObject*) * static_cast<size_t>(ec->nlocalsplus));
  return f;
}

void clear_frame(Frame* f) {
  if (f->ec == nullptr) return;  // already cleared
  HostFrame& h = *f->host;
  PyObject** top = f->sp ? f->sp : f->stack_base();
  h.stacktop = static_cast<int>(top - h.localsplus);
  f->ec = nullptr;
  // A frame object still in use (traceback, sys._getframe()) takes the
  // frame's references over; otherwise they are released here.
  const bool handed_over = rt::release_host_frame_object(&h);
  h.previous = nullptr;
  if (handed_over) return;
  // In slot order, as CPython's _PyFrame_Clear: locals first to last, then
  // the stack (finalizers and weakref callbacks run in that order). Each
  // slot is emptied before its release, so code a finalizer runs never sees
  // a freed object here.
  for (PyObject** p = h.localsplus; p < top; ++p) {
    PyObject* o = *p;
    *p = nullptr;
    Py_XDECREF(o);
  }
  h.stacktop = 0;
  Py_CLEAR(h.f_locals);
  PyObject* func = reinterpret_cast<PyObject*>(h.f_func);
  PyObject* code = reinterpret_cast<PyObject*>(h.f_code);
  h.f_func = nullptr;
  h.f_code = nullptr;
  Py_XDECREF(func);
  Py_XDECREF(code);  // last: may free the ExecCode
}

void pop_frame(ThreadCtx& t, Frame* f) {
  clear_frame(f);
  t.arena.free(f);
}

}  // namespace xp::vm
