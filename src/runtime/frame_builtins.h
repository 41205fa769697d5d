// Builtins that look at the calling frame (locals, globals, vars, dir, eval,
// exec, super(), __build_class__) made to see interpreted frames.
//
// The VM substitutes the host's function objects by VM-aware ones when a
// name lookup (LOAD_GLOBAL / LOAD_NAME / LOAD_BUILD_CLASS) finds them in the
// builtins, so calls cost nothing extra. Zero-argument super() is handled at
// call time (super is a type and must stay one).
#pragma once

#include "vm/frame.h"

namespace xp::rt {

void init_frame_builtins();

// If `value` (found in a builtins mapping) is a frame-sensitive builtin,
// returns its VM-aware replacement (borrowed); else returns `value`.
PyObject* substitute_builtin(PyObject* value);

// super() with no arguments in the running interpreted frame.
PyObject* super_without_args(vm::ThreadCtx& t);

// locals() of an interpreted frame: the namespace of module/class frames,
// a dict snapshot (kept on the frame) for function frames. New reference.
PyObject* frame_locals(vm::Frame* f);

}  // namespace xp::rt
