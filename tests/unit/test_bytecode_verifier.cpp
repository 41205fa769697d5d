// The verifier accepts real compiler output and refuses bytecode the VM
// could not run safely. Bad programs are made by replacing co_code (and the
// exception table) of a host-compiled 3.11 code object.
#include "bytecode/program.h"
#include "bytecode/stack_effect.h"
#include "bytecode_test_util.h"
#include "core/error.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using xp::bctest::host_compile;

const xp::PyVersion k311{3, 11};

// 3.11 bytecode from (opname, arg) pairs; inline caches are added as zeros.
std::string bc311(const std::vector<std::pair<const char*, uint32_t>>& ins) {
  const xp::VersionTable* t = xp::version_table(k311);
  std::string out;
  for (const auto& [name, arg] : ins) {
    const uint8_t op = xp::bctest::opcode(k311, name);
    if (arg > 0xff) {
      out.push_back(static_cast<char>(t->extended_arg));
      out.push_back(static_cast<char>(arg >> 8));
    }
    out.push_back(static_cast<char>(op));
    out.push_back(static_cast<char>(arg & 0xff));
    for (int k = 0; k < t->row(op)->cache_entries; ++k) out.append(2, '\0');
  }
  return out;
}

// The body of `def f(a): ...` compiled by the host.
std::shared_ptr<xp::Code> func(const std::string& src) {
  auto mod = host_compile(src);
  for (const xp::Const& c : mod->consts)
    if (c.is_code()) return c.code;
  throw std::runtime_error("no function");
}

std::shared_ptr<xp::Code> patched(const xp::Code& base, const std::string& code, const std::string& exctable = "") {
  auto c = xp::bctest::with_code(base, code);
  c->linetable.clear();
  c->exceptiontable = exctable;
  return c;
}

// decode() must throw a VerifyError mentioning `what`.
void expect_rejected(std::shared_ptr<xp::Code> c, const std::string& what) {
  try {
    xp::decode(c);
    ADD_FAILURE() << "accepted; expected an error about: " << what;
  } catch (const xp::VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find(what), std::string::npos) << e.what();
    // One line naming file, code object, version.
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("(3.11)"), std::string::npos) << e.what();
  }
}

TEST(Verifier, AcceptsHostCompiledCodeAndMatchesStacksize) {
  const char* src = R"(
import sys
def f(a, *args, b=1, **kw):
    x = [i * 2 for i in range(a) if i % 3]
    try:
        with open(__file__) as fh:
            y = {k: v for k, v in kw.items()}
    except (OSError, ValueError) as e:
        y = None
    finally:
        z = lambda q: q + a
    async def g():
        async with x as y:
            async for i in y:
                await i
    match a:
        case [1, 2, *rest]: pass
        case {"k": v, **others}: pass
        case int(real=0) | str(): pass
    return print(f"{a!r:>10}", *args, sep=b, **kw)
class C(object):
    def m(self):
        return super().m(x=1)
)";
  auto mod = host_compile(src);
  int n = 0;
  xp::bctest::for_each_code(*mod, [&](const xp::Code& c) {
    std::shared_ptr<const xp::Code> cp(std::shared_ptr<const xp::Code>{}, &c);
    auto prog = xp::decode(cp);
    EXPECT_LE(prog->max_stack_depth, static_cast<uint32_t>(c.stacksize)) << c.qualname_utf8();
    EXPECT_EQ(xp::compiler_max_depth(*prog), c.stacksize) << c.qualname_utf8();
    ++n;
  });
  EXPECT_GE(n, 6);
}

TEST(Verifier, RejectsStackUnderflow) {
  auto f = func("def f(a):\n  return a\n");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"POP_TOP", 0}, {"LOAD_CONST", 0}, {"RETURN_VALUE", 0}})),
                  "stack underflow");
}

TEST(Verifier, RejectsOverflowPastStacksize) {
  auto f = func("def f(a):\n  return a\n");
  auto c = patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0},
                               {"BUILD_TUPLE", 3}, {"RETURN_VALUE", 0}}));
  c->stacksize = 2;
  expect_rejected(c, "above co_stacksize 2");
}

