// Host code objects (from the host's compile()) -> xpython Code.
#pragma once

#include "pyc/code.h"

#include <memory>

namespace xp::rt {

// Converts a host 3.11 code object (and its nested code objects) into Code.
// Throws InputError if `code` is not a code object.
std::shared_ptr<Code> code_from_host(PyObject* code);

}  // namespace xp::rt
