// VM frames and the per-thread state that holds them.
//
// A frame is one activation of a code object: its fused locals array
// (locals, cells, free variables) followed by the value stack, in one block.
// Frames of ordinary calls live in a per-thread LIFO arena (no malloc per
// call); a generator's frame is moved to the heap and owned by the generator.
#pragma once

#include "core/python.h"
#include "vm/exec_code.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace xp::vm {

enum class FrameState : uint8_t {
  Created,     // set up, not started
  Running,
  Suspended,   // a generator frame stopped at YIELD_VALUE
  Completed,   // returned or raised; locals cleared
};

enum class FrameOwner : uint8_t { Thread, Generator };

struct Frame {
  ExecCode* ec;              // borrowed; kept alive by `code`
  PyObject* code;            // strong: the shell code object
  PyObject* func;            // strong, or nullptr (module / class-body exec frames)
  PyObject* globals;         // strong
  PyObject* builtins;        // strong
  PyObject* locals;          // strong, or nullptr (optimised function frames)
  Frame* back;               // the frame that was running when this one started
  const Instr* ip;           // next instruction (saved while not running)
  PyObject** sp;             // stack pointer (saved while not running)
  PyObject* host_frame;      // strong, lazily made PyFrameObject (tracebacks)
  PyObject* kwnames;         // borrowed: pending KW_NAMES tuple for the next CALL
  PyObject* gen;             // borrowed: owning generator object, if any
  PyObject* locals_dict;     // strong: dict returned by locals() in an optimised frame
  FrameOwner owner;
  FrameState state;
  bool is_entry;             // returning from this frame returns from eval()
  PyObject* localsplus[];    // ec->nlocalsplus slots, then ec->stacksize stack slots

  PyObject** stack_base() { return localsplus + ec->nlocalsplus; }
  uint32_t instr_index() const { return static_cast<uint32_t>(ip - ec->instrs); }
  static size_t bytes_for(const ExecCode* ec) {
    return sizeof(Frame) + sizeof(PyObject*) * static_cast<size_t>(ec->framesize);
  }
};

// LIFO allocator for thread frames, in chunks.
class FrameArena {
 public:
  FrameArena() = default;
  FrameArena(const FrameArena&) = delete;
  FrameArena& operator=(const FrameArena&) = delete;
  ~FrameArena();
  void* alloc(size_t bytes);
  void free(void* p);   // must be the most recent live allocation

 private:
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
  int32_t breaker_countdown = 0;   // instructions until the next interrupt check
};

// This thread's VM state (created on first use).
ThreadCtx& thread_ctx();

// Creates a thread frame for `ec` with all locals empty and the stack
// empty. Takes new references to code/func/globals/builtins/locals. Returns
// nullptr with MemoryError set if the arena cannot grow.
Frame* push_frame(ThreadCtx& t, ExecCode* ec, PyObject* func, PyObject* globals,
                  PyObject* builtins, PyObject* locals);
// Drops every reference the frame holds (locals, stack up to f->sp, and its
// own fields). Does not free the memory.
void clear_frame(Frame* f);
// clear_frame() + returns the memory to the arena (thread frames only).
void pop_frame(ThreadCtx& t, Frame* f);
// Moves a thread frame to a heap block (for a generator); the thread frame's
// memory is released without touching references (they move).
Frame* move_frame_to_heap(ThreadCtx& t, Frame* f);
void free_heap_frame(Frame* f);   // clear_frame() + delete

}  // namespace xp::vm
