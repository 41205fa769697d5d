#include "bytecode/verifier.h"

#include "core/error.h"

namespace xp {

namespace {

[[noreturn]] void fail(const Program& p, size_t i, const std::string& why) {
  throw VerifyError(describe_location(*p.code, p.info[i].offset) + ": " + p.opname(i) + ": " + why);
}

}  // namespace

void verify(const Program& prog) {
  const Code& code = *prog.code;
  const size_t nconsts = code.consts.size();
  const size_t nnames = code.names.size();
  const size_t nlocalsplus = code.nlocalsplus();
  for (size_t i = 0; i < prog.instrs.size(); ++i) {
    const Instr& in = prog.instrs[i];
    const OpcodeRow* row = prog.table->row(in.opcode);
    const uint32_t raw = prog.info[i].raw_arg;
    if ((row->operand_kinds & kOperandConst) && raw >= nconsts)
      fail(prog, i, "constant index " + std::to_string(raw) + " out of range (" + std::to_string(nconsts) + " constants)");
    if (row->operand_kinds & kOperandName) {
      // 3.11+ LOAD_GLOBAL keeps a flag in the low bit (already split off in `arg`).
      const uint32_t idx = in.op == Op::LOAD_GLOBAL || in.op == Op::LOAD_GLOBAL_PUSH_NULL ? in.arg : raw;
      if (idx >= nnames)
        fail(prog, i, "name index " + std::to_string(idx) + " out of range (" + std::to_string(nnames) + " names)");
    }
    if ((row->operand_kinds & (kOperandLocal | kOperandFree)) && code.version.at_least(3, 11) && raw >= nlocalsplus)
      fail(prog, i, "local index " + std::to_string(raw) + " out of range (" + std::to_string(nlocalsplus) + " locals)");
  }
  if (!prog.instrs.empty() && !op_is_terminal(prog.instrs.back().op) && prog.instrs.back().op != kNoCanonicalOp)
    fail(prog, prog.instrs.size() - 1, "the last instruction falls off the end of the code");
}

}  // namespace xp
