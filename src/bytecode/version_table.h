// Per-version opcode tables, generated from facts/opcodes-*.tsv.
//
// A byte with no row in a version's table is not an opcode of that version;
// bytecode using it is invalid for that version.
#pragma once

#include "bytecode/op.h"
#include "core/version.h"

#include <cstdint>
#include <vector>

namespace xp {

// Operand kinds (bit positions follow scripts/gen_tables.py KINDS).
enum OperandKind : uint16_t {
  kOperandConst = 1 << 0,
  kOperandName = 1 << 1,
  kOperandJrel = 1 << 2,
  kOperandJabs = 1 << 3,
  kOperandLocal = 1 << 4,
  kOperandFree = 1 << 5,
  kOperandCompare = 1 << 6,
  kOperandNargs = 1 << 7,
  kOperandVargs = 1 << 8,
  kOperandExc = 1 << 9,
};

// Marks an opcode that no canonical op has been assigned to yet (a version
// whose execution is not written yet); such a program can be decoded and
// shown but not run.
inline constexpr Op kNoCanonicalOp = Op::COUNT_;

struct OpcodeRow {
  uint8_t opcode;
  const char* name;
  uint8_t has_arg;
  uint16_t operand_kinds;   // OperandKind bits
  uint8_t cache_entries;    // 3.11+ inline cache units after the instruction
  uint8_t pyc_ok;           // 0: specialised/instrumented, never in a .pyc
  Op op;                    // canonical op (kNoCanonicalOp if none yet)
};

struct VersionTable {
  PyVersion version;
  int have_argument = 90;
  const char* source = "";            // provenance line of the facts file
  const OpcodeRow* rows[256] = {};    // nullptr: not an opcode of this version
  int extended_arg = -1;              // opcode of EXTENDED_ARG (-1 if none)
  int cache = -1;                     // opcode of CACHE (3.11+)

  const OpcodeRow* row(uint8_t opcode) const { return rows[opcode]; }
  // Finds an opcode by name; -1 if this version has none.
  int opcode_of(const char* name) const;
};

// The table for a version; nullptr if xpython has none.
const VersionTable* version_table(PyVersion v);
// Every table (for tests and tools).
std::vector<const VersionTable*> all_version_tables();

}  // namespace xp
