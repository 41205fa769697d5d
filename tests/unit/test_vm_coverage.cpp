// Every opcode a 3.11 .pyc may contain is executable: its canonical op is
// one the eval loop implements. CACHE and EXTENDED_ARG never reach the loop
// (the decoder skips caches and folds EXTENDED_ARG), so they are excluded --
// and checked to be absent from decoded programs elsewhere.
#include "bytecode/version_table.h"
#include "vm/implemented_ops.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

TEST(VmCoverage, EveryPycOpcodeOf311IsImplemented) {
  const xp::VersionTable* t = xp::version_table(xp::PyVersion{3, 11});
  ASSERT_NE(t, nullptr);
  std::vector<std::string> missing;
  int checked = 0;
  for (int op = 0; op < 256; ++op) {
    const xp::OpcodeRow* row = t->row(static_cast<uint8_t>(op));
    if (row == nullptr || !row->pyc_ok) continue;
    if (std::strcmp(row->name, "CACHE") == 0 || std::strcmp(row->name, "EXTENDED_ARG") == 0) continue;
    ++checked;
    if (row->op == xp::kNoCanonicalOp || !xp::vm::op_implemented(row->op)) missing.push_back(row->name);
  }
  EXPECT_GT(checked, 100);
  EXPECT_TRUE(missing.empty()) << "3.11 opcodes without an implementation: " << ::testing::PrintToString(missing);
}

TEST(VmCoverage, EveryBinaryOpArgumentHasAnImplementedOp) {
  // BINARY_OP's 26 operators are split into canonical ops by the decoder.
  for (int nb = 0; nb < 26; ++nb) {
    const auto op = static_cast<xp::Op>(static_cast<int>(xp::Op::BINARY_ADD) + nb);
    EXPECT_TRUE(xp::vm::op_implemented(op)) << xp::op_name(op);
  }
}

}  // namespace
