// The verifier: after it accepts a Program, the VM may rely on it (no
// bounds checks in the loop).
//
// Checks: jump targets on instruction boundaries (done while decoding),
// const/name/local/cell/free indices in range, compare/format/unpack/...
// arguments valid, the value-stack depth along every path never negative
// nor above co_stacksize, no path runs off the end of the code, 3.11+
// exception-table depths within the stack.
#pragma once

#include "bytecode/program.h"

namespace xp {

// Throws VerifyError ("file: code object 'f' (3.11): offset N: reason").
void verify(const Program& prog);

}  // namespace xp
