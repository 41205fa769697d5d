// 3.11+ exception tables (co_exceptiontable).
#pragma once

#include "bytecode/program.h"

#include <vector>

namespace xp {

// Decodes the code's exception table into instruction indices. Throws
// VerifyError if an entry is truncated, unordered, or does not start, end
// and land on instruction boundaries.
std::vector<ExceptionEntry> decode_exception_table(const Program& prog);

}  // namespace xp