TEST(Verifier, RejectsIndicesOutOfRange) {
  auto f = func("def f(a):\n  return a\n");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_CONST", 99}, {"RETURN_VALUE", 0}})),
                  "constant index 99 out of range");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_GLOBAL", 2 * 7}, {"RETURN_VALUE", 0}})),
                  "name index 7 out of range");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 5}, {"RETURN_VALUE", 0}})),
                  "local index 5 out of range");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_DEREF", 0}, {"RETURN_VALUE", 0}})),
                  "is not a cell or free variable");
}

TEST(Verifier, RejectsFallingOffTheEnd) {
  auto f = func("def f(a):\n  return a\n");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"POP_TOP", 0}})), "runs off the end");
  // A conditional jump as the last instruction falls through past the end.
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"POP_JUMP_BACKWARD_IF_TRUE", 2}})),
                  "runs off the end");
}

TEST(Verifier, RejectsInvalidArguments) {
  auto f = func("def f(a):\n  return a < a\n");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"COMPARE_OP", 6},
                                      {"RETURN_VALUE", 0}})),
                  "argument 6 is not valid");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"BUILD_SLICE", 1},
                                      {"RETURN_VALUE", 0}})),
                  "argument 1 is not valid");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"BINARY_OP", 26},
                                      {"RETURN_VALUE", 0}})),
                  "is not an operator");
}

TEST(Verifier, RejectsNullWhereAnObjectIsNeeded) {
  auto f = func("def f(a):\n  return -a\n");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"PUSH_NULL", 0}, {"UNARY_NEGATIVE", 0}, {"RETURN_VALUE", 0}})),
                  "NULL");
  // CALL with a NULL where the callable must be.
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"PUSH_NULL", 0}, {"PUSH_NULL", 0}, {"PRECALL", 0},
                                      {"CALL", 0}, {"RETURN_VALUE", 0}})),
                  "NULL");
}

TEST(Verifier, RejectsDerefBeforeMakeCell) {
  auto f = func("def f(a):\n  def g(): return a\n  return g\n");
  // f has `a` as a cell argument: LOAD_DEREF before MAKE_CELL would read a non-cell.
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_DEREF", 0}, {"RETURN_VALUE", 0}})),
                  "may not hold a cell");
  auto ok = patched(*f, bc311({{"MAKE_CELL", 0}, {"RESUME", 0}, {"LOAD_DEREF", 0}, {"RETURN_VALUE", 0}}));
  EXPECT_NO_THROW(xp::decode(ok));
}

TEST(Verifier, RejectsKwNamesMismatch) {
  auto f = func("def f(a):\n  return a(x=1, y=2)\n");
  // Find the KW_NAMES constant (a tuple of two names).
  uint32_t kw = 0;
  for (size_t i = 0; i < f->consts.size(); ++i)
    if (!f->consts[i].is_code() && PyTuple_Check(f->consts[i].obj.get())) kw = static_cast<uint32_t>(i);
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"PUSH_NULL", 0}, {"LOAD_FAST", 0}, {"LOAD_CONST", 1},
                                      {"KW_NAMES", kw}, {"PRECALL", 1}, {"CALL", 1}, {"RETURN_VALUE", 0}})),
                  "keyword names");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"KW_NAMES", kw}, {"LOAD_FAST", 0}, {"RETURN_VALUE", 0}})),
                  "KW_NAMES is not followed by its CALL");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"KW_NAMES", 0}, {"RETURN_VALUE", 0}})),
                  "not a tuple of keyword names");
}

// Index of the first constant of `f` that satisfies `pred`.
template <class Pred>
uint32_t const_index(const xp::Code& f, Pred pred) {
  for (size_t i = 0; i < f.consts.size(); ++i)
    if (pred(f.consts[i])) return static_cast<uint32_t>(i);
  ADD_FAILURE() << "no such constant";
  return 0;
}

