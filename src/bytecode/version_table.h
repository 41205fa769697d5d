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

// Marks an opcode without a canonical op: only specialised/instrumented
// forms (pyc_ok == 0), which the decoder rejects.
inline constexpr Op kNoCanonicalOp = Op::COUNT_;

// How the decoder turns an opcode's raw argument into the canonical op's
// argument (facts/canonical-map.tsv NORM column; see decoder.cpp normalise()).
enum class Norm : uint8_t {
  None,
  SetArg,         // argument := norm_param
  Cell,           // <= 3.10 cell/free index: += len(co_varnames)
  JumpDir,        // backward target: JUMP_BACKWARD instead of the row's op
  NullBit,        // low bit set: alt[0]; argument >>= 1
  Bits2,          // arg & 3 in 1..3: alt[0..2]; argument >>= 2
  BinaryOp,       // 3.11+ BINARY_OP: argument 0..norm_param selects the op
  CompareLegacy,  // <= 3.8 COMPARE_OP: 6-9 in/is ops, 10 alt[0] (exception match)
  CompareShift,   // argument >>= norm_param
  CompareBool,    // 3.13+: bit 16: COMPARE_OP_BOOL; argument >>= 5
  SkipAfter,      // jump target moves norm_param code units on (past END_FOR)
  Intrinsic1,     // 3.12+ CALL_INTRINSIC_1: argument selects the op
  Intrinsic2,     // 3.12+ CALL_INTRINSIC_2
};

struct OpcodeRow {
  uint8_t opcode;
  const char* name;
  uint8_t has_arg;
  uint16_t operand_kinds;   // OperandKind bits
  uint8_t cache_entries;    // 3.11+ inline cache units after the instruction
  uint8_t pyc_ok;           // 0: specialised/instrumented, never in a .pyc
  Op op;                    // canonical op (kNoCanonicalOp only for pyc_ok == 0 rows)
  Norm norm;                // argument normalisation
  uint8_t norm_param;
  uint8_t backward;         // relative jump counted backwards (3.11+ JUMP_BACKWARD*, 3.14 END_ASYNC_FOR)
  Op alt[3];                // alternative ops selected by the argument (NullBit, Bits2, CompareLegacy)
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
