// The instruction tracer behind -v / -vv.
#pragma once

#include "vm/frame.h"

namespace xp::tools {

struct TraceOptions {
  int level = 0;   // 0 off, 1 instructions (-v), 2 plus value stack (-vv)
};

void set_trace_options(const TraceOptions& opts);
// True when the eval loop must call trace_instruction() before every instruction.
bool tracing_enabled();

// An instruction budget (the executor fuzzer's; `_xpython.exec_pyc(path,
// globals, budget)`): while one is set, eval() activations that start then
// use the tracing dispatch table and every instruction is charged; once it
// is spent, each frame that tries to run another instruction ends at once
// with RuntimeError, skipping its exception handlers (so no handler loop
// can outlive the budget). 0 removes the budget.
void set_instruction_budget(long long instructions);
// Charges one instruction; false when the budget is spent (no budget: true).
bool charge_instruction();

// Called before `instr` executes in frame `f` with the value stack ending
// at `sp` (f->ip/f->sp are not up to date).
void trace_instruction(vm::Frame* f, const Instr* instr, PyObject** sp);
// A frame starts (-vv shows it) / ends.
void trace_frame_start(vm::Frame* f);
void trace_frame_end(vm::Frame* f, PyObject** sp);

}  // namespace xp::tools
