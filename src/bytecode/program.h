// Program: a decoded, verified code object, ready for the VM and the tools.
//
// One Instr per real instruction (EXTENDED_ARG folded, 3.11+ caches
// skipped). The VM reads only `instrs`; everything needed to show an
// instruction as it was written (offset, opcode byte, raw argument, line)
// sits in parallel side arrays so the hot array stays small.
#pragma once

#include "bytecode/op.h"
#include "bytecode/version_table.h"
#include "pyc/code.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xp {

struct Instr {
  Op op;             // canonical op
  uint8_t opcode;    // the raw opcode byte of this version
  uint8_t flags;     // InstrFlags
  uint32_t arg;      // normalised argument (jump target = instruction index)
};
static_assert(sizeof(Instr) == 8, "Instr must stay 8 bytes (hot loop)");

enum InstrFlags : uint8_t {
  kInstrLineStart = 1,    // first instruction of a new line (as dis shows it)
  kInstrJumpTarget = 2,   // some jump lands here
  kInstrBackward = 4,     // a jump whose target is at or before this instruction
};

// Where an instruction came from.
struct InstrInfo {
  uint32_t offset;        // byte offset of the opcode itself in co_code
  uint32_t start_offset;  // byte offset of its first EXTENDED_ARG prefix (= offset if none)
  uint32_t raw_arg;       // argument as encoded (EXTENDED_ARG folded, before resolution)
  int32_t line;           // source line, -1 if none
  uint32_t jump_offset;   // jump opcodes: the byte offset the encoding names (as dis shows it), else kNoJump
  static constexpr uint32_t kNoJump = 0xFFFFFFFFu;
};

// 3.11+ source positions of an instruction (location table), -1 = unknown.
struct Position {
  int32_t line = -1, end_line = -1, col = -1, end_col = -1;
};

// One 3.11+ exception-table entry, in instruction indices.
struct ExceptionEntry {
  uint32_t start;         // first covered instruction
  uint32_t end;           // one past the last covered instruction
  uint32_t target;        // handler instruction
  uint32_t depth;         // value-stack depth to unwind to
  bool lasti;             // push the offset of the raising instruction first
  // As stored (byte offsets), for the disassembler.
  uint32_t start_offset, end_offset, target_offset;
};

struct Program {
  std::shared_ptr<const Code> code;
  const VersionTable* table = nullptr;

  std::vector<Instr> instrs;
  std::vector<InstrInfo> info;            // parallel to instrs
  std::vector<Position> positions;        // parallel to instrs (3.11+), else empty
  std::vector<ExceptionEntry> exception_table;  // 3.11+, sorted by start

  // Maps a byte offset in co_code to the index of the instruction that
  // covers it (EXTENDED_ARG prefixes and cache units map to their
  // instruction); -1 past the end.
  int32_t index_of_offset(uint32_t offset) const;
  // The innermost exception-table entry covering instruction `index`, or nullptr.
  const ExceptionEntry* handler_for(uint32_t index) const;

  PyVersion version() const { return code->version; }
  size_t size() const { return instrs.size(); }
  // Name as this version spells the instruction's opcode.
  const char* opname(size_t i) const;

  // byte offset -> instruction index, for index_of_offset (one per byte).
  std::vector<int32_t> offset_to_index;

  // Filled in by the verifier: the largest value-stack depth any path
  // reaches (<= code->stacksize).
  uint32_t max_stack_depth = 0;
};

// An opcode's canonical op and argument after the row's argument
// normalisation (facts/canonical-map.tsv NORM). Jump-related normalisation
// (JumpDir, SkipAfter) needs the resolved target and is done by decode().
struct NormalisedArg {
  Op op;
  uint32_t arg;
};
// Returns false (and why) when the raw argument selects no op (a BINARY_OP
// or intrinsic number out of range, a <= 3.8 COMPARE_OP above 10).
// `nvarnames` is len(co_varnames), for <= 3.10 cell indices.
bool normalise_arg(const OpcodeRow& row, uint32_t raw_arg, uint32_t nvarnames, NormalisedArg* out,
                   std::string* why);

struct DecodeOptions {
  bool verify = true;     // run the verifier (bytecode/verifier.h)
};

// Decodes (and by default verifies) one code object, not its children.
// Throws VerifyError naming file, code object, version, offset and reason.
std::unique_ptr<Program> decode(std::shared_ptr<const Code> code, const DecodeOptions& opts = {});

// "file.py: code object 'f' (3.11): offset 12: reason" -- the one-line form
// every decode/verify error uses.
std::string describe_location(const Code& code, int64_t offset);

}  // namespace xp
