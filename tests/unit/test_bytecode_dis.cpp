// The disassembler model against the host's own dis (3.11), the JSON it
// writes, listings of unverified (bad) bytecode, and 2.x/3.0 constant reprs.
// tests/driver/test_dis_pyenv.py does the same against every pyenv dis.
#include "bytecode_test_util.h"
#include "core/error.h"
#include "core/ref.h"
#include "tools/dis_repr.h"
#include "tools/disassembler.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using xp::Ref;

const char kSource[] =
    "import sys\n"
    "def f(a, b=2, *c, **d):\n"
    "    x = a + b\n"
    "    if x > 1:\n"
    "        return [i for i in c if i]\n"
    "    try:\n"
    "        y = {k: v for k, v in d.items()}\n"
    "    except (KeyError, ValueError) as e:\n"
    "        y = None\n"
    "    finally:\n"
    "        print(f'{a!r:>3}', x, sep='')\n"
    "    while x:\n"
    "        x -= 1\n"
    "    def g():\n"
    "        return x\n"
    "    return y, g, x in {1, 2}\n";

// (offset, opname, arg, argrepr, is_jump_target, starts_line) of every
// instruction, as the host's dis.Bytecode shows them, nested code included.
std::string host_dis_rows(const std::string& src) {
  Ref ns = Ref::steal(PyDict_New());
  PyDict_SetItemString(ns.get(), "__builtins__", PyEval_GetBuiltins());
  PyDict_SetItemString(ns.get(), "src", Ref::steal(PyUnicode_FromString(src.c_str())).get());
  const char* prog =
      "import dis\n"
      "def rows(co, out):\n"
      "    for i in dis.Bytecode(co):\n"
      "        out.append('%d %s %s %s %d %s' % (i.offset, i.opname, i.arg, i.argrepr, i.is_jump_target,"
      " i.starts_line))\n"
      "    for c in co.co_consts:\n"
      "        if hasattr(c, 'co_code'): rows(c, out)\n"
      "out = []\n"
      "rows(compile(src, '<test>', 'exec'), out)\n"
      "result = '\\n'.join(out)\n";
  Ref r = Ref::steal(PyRun_String(prog, Py_file_input, ns.get(), ns.get()));
  EXPECT_TRUE(r) << xp::bctest::python_error();
  return xp::utf8_of(PyDict_GetItemString(ns.get(), "result"));
}

void our_rows(const xp::tools::DisCode& dc, std::string& out) {
  for (const xp::tools::DisLine& l : dc.lines) {
    if (!out.empty()) out += '\n';
    out += std::to_string(l.offset);
    out += ' ';
    out += l.opname;
    out += ' ';
    out += l.has_arg ? std::to_string(l.arg) : "None";
    out += ' ';
    out += l.argrepr;
    out += l.is_jump_target ? " 1 " : " 0 ";
    out += l.starts_line ? std::to_string(l.line) : "None";
  }
  for (const auto& c : dc.children) our_rows(c, out);
}

std::string without_addresses(std::string s) {
  for (size_t p = s.find(" at 0x"); p != std::string::npos; p = s.find(" at 0x", p + 1)) {
    size_t e = p + 6;
    while (e < s.size() && std::isxdigit(static_cast<unsigned char>(s[e]))) ++e;
    s.erase(p + 4, e - (p + 4));
  }
  return s;
}

TEST(Disassembler, MatchesTheHostDis) {
  auto code = xp::bctest::host_compile(kSource);
  const auto dc = xp::tools::disassemble(code, {});
  std::string ours;
  our_rows(dc, ours);
  EXPECT_EQ(without_addresses(ours), without_addresses(host_dis_rows(kSource)));
  EXPECT_FALSE(dc.children.empty());
  EXPECT_FALSE(dc.children[0].exceptions.empty());
}