TEST(Verifier, RejectsFunctionsWithoutTheirCodeOrClosure) {
  // g has one free variable (a).
  auto f = func("def f(a):\n  def g(): return a\n  return g\n");
  const uint32_t g = const_index(*f, [](const xp::Const& c) { return c.is_code(); });
  const uint32_t none = const_index(*f, [](const xp::Const& c) { return !c.is_code(); });
  auto make = [&](std::vector<std::pair<const char*, uint32_t>> body) {
    std::vector<std::pair<const char*, uint32_t>> ins = {{"MAKE_CELL", 0}, {"RESUME", 0}};
    ins.insert(ins.end(), body.begin(), body.end());
    ins.push_back({"RETURN_VALUE", 0});
    return patched(*f, bc311(ins));
  };
  EXPECT_NO_THROW(xp::decode(make({{"LOAD_CLOSURE", 0}, {"BUILD_TUPLE", 1}, {"LOAD_CONST", g}, {"MAKE_FUNCTION", 8}})));
  // Not a code constant: the VM would make a function of something else.
  expect_rejected(make({{"LOAD_CLOSURE", 0}, {"BUILD_TUPLE", 1}, {"LOAD_CONST", none}, {"MAKE_FUNCTION", 8}}),
                  "not a code-object constant");
  expect_rejected(make({{"LOAD_CLOSURE", 0}, {"BUILD_TUPLE", 1}, {"LOAD_FAST", 1}, {"MAKE_FUNCTION", 8}}),
                  "not a code-object constant");
  // The closure must be a tuple of one cell per free variable (local 1, g, is no cell).
  expect_rejected(make({{"LOAD_FAST", 1}, {"BUILD_TUPLE", 1}, {"LOAD_CONST", g}, {"MAKE_FUNCTION", 8}}),
                  "not a tuple of 1 cells");
  expect_rejected(make({{"LOAD_CLOSURE", 0}, {"LOAD_CLOSURE", 0}, {"BUILD_TUPLE", 2}, {"LOAD_CONST", g},
                        {"MAKE_FUNCTION", 8}}),
                  "not a tuple of 1 cells");
  expect_rejected(make({{"LOAD_CONST", g}, {"MAKE_FUNCTION", 0}}), "has free variables but the function gets no closure");
}

TEST(Verifier, RejectsNonConstantKeyOperands) {
  auto f = func("def f(a):\n  return {'x': a, 'y': a}\n");
  const uint32_t keys = const_index(*f, [](const xp::Const& c) { return !c.is_code() && PyTuple_Check(c.obj.get()); });
  const uint32_t none = const_index(*f, [](const xp::Const& c) { return !c.is_code() && c.obj.get() == Py_None; });
  EXPECT_NO_THROW(xp::decode(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0},
                                                 {"LOAD_CONST", keys}, {"BUILD_CONST_KEY_MAP", 2},
                                                 {"RETURN_VALUE", 0}}))));
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"LOAD_CONST", none},
                                      {"BUILD_CONST_KEY_MAP", 2}, {"RETURN_VALUE", 0}})),
                  "keys are not a constant tuple of 2 items");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_CONST", keys},
                                      {"BUILD_CONST_KEY_MAP", 1}, {"RETURN_VALUE", 0}})),
                  "keys are not a constant tuple of 1 items");
}

TEST(Verifier, RejectsExtendingWhatIsNotABuiltList) {
  auto f = func("def f(a):\n  return [*a]\n");
  EXPECT_NO_THROW(xp::decode(patched(*f, bc311({{"RESUME", 0}, {"BUILD_LIST", 0}, {"LOAD_FAST", 0},
                                                 {"LIST_EXTEND", 1}, {"RETURN_VALUE", 0}}))));
  // The VM extends the object as a list: it must be one.
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"LIST_EXTEND", 1},
                                      {"RETURN_VALUE", 0}})),
                  "not a list built by BUILD_LIST");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"BUILD_LIST", 0}, {"LOAD_FAST", 0}, {"SET_UPDATE", 1},
                                      {"RETURN_VALUE", 0}})),
                  "not a set built by BUILD_SET");
}

TEST(Verifier, RejectsInconsistentMerge) {
  auto f = func("def f(a):\n  return a\n");
  // if a: push an extra value; both paths meet at the same instruction.
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"POP_JUMP_FORWARD_IF_FALSE", 1},
                                      {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"RETURN_VALUE", 0}})),
                  "inconsistent paths join here");
}

TEST(Verifier, RejectsExceptionHandlerDeeperThanTheStack) {
  auto f = func("def f(a):\n  return a\n");
  // Entry covering instruction 2 (LOAD_FAST .. POP_TOP) with depth 3 and the handler at 6.
  const std::string code = bc311({{"RESUME", 0}, {"NOP", 0}, {"LOAD_FAST", 0}, {"UNARY_NEGATIVE", 0},
                                  {"RETURN_VALUE", 0}, {"NOP", 0}, {"PUSH_EXC_INFO", 0}, {"POP_EXCEPT", 0},
                                  {"LOAD_CONST", 0}, {"RETURN_VALUE", 0}});
  // start 2 (units), length 2, target 6, depth 3 << 1: varints with the start marker.
  std::string table;
  for (int b : {0x80 | 2, 2, 6, 3 << 1}) table.push_back(static_cast<char>(b));
  auto c = patched(*f, code, table);
  c->stacksize = 10;
  expect_rejected(c, "exception handler keeps 3 stack items");
}

