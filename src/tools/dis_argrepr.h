// dis's "argrepr": the resolved form of an instruction's argument, as the
// version's Lib/dis.py computes it (constant repr, name, "to N", compare
// operator, BINARY_OP symbol, ...). Indices out of range (only possible
// with --no-verify) give "" instead of dis's IndexError.
#pragma once

#include "bytecode/version_table.h"
#include "pyc/code.h"
#include "tools/disassembler.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace xp::tools {

struct ArgReprContext {
  const Code& code;
  const std::vector<DisConst>& consts;
  const std::map<uint32_t, int>& label_of;   // 3.13+ labels by offset
};

std::string argrepr(const ArgReprContext& ctx, const OpcodeRow& row, const DisLine& line);

}  // namespace xp::tools