TEST(Disassembler, JsonParsesAndAgreesWithTheModel) {
  auto code = xp::bctest::host_compile(kSource);
  const auto dc = xp::tools::disassemble(code, {});
  xp::tools::DisInput in;
  in.path = "x.pyc";
  in.version = code->version;
  const std::string text = xp::tools::render_json(in, dc);
  Ref json = Ref::steal(PyImport_ImportModule("json"));
  Ref doc = Ref::steal(PyObject_CallMethod(json.get(), "loads", "s", text.c_str()));
  ASSERT_TRUE(doc) << xp::bctest::python_error() << text.substr(0, 400);
  PyObject* c = PyDict_GetItemString(doc.get(), "code");
  ASSERT_NE(c, nullptr);
  PyObject* instrs = PyDict_GetItemString(c, "instructions");
  ASSERT_TRUE(instrs && PyList_Check(instrs));
  EXPECT_EQ(static_cast<size_t>(PyList_GET_SIZE(instrs)), dc.lines.size());
  EXPECT_EQ(PyDict_GetItemString(doc.get(), "header"), Py_None);
  PyObject* nested = PyDict_GetItemString(c, "code_objects");
  ASSERT_TRUE(nested && PyList_Check(nested));
  EXPECT_EQ(static_cast<size_t>(PyList_GET_SIZE(nested)), dc.children.size());
}

TEST(Disassembler, ListsUnverifiedBytecodeWithoutCrashing) {
  // LOAD_CONST 200 with one constant: the verifier refuses it; --no-verify
  // lists it with an empty argrepr (dis would raise IndexError).
  auto base = xp::bctest::host_compile("x = 1\n");
  const uint8_t resume = xp::bctest::opcode({3, 11}, "RESUME");
  const uint8_t load = xp::bctest::opcode({3, 11}, "LOAD_CONST");
  const uint8_t ret = xp::bctest::opcode({3, 11}, "RETURN_VALUE");
  std::string bytes = {static_cast<char>(resume), 0, static_cast<char>(load), static_cast<char>(200),
                       static_cast<char>(ret), 0};
  auto bad = xp::bctest::with_code(*base, bytes);
  bad->linetable.clear();
  bad->exceptiontable.clear();
  EXPECT_THROW(xp::tools::disassemble(bad, {}), xp::VerifyError);
  xp::tools::DisOptions opts;
  opts.verify = false;
  const auto dc = xp::tools::disassemble(bad, opts);
  ASSERT_EQ(dc.lines.size(), 3u);
  EXPECT_EQ(dc.lines[1].arg, 200u);
  EXPECT_EQ(dc.lines[1].argrepr, "");
  xp::tools::DisInput in;
  in.path = "bad";
  in.version = bad->version;
  const std::string text = xp::tools::render_text(in, dc, opts);
  EXPECT_NE(text.find("# not verified"), std::string::npos);
  EXPECT_NE(text.find("LOAD_CONST             200"), std::string::npos) << text;
}

std::string repr_in(const char* expr, xp::PyVersion v) {
  Ref globals = Ref::steal(PyDict_New());
  PyDict_SetItemString(globals.get(), "__builtins__", PyEval_GetBuiltins());
  Ref obj = Ref::steal(PyRun_String(expr, Py_eval_input, globals.get(), globals.get()));
  EXPECT_TRUE(obj) << xp::bctest::python_error();
  return obj ? xp::tools::const_repr(obj.get(), v) : "";
}

TEST(Disassembler, OldVersionsReprConstantsTheirWay) {
  const xp::PyVersion v27{2, 7}, v26{2, 6}, v30{3, 0}, v311{3, 11};
  EXPECT_EQ(repr_in("b'a\\xff\\'\"'", v27), "'a\\xff\\'\"'");
  EXPECT_EQ(repr_in("'\\xe9\\u1234'", v27), "u'\\xe9\\u1234'");
  EXPECT_EQ(repr_in("2**70", v27), "1180591620717411303424L");
  EXPECT_EQ(repr_in("5", v27), "5");
  EXPECT_EQ(repr_in("(b'x', ('y',), frozenset([1]))", v27), "('x', (u'y',), frozenset([1]))");
  EXPECT_EQ(repr_in("frozenset()", v27), "frozenset([])");
  EXPECT_EQ(repr_in("0.1", v27), "0.1");
  EXPECT_EQ(repr_in("0.1", v26), "0.10000000000000001");
  // 2.6 printed "%.17g" and added ".0" to what reads as an integer.
  EXPECT_EQ(repr_in("(1.0, 1e16, 1e17, 2j)", v26), "(1.0, 10000000000000000.0, 1e+17, 2j)");
  EXPECT_EQ(repr_in("0.1", v30), "0.10000000000000001");
  EXPECT_EQ(repr_in("frozenset()", v30), "frozenset()");
  EXPECT_EQ(repr_in("b'x'", v30), "b'x'");
  EXPECT_EQ(repr_in("(0.1, 'x')", v311), "(0.1, 'x')");
}

}  // namespace
