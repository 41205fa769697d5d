// compiler_stack_effect() against the real dis.stack_effect() of every
// pyenv interpreter present (3.6-3.13; 2.7 has no stack_effect), for every
// opcode, a range of arguments and jump taken / not taken / either.
#include "bytecode/program.h"
#include "bytecode/stack_effect.h"
#include "bytecode_test_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>

namespace {

// Prints "name opcode arg jump effect" per line (arg -1: none; jump -1: dis's default).
const char* kScript = R"PY(
import dis, sys
args = list(range(0, 8)) + [9, 15, 16, 17, 18, 31, 32, 33, 63, 64, 65, 255, 256, 257, 258, 300, 4096]
has_jump = sys.version_info >= (3, 8)
hasarg = getattr(dis, 'hasarg', None)
for name, op in sorted(dis.opmap.items(), key=lambda x: x[1]):
    if op > 255:
        continue
    takes = (op in hasarg) if hasarg is not None else op >= dis.HAVE_ARGUMENT
    for arg in (args if takes else [None]):
        for jump in ((None, True, False) if has_jump else (None,)):
            try:
                e = dis.stack_effect(op, arg, jump=jump) if has_jump else dis.stack_effect(op, arg)
            except (ValueError, TypeError):
                continue
            print(name, op, -1 if arg is None else arg, {None: -1, True: 1, False: 0}[jump], e)
)PY";

class StackEffectTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StackEffectTest, MatchesDisStackEffect) {
  const std::string ver = GetParam();
  const std::string python = xp::bctest::pyenv_python_or_skip_message(ver);
  if (python.empty()) GTEST_SKIP();
  const std::string script = ::testing::TempDir() + "/xp_stack_effect.py";
  FILE* f = std::fopen(script.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(kScript, f);
  std::fclose(f);
  int status = 0;
  const std::string out = xp::bctest::run(python + " " + script, &status);
  ASSERT_EQ(status, 0) << out;

  const xp::PyVersion v{ver[0] - '0', std::stoi(ver.substr(2))};
  const xp::VersionTable* table = xp::version_table(v);
  ASSERT_NE(table, nullptr);
  std::istringstream in(out);
  std::string name;
  int opcode = 0, arg = 0, jump = 0, effect = 0;
  int compared = 0, rejected = 0, mismatches = 0;
  std::string rejected_list;
  while (in >> name >> opcode >> arg >> jump >> effect) {
    const xp::OpcodeRow* row = table->row(static_cast<uint8_t>(opcode));
    ASSERT_NE(row, nullptr) << ver << ": dis knows opcode " << opcode << " (" << name << "), the facts do not";
    ASSERT_EQ(std::string(row->name), name) << ver << " opcode " << opcode;
    if (!row->pyc_ok) continue;
    xp::NormalisedArg na{};
    std::string why;
    const uint32_t a = arg < 0 ? 0 : static_cast<uint32_t>(arg);
    int mine = xp::kNoStackEffect;
    if (xp::normalise_arg(*row, a, 0, &na, &why)) mine = xp::compiler_stack_effect(v, na.op, na.arg, jump);
    if (mine == xp::kNoStackEffect) {
      // An argument the verifier refuses (dis does not validate arguments).
      ++rejected;
      if (rejected_list.size() < 400) rejected_list += " " + name + "(" + std::to_string(arg) + ")";
      continue;
    }
    ++compared;
    if (mine != effect) {
      ++mismatches;
      ADD_FAILURE() << ver << " " << name << " arg " << arg << " jump " << jump << ": dis says " << effect
                    << ", xpython " << mine << " (" << xp::op_name(na.op) << " " << na.arg << ")";
    }
  }
  std::printf("[stack_effect %s] %d comparisons, %d mismatches, %d arguments refused:%s\n", ver.c_str(), compared,
              mismatches, rejected, rejected_list.c_str());
  EXPECT_GT(compared, 500);
}

INSTANTIATE_TEST_SUITE_P(Pyenv, StackEffectTest,
                         ::testing::Values("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"),
                         [](const auto& info) {
                           std::string s = "py" + info.param;
                           for (char& c : s)
                             if (c == '.') c = '_';
                           return s;
                         });

TEST(StackEffect, NoStackEffectFor27) {
  // 2.7's dis has no stack_effect(); its model is covered by the corpus
  // (compiler_max_depth == co_stacksize) instead.
  std::printf("SKIP: Python 2.7 has no dis.stack_effect\n");
  SUCCEED();
}

}  // namespace
