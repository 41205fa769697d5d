// Traceback entries for interpreted frames.
//
// Each interpreted frame an exception passes through gets a real traceback
// entry, as in CPython: a host frame object (one per activation, made on
// first need) for the frame's shell code object, positioned at the raising
// instruction, so that the host's traceback printers, `traceback`, and
// unittest show the interpreted file, function, line and carets.
#pragma once

#include "vm/frame.h"

namespace xp::rt {

// Adds an entry for frame `f` at instruction `index` to the traceback of the
// exception currently set (PyTraceBack_Here semantics). Returns -1 if that
// fails (the original exception is kept).
int add_traceback_entry(vm::ThreadCtx& t, vm::Frame* f, uint32_t index);

// The host frame object standing for `f` (made on first use), positioned at
// instruction `index`. Borrowed reference, or nullptr with an error set.
PyObject* host_frame_for(vm::ThreadCtx& t, vm::Frame* f, uint32_t index);

}  // namespace xp::rt
