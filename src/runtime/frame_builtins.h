// Builtins that must run code in the VM: eval(), exec() and __build_class__.
//
// The VM substitutes the host's function objects by these when a name
// lookup (LOAD_GLOBAL / LOAD_NAME / LOAD_BUILD_CLASS) finds them in the
// builtins, so calls cost nothing extra. Builtins that only look at the
// calling frame (locals, globals, vars, dir, super()) need no replacement:
// VM frames are host interpreter frames (vm/frame.h).
#pragma once

#include "core/python.h"

namespace xp::rt {

void init_frame_builtins();

// If `value` (found in a builtins mapping) is one of the replaced builtins,
// returns its VM version (borrowed); else returns `value`.
PyObject* substitute_builtin(PyObject* value);

}  // namespace xp::rt
