// Traceback entries for interpreted frames.
//
// Each interpreted frame an exception passes through gets a real traceback
// entry, as in CPython: the frame's host frame object (the VM frame is a host
// interpreter frame, see vm/frame.h) at the raising instruction, so the
// host's traceback printers, `traceback`, unittest and pdb see the
// interpreted file, function, line, carets, locals and f_back chain.
#pragma once

#include "vm/frame.h"

namespace xp::rt {

// Adds an entry for frame `f` (whose prev_instr points at the raising
// instruction) to the traceback of the exception currently set
// (PyTraceBack_Here). Returns -1 if that fails (the exception is kept).
int add_traceback_entry(vm::Frame* f);

}  // namespace xp::rt
