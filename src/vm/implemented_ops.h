// Which canonical ops the eval loop implements (a program using any other
// op is refused before it runs, with exit status 3).
#pragma once

#include "bytecode/op.h"

namespace xp::vm {

bool op_implemented(Op op);

}  // namespace xp::vm
