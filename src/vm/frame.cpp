#include "vm/frame.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace xp::vm {

namespace {
constexpr size_t kChunkSize = 256 * 1024;
constexpr size_t kAlign = alignof(std::max_align_t);
size_t round_up(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }
}  // namespace

FrameArena::~FrameArena() {
  for (Chunk& c : chunks_) std::free(c.base);
}

void* FrameArena::alloc(size_t bytes) {
  // Each allocation is preceded by its rounded size, so free() can pop it.
  const size_t need = round_up(bytes) + kAlign;
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

void FrameArena::free(void* p) {
  char* start = static_cast<char*>(p) - kAlign;
  Chunk& c = chunks_[active_];
  c.used -= *reinterpret_cast<size_t*>(start);
  // Chunks before the active one are never empty (alloc only moves on from a
  // chunk in use), so stepping back keeps LIFO order across chunks.
  if (c.used == 0 && active_ > 0) --active_;
}

ThreadCtx& thread_ctx() {
  thread_local ThreadCtx* ctx = nullptr;
  if (ctx == nullptr) {
    // Deliberately never freed: it lives as long as the thread, and frames of
    // generators may outlive a thread-local destructor order we don't control.
    ctx = new ThreadCtx();
    ctx->tstate = PyThreadState_Get();
  }
  return *ctx;
}

namespace {
void init_frame(Frame* f, ExecCode* ec, PyObject* func, PyObject* globals, PyObject* builtins,
                PyObject* locals) {
  f->ec = ec;
  f->code = Py_NewRef(ec->shell);
  f->func = Py_XNewRef(func);
  f->globals = Py_NewRef(globals);
  f->builtins = Py_NewRef(builtins);
  f->locals = Py_XNewRef(locals);
  f->back = nullptr;
  f->ip = ec->instrs;
  f->sp = f->localsplus + ec->nlocalsplus;
  f->host_frame = nullptr;
  f->kwnames = nullptr;
  f->gen = nullptr;
  f->locals_dict = nullptr;
  f->owner = FrameOwner::Thread;
  f->state = FrameState::Created;
  f->is_entry = false;
  std::memset(f->localsplus, 0, sizeof(PyObject*) * static_cast<size_t>(ec->nlocalsplus));
}
}  // namespace

Frame* push_frame(ThreadCtx& t, ExecCode* ec, PyObject* func, PyObject* globals, PyObject* builtins,
                  PyObject* locals) {
  void* mem = t.arena.alloc(Frame::bytes_for(ec));
  if (mem == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  auto* f = static_cast<Frame*>(mem);
  init_frame(f, ec, func, globals, builtins, locals);
  return f;
}

void clear_frame(Frame* f) {
  if (f->ec == nullptr) return;  // already cleared
  PyObject** base = f->localsplus;
  PyObject** top = f->sp ? f->sp : f->localsplus + f->ec->nlocalsplus;
  // Clear the stack first (top down), then locals, as CPython does.
  for (PyObject** p = top; p > base;) {
    --p;
    PyObject* o = *p;
    *p = nullptr;
    Py_XDECREF(o);
  }
  f->sp = f->localsplus + f->ec->nlocalsplus;
  Py_CLEAR(f->locals_dict);
  Py_CLEAR(f->host_frame);
  Py_CLEAR(f->locals);
  Py_CLEAR(f->builtins);
  Py_CLEAR(f->globals);
  Py_CLEAR(f->func);
  PyObject* code = f->code;
  f->code = nullptr;
  f->ec = nullptr;
  Py_XDECREF(code);  // last: may free the ExecCode
}

void pop_frame(ThreadCtx& t, Frame* f) {
  clear_frame(f);
  t.arena.free(f);
}

Frame* move_frame_to_heap(ThreadCtx& t, Frame* f) {
  const size_t bytes = Frame::bytes_for(f->ec);
  auto* h = static_cast<Frame*>(std::malloc(bytes));
  if (h == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  std::memcpy(static_cast<void*>(h), static_cast<const void*>(f), bytes);
  h->sp = h->localsplus + (f->sp - f->localsplus);
  h->owner = FrameOwner::Generator;
  h->is_entry = false;
  h->back = nullptr;
  t.arena.free(f);
  return h;
}

void free_heap_frame(Frame* f) {
  clear_frame(f);
  std::free(f);
}

}  // namespace xp::vm
