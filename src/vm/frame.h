// VM frames and the per-thread state that holds them.
//
// A frame is one activation of a code object. Its tail is a genuine host
// interpreter frame (CPython 3.11's _PyInterpreterFrame: function, code,
// globals, builtins, locals, previous frame, instruction pointer, then the
// fused locals array and the value stack), linked into the thread's frame
// chain while it runs. So the host sees interpreted frames as its own:
// sys._getframe(), frame.f_back / f_locals / f_lineno, inspect.stack(),
// tracebacks, warnings' and logging's caller lookup, the host's locals(),
// globals() and zero-argument super() all work on them unchanged.
//
// Frames of ordinary calls live in a per-thread LIFO arena (no malloc per
// call); a generator's frame is moved into a host generator object (RETURN_GENERATOR).
#pragma once

#include "core/python.h"
#include "vm/exec_code.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace xp::vm {

// Layout mirror of CPython 3.11's _PyInterpreterFrame
// (Include/internal/pycore_frame.h); host_frame.cpp checks it against the
// real definition at compile time.
struct HostFrame {
  PyFunctionObject* f_func;   // strong, never null for VM frames
  PyObject* f_globals;        // borrowed (kept alive by f_func)
  PyObject* f_builtins;       // borrowed (kept alive by f_func)
  PyObject* f_locals;         // strong or null: the namespace, or locals() of an optimised frame
  PyCodeObject* f_code;       // strong: the shell code object
  PyFrameObject* frame_obj;   // strong or null: the host frame object, made on demand
  HostFrame* previous;        // the frame below on the thread's chain
  _Py_CODEUNIT* prev_instr;   // the current instruction in f_code's code units
  int stacktop;               // -1 while running; locals + stack entries otherwise
  bool is_entry;              // host's notion; always false for VM frames
  char owner;                 // FRAME_OWNED_BY_THREAD (0) for VM frames
  PyObject* localsplus[];     // ec->nlocalsplus locals/cells/frees, then ec->stacksize stack slots
};

enum class FrameState : uint8_t {
  Created,     // set up, not started
  Running,
  Suspended,   // a generator frame stopped at YIELD_VALUE
  Completed,   // returned or raised; references released
};

// Thread: in the VM's arena. Generator: a VM generator's own frame.
// HostCall: a frame the host pushed on its data stack for host bytecode's
// inlined call of a shell (vm/host_entry.h); the host pops it.
enum class FrameOwner : uint8_t { Thread, Generator, HostCall };

// The VM's state of one activation. Its host interpreter frame (`host`)
// follows it in memory for a thread frame (the arena's allocation is this
// struct, then the HostFrame and its slots); a generator's frame is the
// host generator object's own `gi_iframe`, and this struct then sits in
// the generator's spare slots past the frame (runtime/generator.cpp), so
// that the host's generator methods, which know only gi_iframe, drive it.
struct Frame {
  ExecCode* ec;              // borrowed; kept alive by host->f_code (nullptr once cleared)
  Frame* back;               // the VM frame that was running when this one started
  const Instr* ip;           // next instruction (saved while not running)
  PyObject** sp;             // stack pointer (saved while not running)
  HostFrame* host;           // the host interpreter frame (see above)
  FrameOwner owner;
  FrameState state;
  bool is_entry;             // returning from this frame returns from eval()

  PyObject** localsplus() { return host->localsplus; }
  PyObject** stack_base() { return host->localsplus + ec->nlocalsplus; }
  PyObject* globals() const { return host->f_globals; }
  PyObject* builtins() const { return host->f_builtins; }
  PyObject* locals() const { return host->f_locals; }
  PyObject* func() const { return reinterpret_cast<PyObject*>(host->f_func); }
  PyObject* code() const { return reinterpret_cast<PyObject*>(host->f_code); }
  uint32_t instr_index() const { return static_cast<uint32_t>(ip - ec->instrs); }
  // Points the host-visible instruction pointer at instruction `index`.
  void set_prev_instr(uint32_t index) { host->prev_instr = ec->code_units + ec->unit_of[index]; }
  // A thread frame's allocation: this struct, the host frame, its slots.
  static size_t bytes_for(const ExecCode* ec) {
    return sizeof(Frame) + sizeof(HostFrame) + sizeof(PyObject*) * static_cast<size_t>(ec->framesize);
  }
};
static_assert(sizeof(Frame) % sizeof(PyObject*) == 0, "a Frame fills whole slots of a generator");

