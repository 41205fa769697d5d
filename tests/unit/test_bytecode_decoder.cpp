// The decoder in every bytecode era: 1/3-byte instructions with 16-bit
// EXTENDED_ARG (<= 3.5), wordcode with 8-bit EXTENDED_ARG (3.6-3.9), jump
// arguments in code units (3.10), inline caches (3.11+). Code objects are
// host-compiled and then given hand-assembled co_code of the version.
#include "bytecode/program.h"
#include "bytecode_test_util.h"
#include "core/error.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using xp::PyVersion;

// Hand assembly for one version: EXTENDED_ARG prefixes as the era encodes
// them, 3.11+ cache units as zeros.
struct Asm {
  explicit Asm(PyVersion v) : v(v), t(xp::version_table(v)) {}
  PyVersion v;
  const xp::VersionTable* t;
  std::string bytes;

  // Appends `name arg`, with as many EXTENDED_ARG prefixes as `ext_prefixes`
  // (at least as many as the argument needs). Returns the offset of the first byte.
  size_t op(const char* name, uint32_t arg = 0, int ext_prefixes = 0) {
    const size_t start = bytes.size();
    const uint8_t code = xp::bctest::opcode(v, name);
    const bool wordcode = v.wordcode();
    const unsigned shift = wordcode ? 8 : 16;
    int needed = 0;
    for (uint64_t rest = uint64_t{arg} >> shift; rest; rest >>= shift) ++needed;
    const int n = std::max(needed, ext_prefixes);
    for (int k = n; k >= 1; --k) emit(static_cast<uint8_t>(t->extended_arg), (uint64_t{arg} >> (shift * k)));
    emit(code, arg);
    for (int k = 0; k < t->row(code)->cache_entries; ++k) bytes.append(2, '\0');
    return start;
  }
  void emit(uint8_t code, uint64_t arg) {
    bytes.push_back(static_cast<char>(code));
    if (v.wordcode()) {
      bytes.push_back(static_cast<char>(arg & 0xff));
    } else if (code >= t->have_argument) {
      bytes.push_back(static_cast<char>(arg & 0xff));
      bytes.push_back(static_cast<char>((arg >> 8) & 0xff));
    }
  }
  size_t unit() const { return v.wordcode() ? 2 : 1; }
};

// A Code of version `v` with co_code `bytes`: one constant, one name, one
// local, no line or exception table.
std::shared_ptr<xp::Code> code_of(PyVersion v, const std::string& bytes) {
  auto base = xp::bctest::host_compile("def f(a):\n  return g\n");
  std::shared_ptr<xp::Code> f;
  for (const xp::Const& c : base->consts)
    if (c.is_code()) f = c.code;
  auto c = xp::bctest::with_code(*f, bytes);
  c->version = v;
  c->linetable.clear();
  c->exceptiontable.clear();
  c->stacksize = 4;
  if (v.before(3, 11)) {
    c->localsplusnames.clear();
    c->localspluskinds.clear();
  }
  return c;
}

std::string decode_error(std::shared_ptr<xp::Code> c) {
  try {
    xp::decode(c);
  } catch (const xp::VerifyError& e) {
    return e.what();
  }
  return "";
}

const PyVersion kEras[] = {{2, 4}, {2, 7}, {3, 1}, {3, 5}, {3, 6}, {3, 9}, {3, 10},
                           {3, 11}, {3, 12}, {3, 13}, {3, 14}, {3, 9, xp::Impl::PyPy}};

class DecoderEra : public ::testing::TestWithParam<PyVersion> {};

// A forward jump whose distance needs EXTENDED_ARG, landing on an
// instruction that itself has an EXTENDED_ARG prefix.
TEST_P(DecoderEra, ExtendedArgJumpOntoAPrefixedInstruction) {
  const PyVersion v = GetParam();
  Asm a(v);
  if (v.at_least(3, 11)) a.op("RESUME", 0);
  // Enough padding that the distance does not fit in one argument unit.
  const size_t pad = v.wordcode() ? 300 : 66000;
  const size_t arg = pad * a.unit() / (v.jumps_in_units() ? 2 : 1);   // bytes, or code units from 3.10
  const size_t jump_at = a.op("JUMP_FORWARD", static_cast<uint32_t>(arg), 0);
  const size_t jump_end = a.bytes.size();
  for (size_t k = 0; k < pad; ++k) a.op("NOP");
  const size_t target = a.op("LOAD_CONST", 0, 1);   // EXTENDED_ARG 0 prefix
  a.op("RETURN_VALUE");
  // The distance the encoding names, in the era's jump units.
  const size_t distance = (target - jump_end) / (v.jumps_in_units() ? 2 : 1);
  ASSERT_EQ(distance, arg);

  auto prog = xp::decode(code_of(v, a.bytes));
  size_t j = 0;
  while (prog->info[j].start_offset != jump_at) ++j;
  EXPECT_LT(prog->info[j].start_offset, prog->info[j].offset) << "the jump has its EXTENDED_ARG prefix";
  EXPECT_EQ(prog->info[j].raw_arg, distance);
  EXPECT_EQ(prog->info[j].jump_offset, target);
  const uint32_t ti = prog->instrs[j].arg;
  EXPECT_EQ(prog->info[ti].start_offset, target);
  EXPECT_EQ(prog->info[ti].offset, target + (v.wordcode() ? 2 : 3));
  EXPECT_EQ(prog->instrs[ti].op, xp::Op::LOAD_CONST);
  EXPECT_EQ(prog->info[ti].raw_arg, 0u);
  EXPECT_TRUE(prog->instrs[ti].flags & xp::kInstrJumpTarget);
  // Every byte of prefix + instruction maps to the instruction.
  for (uint32_t off = prog->info[ti].start_offset; off <= prog->info[ti].offset; ++off)
    EXPECT_EQ(prog->index_of_offset(off), static_cast<int32_t>(ti));
  EXPECT_EQ(prog->size(), (v.at_least(3, 11) ? 1u : 0u) + 1 + pad + 2);

  // The same jump one unit further lands inside the prefixed instruction.
  Asm b(v);
  if (v.at_least(3, 11)) b.op("RESUME", 0);
  b.op("JUMP_FORWARD", static_cast<uint32_t>(distance + 1), 0);
  for (size_t k = 0; k < pad; ++k) b.op("NOP");
  b.op("LOAD_CONST", 0, 1);
  b.op("RETURN_VALUE");
  EXPECT_NE(decode_error(code_of(v, b.bytes)).find("not the start of an instruction"), std::string::npos)
      << v.str();
}

