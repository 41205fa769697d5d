// Namespaces code runs in.
#pragma once

#include "core/python.h"

namespace xp::rt {

// As the host's exec()/eval(): a globals dict without __builtins__ gets the
// current builtins (host C code such as PyImport_Import looks them up
// there). 0, or -1 with an error set.
int ensure_builtins(PyObject* globals);

}  // namespace xp::rt
