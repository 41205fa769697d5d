// __build_class__ for classes whose bodies are interpreted functions.
#pragma once

#include "core/python.h"

namespace xp::rt {

void init_build_class();
// The VM's __build_class__ builtin (borrowed).
PyObject* build_class_function();

}  // namespace xp::rt
