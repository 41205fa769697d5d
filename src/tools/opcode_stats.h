// Opcode statistics: how many times each opcode (by its name in the running
// version) was executed. Enabled by XPYTHON_OPCODE_STATS=FILE; the counts are
// added to FILE ("NAME COUNT" lines) at exit. Uses the tracing dispatch
// table, so it costs nothing when off.
#pragma once

#include "vm/frame.h"

namespace xp::tools {

// Reads XPYTHON_OPCODE_STATS; true if statistics are on.
bool init_opcode_stats();
bool opcode_stats_enabled();
void count_instruction(vm::Frame* f, const Instr* instr);
// Merges this run's counts into the file (called once at exit).
void write_opcode_stats();

}  // namespace xp::tools
