// 3.11 (the host's version): every field xpython loads equals what the
// host's own marshal.loads gives for the same bytes, recursively (nested
// code, consts values and types, line and exception tables, localsplus).
#include "core/error.h"
#include "pyc/pyc_file.h"
#include "pyc_test_util.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;
using xp::Ref;
using xp::steal;

namespace {

// localsplusnames/kinds are not Python-visible in 3.11: compare with the
// host code object's C fields.
void expect_same_localsplus(const xp::Code& mine, PyObject* host, const std::string& where) {
  ASSERT_TRUE(PyCode_Check(host)) << where;
  auto* co = reinterpret_cast<PyCodeObject*>(host);
  const Py_ssize_t n = PyTuple_GET_SIZE(co->co_localsplusnames);
  ASSERT_EQ(mine.localsplusnames.size(), static_cast<size_t>(n)) << where;
  for (Py_ssize_t i = 0; i < n; ++i)
    EXPECT_EQ(PyUnicode_Compare(mine.localsplusnames[static_cast<size_t>(i)].get(),
                                PyTuple_GET_ITEM(co->co_localsplusnames, i)), 0)
        << where << " localsplusnames[" << i << "]";
  ASSERT_EQ(mine.localspluskinds,
            std::string(PyBytes_AS_STRING(co->co_localspluskinds), static_cast<size_t>(PyBytes_GET_SIZE(co->co_localspluskinds))))
      << where;
  EXPECT_EQ(mine.nlocals, co->co_nlocals) << where;
  // Nested code objects, in co_consts order.
  size_t k = 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(co->co_consts); ++i) {
    PyObject* c = PyTuple_GET_ITEM(co->co_consts, i);
    ASSERT_LT(k, mine.consts.size());
    if (PyCode_Check(c)) {
      ASSERT_TRUE(mine.consts[static_cast<size_t>(i)].code) << where << " const " << i;
      expect_same_localsplus(*mine.consts[static_cast<size_t>(i)].code, c, where + "/" + mine.consts[static_cast<size_t>(i)].code->name_utf8());
    }
    ++k;
  }
}

// Compares a loaded Code with the host's code object for the same marshal bytes.
void compare_with_host(const xp::Code& mine, const std::string& marshal_bytes, const std::string& where) {
  Ref marshal = steal(PyImport_ImportModule("marshal"));
  Ref host = steal(PyObject_CallMethod(marshal.get(), "loads", "y#", marshal_bytes.data(),
                                       static_cast<Py_ssize_t>(marshal_bytes.size())));
  ASSERT_TRUE(host) << where << ": host marshal.loads failed: " << xp::testing::take_python_error();
  Ref want = steal(PyObject_CallMethod(xp::testing::pyc_dump_module().get(), "dump_code", "O", host.get()));
  ASSERT_TRUE(want) << xp::testing::take_python_error();
  Ref got = xp::testing::normalised(mine);
  EXPECT_EQ(xp::testing::first_diff(want.get(), got.get()), "") << where;
  expect_same_localsplus(mine, host.get(), where);
}

TEST(PycRoundTrip311, CorpusPycFieldsEqualHostMarshal) {
  const fs::path dir = fs::path(XP_CORPUS_DIR) / "3.11";
  ASSERT_TRUE(fs::is_directory(dir)) << "corpus folder missing: " << dir;
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".pyc") continue;
    const std::string data = xp::testing::read_file(e.path().string());
    xp::pyc::PycFile f = xp::pyc::load_pyc_bytes(data, e.path().string());
    compare_with_host(*f.code, data.substr(16), e.path().string());
    ++n;
  }
  std::cout << "[roundtrip 3.11] " << n << " corpus .pyc files compared with host marshal.loads\n";
  EXPECT_GT(n, 50u);
}