TEST_P(DecoderEra, RejectsTruncatedCode) {
  const PyVersion v = GetParam();
  Asm a(v);
  a.op("LOAD_CONST", 0);
  a.op("RETURN_VALUE");
  std::string cut = a.bytes.substr(0, a.bytes.size() - (v.wordcode() ? 1 : 0));
  if (!v.wordcode()) cut = a.bytes.substr(0, 2);   // LOAD_CONST without its second argument byte
  const std::string err = decode_error(code_of(v, cut));
  EXPECT_NE(err.find(v.wordcode() ? "odd length" : "runs past the end"), std::string::npos) << err;
  std::string tag = "(";
  tag += v.str();
  tag += ")";
  EXPECT_NE(err.find(tag), std::string::npos) << err;
  // EXTENDED_ARG as the last instruction.
  Asm b(v);
  b.op("LOAD_CONST", 0);
  b.op("RETURN_VALUE");
  b.emit(static_cast<uint8_t>(b.t->extended_arg), 1);
  EXPECT_NE(decode_error(code_of(v, b.bytes)).find("EXTENDED_ARG at the end"), std::string::npos);
}

TEST_P(DecoderEra, RejectsOpcodesTheVersionDoesNotHave) {
  const PyVersion v = GetParam();
  const xp::VersionTable* t = xp::version_table(v);
  int missing = -1, specialised = -1;
  for (int op = 0; op < 256; ++op) {
    const xp::OpcodeRow* row = t->row(static_cast<uint8_t>(op));
    if (!row && missing < 0) missing = op;
    if (row && !row->pyc_ok && specialised < 0 && op != t->cache) specialised = op;
  }
  ASSERT_GE(missing, 0);
  Asm a(v);
  a.emit(static_cast<uint8_t>(missing), 0);
  std::string err = decode_error(code_of(v, a.bytes));
  std::string want = "opcode ";
  want += std::to_string(missing);
  want += " is not an opcode of Python ";
  want += v.str();
  EXPECT_NE(err.find(want), std::string::npos) << err;
  if (specialised >= 0) {
    Asm b(v);
    b.emit(static_cast<uint8_t>(specialised), 0);
    err = decode_error(code_of(v, b.bytes));
    EXPECT_NE(err.find("never contains"), std::string::npos) << err;
  }
}

TEST_P(DecoderEra, SkipsInlineCaches) {
  const PyVersion v = GetParam();
  Asm a(v);
  if (v.at_least(3, 11)) a.op("RESUME", 0);
  a.op("LOAD_FAST", 0);
  const size_t attr = a.op("LOAD_ATTR", 0);
  a.op("RETURN_VALUE");
  auto prog = xp::decode(code_of(v, a.bytes));
  const size_t k = v.at_least(3, 11) ? 2 : 1;
  ASSERT_EQ(prog->size(), k + 2);
  EXPECT_EQ(prog->info[k].offset, attr);
  const uint8_t op = xp::bctest::opcode(v, "LOAD_ATTR");
  const size_t caches = xp::version_table(v)->row(op)->cache_entries;
  EXPECT_EQ(caches > 0, v.at_least(3, 11));
  EXPECT_EQ(prog->info[k + 1].offset, attr + (v.wordcode() ? 2 : 3) + 2 * caches);
  for (size_t off = attr; off < prog->info[k + 1].offset; ++off)
    EXPECT_EQ(prog->index_of_offset(static_cast<uint32_t>(off)), static_cast<int32_t>(k));
}

INSTANTIATE_TEST_SUITE_P(Eras, DecoderEra, ::testing::ValuesIn(kEras),
                         [](const ::testing::TestParamInfo<PyVersion>& p) {
                           std::string s = p.param.str();
                           for (char& c : s)
                             if (c == '.' || c == '-') c = '_';
                           return s;
                         });

}  // namespace
