// Raw bytecode -> Program, for every bytecode era:
//   <= 3.5   1-byte instructions, 3 bytes with an argument, EXTENDED_ARG = high 16 bits
//   3.6+     2-byte wordcode, EXTENDED_ARG = next 8 bits
//   3.10+    jump arguments count 2-byte code units
//   3.11+    inline cache units follow some instructions; relative jumps
//            forward or backward (the opcode says which)
// Version differences in argument meaning are data (OpcodeRow::norm, from
// facts/canonical-map.tsv); this file has no version checks beyond the
// encoding eras above.
#include "bytecode/exception_table.h"
#include "bytecode/linetable.h"
#include "bytecode/program.h"
#include "bytecode/verifier.h"
#include "core/error.h"

namespace xp {

namespace {

[[noreturn]] void fail(const Code& code, int64_t offset, const std::string& why) {
  throw VerifyError(describe_location(code, offset) + ": " + why);
}

// 3.11+ BINARY_OP arguments (NB_* numbering); 26 (3.14) is NB_SUBSCR.
Op binary_op_for(uint32_t nb) {
  if (nb <= 25) return static_cast<Op>(static_cast<uint16_t>(Op::BINARY_ADD) + nb);
  return Op::BINARY_SUBSCR;
}

// 3.12+ intrinsic function numbers (pycore_intrinsics.h); 0 is invalid.
constexpr Op kIntrinsic1[] = {
    kNoCanonicalOp,          Op::INTRINSIC_PRINT,    Op::INTRINSIC_IMPORT_STAR,
    Op::INTRINSIC_STOPITERATION_ERROR, Op::ASYNC_GEN_WRAP, Op::UNARY_POSITIVE,
    Op::LIST_TO_TUPLE,       Op::INTRINSIC_TYPEVAR,  Op::INTRINSIC_PARAMSPEC,
    Op::INTRINSIC_TYPEVARTUPLE, Op::INTRINSIC_SUBSCRIPT_GENERIC, Op::INTRINSIC_TYPEALIAS,
};
constexpr Op kIntrinsic2[] = {
    kNoCanonicalOp, Op::PREP_RERAISE_STAR, Op::INTRINSIC_TYPEVAR_WITH_BOUND,
    Op::INTRINSIC_TYPEVAR_WITH_CONSTRAINTS, Op::INTRINSIC_SET_FUNCTION_TYPE_PARAMS,
    Op::INTRINSIC_SET_TYPEPARAM_DEFAULT,
};

bool select(const Op* table, size_t size, uint32_t index, uint32_t max, const char* what, NormalisedArg* out,
            std::string* why) {
  if (index == 0 || index > max || index >= size) {
    *why = std::string(what) + " " + std::to_string(index) + " is not a known intrinsic function";
    return false;
  }
  out->op = table[index];
  out->arg = 0;
  return true;
}

}  // namespace

bool normalise_arg(const OpcodeRow& row, uint32_t raw, uint32_t nvarnames, NormalisedArg* out, std::string* why) {
  out->op = row.op;
  out->arg = row.has_arg ? raw : 0;
  switch (row.norm) {
    case Norm::None:
    case Norm::JumpDir:     // needs the target: decode()
    case Norm::SkipAfter:   // needs the target: decode()
      return true;
    case Norm::SetArg:
      out->arg = row.norm_param;
      return true;
    case Norm::Cell: {
      const uint64_t a = uint64_t{raw} + nvarnames;
      if (a > 0xFFFFFFFFull) {
        *why = "cell index " + std::to_string(raw) + " out of range";
        return false;
      }
      out->arg = static_cast<uint32_t>(a);
      return true;
    }
    case Norm::NullBit:
      if (raw & 1) out->op = row.alt[0];
      out->arg = raw >> 1;
      return true;
    case Norm::Bits2:
      if (raw & 3) out->op = row.alt[(raw & 3) - 1];
      out->arg = raw >> 2;
      return true;
    case Norm::BinaryOp:
      if (raw > row.norm_param) {
        *why = "BINARY_OP argument " + std::to_string(raw) + " is not an operator";
        return false;
      }
      out->op = binary_op_for(raw);
      out->arg = 0;
      return true;
    case Norm::CompareLegacy:
      if (raw <= 5) return true;
      out->arg = raw & 1;   // 6 in / 7 not in, 8 is / 9 is not
      if (raw <= 7) {
        out->op = Op::CONTAINS_OP;
      } else if (raw <= 9) {
        out->op = Op::IS_OP;
      } else if (raw == 10) {
        out->op = row.alt[0];
        out->arg = 0;
      } else {
        *why = "COMPARE_OP argument " + std::to_string(raw) + " is not a comparison";
        return false;
      }
      return true;
    case Norm::CompareShift:
      out->arg = raw >> row.norm_param;
      return true;
    case Norm::CompareBool:
      if (raw & 16) out->op = Op::COMPARE_OP_BOOL;
      out->arg = raw >> 5;
      return true;
    case Norm::Intrinsic1:
      return select(kIntrinsic1, std::size(kIntrinsic1), raw, row.norm_param, "CALL_INTRINSIC_1", out, why);
    case Norm::Intrinsic2:
      return select(kIntrinsic2, std::size(kIntrinsic2), raw, row.norm_param, "CALL_INTRINSIC_2", out, why);
  }
  *why = "unknown argument normalisation";
  return false;
}

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
  const auto nvarnames = static_cast<uint32_t>(code.varnames.size());

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
    if (ext && !row->has_arg)
      fail(code, static_cast<int64_t>(i), "EXTENDED_ARG before " + std::string(row->name) + ", which takes no argument");
    const uint32_t full_arg = static_cast<uint32_t>(ext | arg);
    if (row->cache_entries) {
      size += 2u * row->cache_entries;
      if (i + size > n) fail(code, static_cast<int64_t>(i), std::string(row->name) + "'s inline cache runs past the end of co_code");
    }
    for (size_t k = i; k < i + size; ++k) prog->offset_to_index[k] = index;

