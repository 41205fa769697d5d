// Host frame objects standing for interpreted frames (tracebacks, and later
// sys._getframe). The only file that touches CPython 3.11's private frame
// layout; see host_frame.cpp.
#pragma once

#include "core/python.h"

namespace xp::rt {

// A new host frame object for shell code `code` (new reference).
PyObject* new_host_frame(PyThreadState* tstate, PyObject* code, PyObject* globals, PyObject* locals);
// Positions the frame at the instruction at byte offset `offset` (its
// f_lasti and f_lineno then follow the code's tables).
void set_host_frame_offset(PyObject* frame, uint32_t offset);

}  // namespace xp::rt
