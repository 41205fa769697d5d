// Host frame objects for VM frames (vm::HostFrame is a host interpreter
// frame). The only code that touches CPython 3.11's private frame layout;
// see host_frame.cpp.
#pragma once

#include "vm/frame.h"

namespace xp::rt {

// The host frame object (PyFrameObject) for an interpreter frame -- ours or
// the host's -- made on first use. Borrowed, or nullptr with an error set.
PyObject* host_frame_object(vm::HostFrame* frame);
// At the end of a frame: if its frame object is referenced elsewhere, the
// object takes the frame's data and references over (CPython's
// take_ownership) and this returns true; else the object is released.
// `frame->stacktop` must count the live entries.
bool release_host_frame_object(vm::HostFrame* frame);
// The interpreter frame a host frame object (PyFrameObject) shows.
vm::HostFrame* frame_object_data(PyObject* frame_obj);
// The frame data moved to `frame` (a generator's gi_iframe): its frame
// object, if any, points there now.
void host_frame_moved(vm::HostFrame* frame);

}  // namespace xp::rt