    NormalisedArg na{};
    std::string why;
    if (!normalise_arg(*row, row->has_arg ? full_arg : 0, nvarnames, &na, &why))
      fail(code, static_cast<int64_t>(i), why);
    Instr in{};
    in.op = na.op;
    in.opcode = opcode;
    in.flags = 0;
    in.arg = na.arg;
    InstrInfo inf{};
    inf.offset = static_cast<uint32_t>(i);
    inf.start_offset = static_cast<uint32_t>(ext_start >= 0 ? ext_start : static_cast<int64_t>(i));
    inf.raw_arg = row->has_arg ? full_arg : arg;
    inf.line = -1;
    inf.jump_offset = InstrInfo::kNoJump;
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
    } else if (row->backward) {
      target = static_cast<int64_t>(end_offset[k]) - static_cast<int64_t>(delta);
    } else {
      target = static_cast<int64_t>(end_offset[k]) + static_cast<int64_t>(delta);
    }
    auto resolve = [&](int64_t t, const char* what) -> uint32_t {
      if (t < 0 || t >= static_cast<int64_t>(n))
        fail(code, prog->info[k].offset, std::string(row->name) + " " + what + " " + std::to_string(t) + ", outside the code");
      const int32_t ti = prog->offset_to_index[static_cast<size_t>(t)];
      if (ti < 0 || prog->info[static_cast<size_t>(ti)].start_offset != static_cast<uint32_t>(t))
        fail(code, prog->info[k].offset, std::string(row->name) + " " + what + " " + std::to_string(t) +
                                             ", which is not the start of an instruction");
      return static_cast<uint32_t>(ti);
    };
    uint32_t ti = resolve(target, "jumps to");
    prog->info[k].jump_offset = static_cast<uint32_t>(target);
    if (row->norm == Norm::SkipAfter) {
      // CPython jumps norm_param code units past the encoded target (over
      // END_FOR / POP_TOP); those instructions must be there.
      ti = resolve(target + 2 * static_cast<int64_t>(row->norm_param), "skips past");
    }
    if (row->norm == Norm::JumpDir && ti <= k) in.op = Op::JUMP_BACKWARD;
    in.arg = ti;
    prog->instrs[ti].flags |= kInstrJumpTarget;
    if (ti <= k) in.flags |= kInstrBackward;
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

  if (opts.verify) prog->max_stack_depth = verify(*prog).max_depth;
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
