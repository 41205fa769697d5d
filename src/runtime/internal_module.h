// The `_xpython` module: the VM entry points the host-side helpers (import
// hook, runner) call. Registered in sys.modules by init.
#pragma once

#include "core/python.h"

namespace xp::rt {

// Creates `_xpython` and stores it in sys.modules. New reference.
PyObject* make_internal_module();

}  // namespace xp::rt