TEST(Verifier, RejectsUnknownAndSpecialisedOpcodes) {
  auto f = func("def f(a):\n  return a\n");
  std::string code = bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"RETURN_VALUE", 0}});
  code[2] = static_cast<char>(255);   // not a 3.11 opcode
  expect_rejected(patched(*f, code), "opcode 255 is not an opcode of Python 3.11");
  // 3.12 lists its specialised and instrumented opcodes; a .pyc never has them.
  const xp::PyVersion v312{3, 12};
  const xp::VersionTable* t = xp::version_table(v312);
  int specialised = -1;
  for (int op = 0; op < 256; ++op)
    if (t->row(static_cast<uint8_t>(op)) && !t->row(static_cast<uint8_t>(op))->pyc_ok) specialised = op;
  ASSERT_GE(specialised, 0);
  auto c = patched(*f, std::string{static_cast<char>(specialised), '\0'});
  c->version = v312;
  try {
    xp::decode(c);
    ADD_FAILURE() << "accepted a specialised opcode";
  } catch (const xp::VerifyError& e) {
    EXPECT_NE(std::string(e.what()).find("specialised/instrumented opcode"), std::string::npos) << e.what();
  }
}

TEST(Decoder, RejectsMalformedEncodings) {
  auto f = func("def f(a):\n  return a\n");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"RETURN_VALUE", 0}}).substr(0, 5)),
                  "odd length");
  std::string ext = bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"RETURN_VALUE", 0}});
  ext.push_back(static_cast<char>(xp::version_table(k311)->extended_arg));
  ext.push_back('\x01');
  expect_rejected(patched(*f, ext), "EXTENDED_ARG at the end");
  // A jump into the middle of an instruction's inline cache.
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"LOAD_FAST", 0}, {"LOAD_FAST", 0}, {"BINARY_OP", 0},
                                      {"JUMP_BACKWARD", 2}})),
                  "not the start of an instruction");
  expect_rejected(patched(*f, bc311({{"RESUME", 0}, {"JUMP_FORWARD", 100}, {"LOAD_FAST", 0}, {"RETURN_VALUE", 0}})),
                  "outside the code");
}

TEST(Decoder, FoldsExtendedArgAndSkipsCaches) {
  // 300 names so that LOAD_GLOBAL needs EXTENDED_ARG; a jump lands on the prefix.
  std::string src = "def f(a):\n  if a:\n    return (";
  for (int i = 0; i < 300; ++i) {
    src += 'g';
    src += std::to_string(i);
    src += ',';
  }
  src += ")\n  return a\n";
  auto f = func(src);
  std::shared_ptr<const xp::Code> cp = f;
  auto prog = xp::decode(cp);
  bool saw_ext = false;
  for (size_t i = 0; i < prog->size(); ++i) {
    const xp::Instr& in = prog->instrs[i];
    EXPECT_NE(in.op, xp::Op::CACHE);
    EXPECT_NE(in.op, xp::Op::EXTENDED_ARG);
    if (prog->info[i].start_offset != prog->info[i].offset) {
      saw_ext = true;
      EXPECT_GE(prog->info[i].raw_arg, 256u);
      const bool global = in.op == xp::Op::LOAD_GLOBAL || in.op == xp::Op::LOAD_GLOBAL_PUSH_NULL;
      if (xp::op_is_jump(in.op)) {
        // The target is an instruction index; the encoded offset is kept for display.
        EXPECT_EQ(prog->info[in.arg].start_offset, prog->info[i].jump_offset);
      } else {
        EXPECT_EQ(in.arg, global ? prog->info[i].raw_arg >> 1 : prog->info[i].raw_arg) << xp::op_name(in.op);
      }
      // Every byte of the prefix and the caches maps to this instruction.
      for (uint32_t off = prog->info[i].start_offset; off <= prog->info[i].offset; ++off)
        EXPECT_EQ(prog->index_of_offset(off), static_cast<int32_t>(i));
    }
  }
  EXPECT_TRUE(saw_ext);
}

}  // namespace
