// Line/location tables and exception tables decoded by xpython against the
// host's own view of the same code objects: co_positions(), dis's line
// starts and dis._parse_exception_table(), for every code object of a
// slice of the host's standard library.
#include "bytecode/exception_table.h"
#include "bytecode/linetable.h"
#include "bytecode/program.h"
#include "bytecode_test_util.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using xp::Ref;

struct Counts {
  int codes = 0, units = 0, entries = 0, starts = 0;
};

long as_long(PyObject* o) { return o == Py_None ? -1 : PyLong_AsLong(o); }

void compare(PyObject* host, const xp::Code& code, Counts& n) {
  ++n.codes;
  const std::vector<xp::LineRange> ranges = xp::decode_line_ranges(code);
  // co_positions(): one (line, end_line, col, end_col) per code unit.
  Ref it = xp::steal(PyObject_CallMethod(host, "co_positions", nullptr));
  ASSERT_TRUE(it) << xp::bctest::python_error();
  Ref pos_list = xp::steal(PySequence_List(it.get()));
  const Py_ssize_t units = PyList_GET_SIZE(pos_list.get());
  ASSERT_EQ(static_cast<size_t>(units) * 2, code.code.size()) << code.qualname_utf8();
  for (Py_ssize_t u = 0; u < units; ++u) {
    PyObject* t = PyList_GET_ITEM(pos_list.get(), u);
    const uint32_t off = static_cast<uint32_t>(u * 2);
    xp::Position mine;
    for (const xp::LineRange& r : ranges)
      if (r.start <= off && off < r.end) mine = r.pos;
    EXPECT_EQ(mine.line, as_long(PyTuple_GET_ITEM(t, 0))) << code.qualname_utf8() << " offset " << off;
    EXPECT_EQ(mine.end_line, as_long(PyTuple_GET_ITEM(t, 1))) << code.qualname_utf8() << " offset " << off;
    EXPECT_EQ(mine.col, as_long(PyTuple_GET_ITEM(t, 2))) << code.qualname_utf8() << " offset " << off;
    EXPECT_EQ(mine.end_col, as_long(PyTuple_GET_ITEM(t, 3))) << code.qualname_utf8() << " offset " << off;
    ++n.units;
  }
  // dis.findlinestarts()
  Ref dis = xp::steal(PyImport_ImportModule("dis"));
  Ref starts = xp::steal(PyObject_CallMethod(dis.get(), "findlinestarts", "O", host));
  Ref starts_list = xp::steal(PySequence_List(starts.get()));
  const auto mine_starts = xp::find_line_starts(code, ranges);
  ASSERT_EQ(static_cast<size_t>(PyList_GET_SIZE(starts_list.get())), mine_starts.size()) << code.qualname_utf8();
  for (size_t k = 0; k < mine_starts.size(); ++k) {
    PyObject* t = PyList_GET_ITEM(starts_list.get(), static_cast<Py_ssize_t>(k));
    EXPECT_EQ(static_cast<long>(mine_starts[k].first), PyLong_AsLong(PyTuple_GET_ITEM(t, 0)));
    EXPECT_EQ(static_cast<long>(mine_starts[k].second), PyLong_AsLong(PyTuple_GET_ITEM(t, 1)));
    ++n.starts;
  }
  // dis._parse_exception_table()
  std::shared_ptr<const xp::Code> cp(std::shared_ptr<const xp::Code>{}, &code);
  xp::DecodeOptions opts;
  opts.verify = false;
  auto prog = xp::decode(cp, opts);
  Ref entries = xp::steal(PyObject_CallMethod(dis.get(), "_parse_exception_table", "O", host));
  ASSERT_TRUE(entries) << xp::bctest::python_error();
  ASSERT_EQ(static_cast<size_t>(PyList_GET_SIZE(entries.get())), prog->exception_table.size());
  for (size_t k = 0; k < prog->exception_table.size(); ++k) {
    PyObject* e = PyList_GET_ITEM(entries.get(), static_cast<Py_ssize_t>(k));
    const xp::ExceptionEntry& m = prog->exception_table[k];
    auto field = [&](const char* name) { return as_long(xp::steal(PyObject_GetAttrString(e, name)).get()); };
    EXPECT_EQ(static_cast<long>(m.start_offset), field("start"));
    EXPECT_EQ(static_cast<long>(m.end_offset), field("end"));
    EXPECT_EQ(static_cast<long>(m.target_offset), field("target"));
    EXPECT_EQ(static_cast<long>(m.depth), field("depth"));
    EXPECT_EQ(m.lasti ? 1L : 0L, field("lasti"));
    // Instruction indices name the same offsets.
    EXPECT_EQ(prog->info[m.start].start_offset, m.start_offset);
    EXPECT_EQ(prog->info[m.target].start_offset, m.target_offset);
    ++n.entries;
  }
  // Nested code objects, in co_consts order on both sides.
  Ref consts = xp::steal(PyObject_GetAttrString(host, "co_consts"));
  size_t k = 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(consts.get()); ++i) {
    PyObject* c = PyTuple_GET_ITEM(consts.get(), i);
    if (!PyCode_Check(c)) continue;
    while (k < code.consts.size() && !code.consts[k].is_code()) ++k;
    ASSERT_LT(k, code.consts.size());
    compare(c, *code.consts[k].code, n);
    ++k;
  }
}

TEST(LineTable, MatchesHostPositionsLineStartsAndExceptionTables) {
  // Compile a slice of the host's standard library in-process.
  Ref os = xp::steal(PyImport_ImportModule("os"));
  Ref file = xp::steal(PyObject_GetAttrString(os.get(), "__file__"));
  const std::string lib = xp::utf8_of(file.get()).substr(0, xp::utf8_of(file.get()).rfind('/'));
  const char* modules[] = {"argparse.py", "asyncio/tasks.py", "dataclasses.py", "enum.py", "inspect.py",
                           "json/decoder.py", "pathlib.py", "re/_parser.py", "subprocess.py", "typing.py",
                           "unittest/case.py", "contextlib.py", "traceback.py", "functools.py"};
  Counts n;
  for (const char* m : modules) {
    const std::string path = lib + "/" + m;
    Ref io = xp::steal(PyImport_ImportModule("io"));
    Ref f = xp::steal(PyObject_CallMethod(io.get(), "open", "ss", path.c_str(), "rb"));
    ASSERT_TRUE(f) << path << ": " << xp::bctest::python_error();
    Ref data = xp::steal(PyObject_CallMethod(f.get(), "read", nullptr));
    PyObject_CallMethod(f.get(), "close", nullptr);
    Ref builtins = xp::steal(PyImport_ImportModule("builtins"));
    Ref co = xp::steal(PyObject_CallMethod(builtins.get(), "compile", "Oss", data.get(), path.c_str(), "exec"));
    ASSERT_TRUE(co) << xp::bctest::python_error();
    auto code = xp::bctest::host_code(co.get());
    compare(co.get(), *code, n);
  }
  std::printf("[linetable] %d code objects, %d code units, %d line starts, %d exception-table entries\n", n.codes,
              n.units, n.starts, n.entries);
  EXPECT_GT(n.codes, 1000);
  EXPECT_GT(n.entries, 500);
}

}  // namespace
