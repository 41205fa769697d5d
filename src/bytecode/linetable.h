// Line tables of every era: co_lnotab (<= 3.9), the 3.10 co_linetable and
// the 3.11+ location table, decoded into per-byte-offset facts.
#pragma once

#include "bytecode/program.h"

#include <cstdint>
#include <string>
#include <vector>

namespace xp {

// One address range with its location, in the order the table stores them
// (this is what code.co_lines()/co_positions() iterate).
struct LineRange {
  uint32_t start;   // byte offset
  uint32_t end;     // byte offset, exclusive
  Position pos;     // line -1 = no line; columns -1 before 3.11
};

// Decodes the code object's line table. Throws VerifyError on a malformed
// table (ranges past the end of the code are clipped, as CPython does).
std::vector<LineRange> decode_line_ranges(const Code& code);

// dis.findlinestarts() of the code's version: (byte offset, line) pairs.
std::vector<std::pair<uint32_t, int32_t>> find_line_starts(const Code& code,
                                                           const std::vector<LineRange>& ranges);

}  // namespace xp