// Sources compiled by the host now, marshalled, loaded headerless.
TEST(PycRoundTrip311, HostCompiledSourcesEqualHostMarshal) {
  std::vector<std::string> sources = xp::testing::corpus_sources_for(311);
  ASSERT_GT(sources.size(), 50u) << "corpus/src missing or too small";
  Ref marshal = steal(PyImport_ImportModule("marshal"));
  Ref builtins = steal(PyImport_ImportModule("builtins"));
  for (const std::string& path : sources) {
    const std::string src = xp::testing::read_file(path);
    Ref code = steal(PyObject_CallMethod(builtins.get(), "compile", "s#ssii", src.data(), static_cast<Py_ssize_t>(src.size()),
                                         fs::path(path).filename().c_str(), "exec", 0, 1));
    ASSERT_TRUE(code) << path << ": " << xp::testing::take_python_error();
    Ref dumped = steal(PyObject_CallMethod(marshal.get(), "dumps", "O", code.get()));
    ASSERT_TRUE(dumped) << xp::testing::take_python_error();
    const std::string bytes(PyBytes_AS_STRING(dumped.get()), static_cast<size_t>(PyBytes_GET_SIZE(dumped.get())));
    std::shared_ptr<xp::Code> mine = xp::pyc::load_marshal_code(bytes, xp::PyVersion(3, 11), path);
    compare_with_host(*mine, bytes, path);
  }
  std::cout << "[roundtrip 3.11] " << sources.size() << " host-compiled sources compared\n";
}

// Constants of every kind, including ones compile() never makes (lists,
// dicts, sets, big negative ints, nan) reached through marshal.dumps of a
// hand-built code object's co_consts via code.replace().
TEST(PycRoundTrip311, EveryConstantKind) {
  const char* py = R"(
import marshal
def f(): pass
consts = (None, True, False, Ellipsis, StopIteration, 0, -1, 2**31 - 1, -2**31, 2**31, -2**63, 2**200, -(2**200),
          1.5, -0.0, float('inf'), float('nan'), 1e-310, 3+4j, complex(-0.0, float('inf')),
          b'', b'\x00\xff', '', 'ascii', 'x' * 300, 'h\xe9llo \u20ac \U0001f600', '\udcff',
          (), (1, (2, (3,))), tuple(range(300)), frozenset(), frozenset({1, 'a', (2, 3)}),
          f.__code__)
co = f.__code__.replace(co_consts=consts, co_names=('a', 'b' * 300), co_filename='fi\xe9le.py', co_name='f', co_qualname='Q.f')
data = marshal.dumps(co)
)";
  Ref globals = steal(PyDict_New());
  PyDict_SetItemString(globals.get(), "__builtins__", PyEval_GetBuiltins());
  Ref r = steal(PyRun_String(py, Py_file_input, globals.get(), globals.get()));
  ASSERT_TRUE(r) << xp::testing::take_python_error();
  PyObject* data = PyDict_GetItemString(globals.get(), "data");
  const std::string bytes(PyBytes_AS_STRING(data), static_cast<size_t>(PyBytes_GET_SIZE(data)));
  std::shared_ptr<xp::Code> mine = xp::pyc::load_marshal_code(bytes, xp::PyVersion(3, 11), "consts");
  compare_with_host(*mine, bytes, "consts");
  ASSERT_EQ(mine->consts.size(), 33u);
  EXPECT_TRUE(mine->consts[32].is_code());
  EXPECT_EQ(mine->qualname_utf8(), "Q.f");
  // The comparison notices a difference.
  {
    Ref host = steal(PyObject_CallMethod(xp::testing::pyc_dump_module().get(), "dump_code", "O",
                                         PyDict_GetItemString(globals.get(), "co")));
    xp::Code altered = *mine;
    altered.consts[1].obj = xp::borrow(Py_False);
    EXPECT_NE(xp::testing::first_diff(host.get(), xp::testing::normalised(altered).get()), "");
    altered = *mine;
    altered.linetable += '\x01';
    EXPECT_NE(xp::testing::first_diff(host.get(), xp::testing::normalised(altered).get()), "");
    EXPECT_EQ(xp::testing::first_diff(host.get(), xp::testing::normalised(*mine).get()), "");
  }
  // Same types as the host made (ints stay int, str stays str, ...).
  Ref host_co = steal(PyObject_GetAttrString(PyDict_GetItemString(globals.get(), "co"), "co_consts"));
  for (size_t i = 0; i + 1 < mine->consts.size(); ++i)
    EXPECT_EQ(Py_TYPE(mine->consts[i].obj.get()), Py_TYPE(PyTuple_GET_ITEM(host_co.get(), static_cast<Py_ssize_t>(i)))) << i;
}

}  // namespace