// A frame's slots as the host may walk them (the collector's traversal of
// a generator, _PyFrame_Clear, take_ownership): HostFrame::stacktop is -1
// while the frame runs (eval() keeps the stack pointer in a register, so
// the slots above the real top may hold popped, freed objects; CPython's
// executing frames have stacktop -1 too) and exact whenever it is not
// running: eval() sets it before a generator frame stops (RETURN_GENERATOR,
// YIELD_VALUE, return, unwinding), and the host's generator code that
// pushes or pops on a suspended frame (send, throw) moves it.

// LIFO allocator for thread frames, in chunks.
class FrameArena {
 public:
  FrameArena() = default;
  FrameArena(const FrameArena&) = delete;
  FrameArena& operator=(const FrameArena&) = delete;
  ~FrameArena();
  // Inline fast path: room in the active chunk.
  void* alloc(size_t bytes) {
    const size_t need = round_up(bytes) + kAlign;
    if (active_ < chunks_.size()) {
      Chunk& c = chunks_[active_];
      if (c.size - c.used >= need) {
        char* p = c.base + c.used;
        *reinterpret_cast<size_t*>(p) = need;
        c.used += need;
        return p + kAlign;
      }
    }
    return alloc_slow(need);
  }
  void free(void* p) {   // must be the most recent live allocation
    Chunk& c = chunks_[active_];
    c.used -= *reinterpret_cast<size_t*>(static_cast<char*>(p) - kAlign);
    // Chunks before the active one are never empty (alloc only moves on
    // from a chunk in use), so stepping back keeps LIFO order.
    if (c.used == 0 && active_ > 0) --active_;
  }

 private:
  static constexpr size_t kAlign = alignof(std::max_align_t);
  static constexpr size_t round_up(size_t n) { return (n + kAlign - 1) & ~(kAlign - 1); }
  // Each allocation is preceded by its rounded size (kAlign bytes).
  void* alloc_slow(size_t need);
  struct Chunk {
    char* base;
    size_t size;
    size_t used;
  };
  std::vector<Chunk> chunks_;
  size_t active_ = 0;   // index of the chunk in use (chunks past it are spare)
};

struct ThreadCtx {
  PyThreadState* tstate = nullptr;
  Frame* current = nullptr;        // innermost running VM frame on this thread
  FrameArena arena;
};

// This thread's VM state (created on first use).
ThreadCtx& thread_ctx();
// This thread's VM state if the VM has run on it, else nullptr (creates nothing).
ThreadCtx* thread_ctx_if_any();

// The host frame chain's current frame (the thread's running Python frame).
inline HostFrame* host_current_frame(PyThreadState* tstate) {
  return reinterpret_cast<HostFrame*>(tstate->cframe->current_frame);
}
inline void set_host_current_frame(PyThreadState* tstate, HostFrame* frame) {
  tstate->cframe->current_frame = reinterpret_cast<struct _PyInterpreterFrame*>(frame);
}

// Creates a thread frame running `func` (an interpreted function whose code
// has `ec`) with `locals` as its namespace (nullptr for an optimised call).
// Locals and stack start empty. Returns nullptr with MemoryError set if the
// arena cannot grow.
Frame* push_frame(ThreadCtx& t, ExecCode* ec, PyObject* func, PyObject* locals);
// Releases every reference the frame holds (locals, the stack up to f->sp,
// function, code, namespace). If a host frame object for it is still
// referenced elsewhere (a traceback, sys._getframe()), that object takes the
// frame's data over, as CPython does. Does not free the memory. Idempotent.
void clear_frame(Frame* f);
// clear_frame() + returns the memory to the arena (thread frames only).
void pop_frame(ThreadCtx& t, Frame* f);

}  // namespace xp::vm
