// Raw bytecode -> Program, for every bytecode era:
//   <= 3.5   1-byte instructions, 3 bytes with an argument, EXTENDED_ARG = high 16 bits
//   3.6+     2-byte wordcode, EXTENDED_ARG = next 8 bits
//   3.10+    jump arguments count 2-byte code units
//   3.11+    inline cache units follow some instructions; relative jumps
//            forward or backward (the opcode says which)
#include "bytecode/exception_table.h"
#include "bytecode/linetable.h"
#include "bytecode/program.h"
#include "bytecode/verifier.h"
#include "core/error.h"

#include <cstring>

namespace xp {

namespace {

[[noreturn]] void fail(const Code& code, int64_t offset, const std::string& why) {
  throw VerifyError(describe_location(code, offset) + ": " + why);
}

// Version-specific argument normalisation: the few opcodes whose canonical
// op depends on their argument. Keeps `Instr.arg` meaning one thing per op.
void normalise(const Code& code, const OpcodeRow& row, Instr& in, uint32_t offset) {
  if (!code.version.at_least(3, 11)) return;
  if (std::strcmp(row.name, "BINARY_OP") == 0) {
    // 3.11+ BINARY_OP arg is the NB_* index; canonical ops keep that order.
    constexpr uint32_t kNbCount = 26;
    if (in.arg >= kNbCount) fail(code, offset, "BINARY_OP argument " + std::to_string(in.arg) + " is not an operator");
    in.op = static_cast<Op>(static_cast<uint16_t>(Op::BINARY_ADD) + in.arg);
    in.arg = 0;
  } else if (std::strcmp(row.name, "LOAD_GLOBAL") == 0 && in.op == Op::LOAD_GLOBAL) {
    if (in.arg & 1) in.op = Op::LOAD_GLOBAL_PUSH_NULL;
    in.arg >>= 1;
  }
}

}  // namespace

std::string describe_location(const Code& code, int64_t offset) {
  std::string s = code.filename_utf8() + ": code object '" + code.qualname_utf8() + "' (" +
                  code.version.str() + ")";
  if (offset >= 0) s += ": offset " + std::to_string(offset);
  return s;
}

std::unique_ptr<Program> decode(std::shared_ptr<const Code> code_ptr, const DecodeOptions& opts) {
  const Code& code = *code_ptr;
  const VersionTable* table = version_table(code.version);
  if (table == nullptr)
    throw UnsupportedError(describe_location(code, -1) + ": no opcode table for Python " + code.version.str());

  auto prog = std::make_unique<Program>();
  prog->code = code_ptr;
  prog->table = table;

  const auto* b = reinterpret_cast<const uint8_t*>(code.code.data());
  const size_t n = code.code.size();
  const bool wordcode = code.version.wordcode();
  if (n == 0) fail(code, -1, "empty co_code");
  if (wordcode && n % 2) fail(code, -1, "co_code has odd length " + std::to_string(n));
  if (n > (1u << 30)) fail(code, -1, "co_code too large");

  prog->offset_to_index.assign(n, -1);
  std::vector<uint32_t> end_offset;  // per instruction: offset after it (and its caches)
  uint64_t ext = 0;
  int64_t ext_start = -1;
  size_t i = 0;
  while (i < n) {
    const uint8_t opcode = b[i];
    const OpcodeRow* row = table->row(opcode);
    if (row == nullptr)
      fail(code, static_cast<int64_t>(i), "opcode " + std::to_string(opcode) + " is not an opcode of Python " +
                                              code.version.str());
    size_t size;
    uint32_t arg = 0;
    if (wordcode) {
      size = 2;
      arg = b[i + 1];
    } else if (opcode >= table->have_argument) {
      if (i + 3 > n) fail(code, static_cast<int64_t>(i), "instruction runs past the end of co_code");
      size = 3;
      arg = b[i + 1] | (static_cast<uint32_t>(b[i + 2]) << 8);
    } else {
      size = 1;
    }
    const auto index = static_cast<int32_t>(prog->instrs.size());
    if (static_cast<int>(opcode) == table->extended_arg) {
      if (ext_start < 0) ext_start = static_cast<int64_t>(i);
      ext = wordcode ? (ext | arg) << 8 : (ext | arg) << 16;
      if (ext > 0xFFFFFFFFull) fail(code, static_cast<int64_t>(i), "EXTENDED_ARG makes the argument wider than 32 bits");
      for (size_t k = i; k < i + size; ++k) prog->offset_to_index[k] = index;
      i += size;
      if (i >= n) fail(code, static_cast<int64_t>(i - size), "EXTENDED_ARG at the end of co_code");
      continue;
    }
    if (!row->pyc_ok)
      fail(code, static_cast<int64_t>(i), std::string(row->name) + " is a specialised/instrumented opcode that a .pyc never contains");
    const uint32_t full_arg = static_cast<uint32_t>(ext | arg);
    if (row->cache_entries) {
      size += 2u * row->cache_entries;
      if (i + size > n) fail(code, static_cast<int64_t>(i), std::string(row->name) + "'s inline cache runs past the end of co_code");
    }
    for (size_t k = i; k < i + size; ++k) prog->offset_to_index[k] = index;

    Instr in{};
    in.op = row->op;
    in.opcode = opcode;
    in.flags = 0;
    in.arg = row->has_arg ? full_arg : 0;
    InstrInfo inf{};
    inf.offset = static_cast<uint32_t>(i);
    inf.start_offset = static_cast<uint32_t>(ext_start >= 0 ? ext_start : static_cast<int64_t>(i));
    inf.raw_arg = row->has_arg ? full_arg : arg;
    inf.line = -1;
    if (in.op != kNoCanonicalOp) normalise(code, *row, in, inf.offset);
    prog->instrs.push_back(in);
    prog->info.push_back(inf);
    end_offset.push_back(static_cast<uint32_t>(i + size));
    ext = 0;
    ext_start = -1;
    i += size;
  }

  // Resolve jump targets to instruction indices.
  const uint32_t unit = code.version.jumps_in_units() ? 2 : 1;
  for (size_t k = 0; k < prog->instrs.size(); ++k) {
    Instr& in = prog->instrs[k];
    const OpcodeRow* row = table->row(in.opcode);
    if (!(row->operand_kinds & (kOperandJrel | kOperandJabs))) continue;
    const uint64_t delta = static_cast<uint64_t>(prog->info[k].raw_arg) * unit;
    int64_t target;
    if (row->operand_kinds & kOperandJabs) {
      target = static_cast<int64_t>(delta);
    } else if (code.version.at_least(3, 11) && std::strstr(row->name, "BACKWARD") != nullptr) {
      target = static_cast<int64_t>(end_offset[k]) - static_cast<int64_t>(delta);
    } else {
      target = static_cast<int64_t>(end_offset[k]) + static_cast<int64_t>(delta);
    }
    if (target < 0 || target >= static_cast<int64_t>(n))
      fail(code, prog->info[k].offset, std::string(row->name) + " jumps to " + std::to_string(target) + ", outside the code");
    const int32_t ti = prog->offset_to_index[static_cast<size_t>(target)];
    if (ti < 0 || prog->info[static_cast<size_t>(ti)].start_offset != static_cast<uint32_t>(target))
      fail(code, prog->info[k].offset, std::string(row->name) + " jumps to " + std::to_string(target) +
                                            ", which is not the start of an instruction");
    in.arg = static_cast<uint32_t>(ti);
    prog->instrs[static_cast<size_t>(ti)].flags |= kInstrJumpTarget;
    if (static_cast<size_t>(ti) <= k) in.flags |= kInstrBackward;
  }

  // Lines (and 3.11+ positions).
  const std::vector<LineRange> ranges = decode_line_ranges(code);
  const bool with_positions = code.version.at_least(3, 11);
  if (with_positions) prog->positions.assign(prog->instrs.size(), Position{});
  for (const LineRange& r : ranges) {
    for (uint32_t off = r.start; off < r.end; ++off) {
      const int32_t k = prog->offset_to_index[off];
      if (k < 0 || prog->info[static_cast<size_t>(k)].offset != off) continue;
      prog->info[static_cast<size_t>(k)].line = r.pos.line;
      if (with_positions) prog->positions[static_cast<size_t>(k)] = r.pos;
    }
  }
  for (const auto& [addr, line] : find_line_starts(code, ranges)) {
    if (addr >= n) continue;
    const int32_t k = prog->offset_to_index[addr];
    if (k >= 0) prog->instrs[static_cast<size_t>(k)].flags |= kInstrLineStart;
  }

  if (code.version.at_least(3, 11)) prog->exception_table = decode_exception_table(*prog);

  if (opts.verify) verify(*prog);
  return prog;
}

int32_t Program::index_of_offset(uint32_t offset) const {
  return offset < offset_to_index.size() ? offset_to_index[offset] : -1;
}

const ExceptionEntry* Program::handler_for(uint32_t index) const {
  // Entries are sorted and do not overlap (CPython flattens nesting).
  size_t lo = 0, hi = exception_table.size();
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (exception_table[mid].end <= index)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < exception_table.size() && exception_table[lo].start <= index && index < exception_table[lo].end)
    return &exception_table[lo];
  return nullptr;
}

const char* Program::opname(size_t i) const {
  const OpcodeRow* row = table->row(instrs[i].opcode);
  return row ? row->name : "<invalid>";
}

}  // namespace xp
