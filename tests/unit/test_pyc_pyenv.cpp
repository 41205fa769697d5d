// .pyc files compiled by each pyenv interpreter present (2.7, 3.6-3.13):
// xpython's view of every code object equals the interpreter's own view
// (tests/unit/pyc_dump.py run by that interpreter), field by field.
#include "core/error.h"
#include "pyc/pyc_file.h"
#include "pyc_test_util.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace fs = std::filesystem;
using xp::Ref;
using xp::steal;

namespace {

struct Interp {
  const char* version;   // pyenv folder prefix
  int major, minor;
};
const Interp kInterps[] = {{"2.7", 2, 7}, {"3.6", 3, 6}, {"3.7", 3, 7},   {"3.8", 3, 8},   {"3.9", 3, 9},
                           {"3.10", 3, 10}, {"3.11", 3, 11}, {"3.12", 3, 12}, {"3.13", 3, 13}};

// Constants the corpus programs may not all have, written for both 2.7 and 3.x.
const char* kEdgeSource = R"(# -*- coding: utf-8 -*-
a = u'h\xe9llo \u20ac'
b = 'caf\xc3\xa9 plain'
c = b'\x00\xff\x80 bytes'
d = 12345678901234567890123456789
e = -98765432109876543210
f = (1.5, -0.0, 1e308, 1e-308, 2.5e-320)
g = 3+4j, -2j
h = 'x' * 300
i = 7 in (1, 2, 3), 8 in set([1, 2])
def fn(a, b=2, *args, **kw):
    def g(): return a, b
    return g
class C(object):
    def m(self): return [k for k in range(3)]
)";

std::string pyenv_root() {
  if (const char* r = std::getenv("PYENV_ROOT")) return r;
  int st = 0;
  std::string out = xp::testing::run_command("pyenv root 2>/dev/null", st);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (st == 0 && !out.empty()) return out;
  if (const char* home = std::getenv("HOME")) return std::string(home) + "/.pyenv";
  return "";
}

std::string find_python(const std::string& prefix) {
  const fs::path versions = fs::path(pyenv_root()) / "versions";
  if (!fs::is_directory(versions)) return "";
  for (const auto& e : fs::directory_iterator(versions)) {
    const std::string n = e.path().filename().string();
    if (n.rfind(prefix + ".", 0) == 0 && fs::exists(e.path() / "bin" / "python")) return (e.path() / "bin" / "python").string();
  }
  return "";
}

// (Appends rather than "'" + s + "'": g++ 12 warns falsely on the latter, -Wrestrict.)
std::string quote(const std::string& s) {
  std::string r;
  r.reserve(s.size() + 2);
  r += '\'';
  r += s;
  r += '\'';
  return r;
}

class PyenvTest : public ::testing::TestWithParam<Interp> {};

TEST_P(PyenvTest, LoaderMatchesInterpretersOwnView) {
  const Interp it = GetParam();
  const std::string python = find_python(it.version);
  if (python.empty()) {
    std::cout << "SKIP: no pyenv interpreter " << it.version << " (pyenv root " << pyenv_root() << ")\n";
    GTEST_SKIP() << "no pyenv python " << it.version;
  }
  const fs::path tmp = fs::temp_directory_path() / ("xp_pyc_pyenv_" + std::string(it.version) + "_" + std::to_string(getpid()));
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  std::vector<std::string> sources;
  for (const std::string& s : xp::testing::corpus_sources_for(it.major * 100 + it.minor)) {
    const fs::path dst = tmp / fs::path(s).filename();
    fs::copy_file(s, dst);
    sources.push_back(dst.string());
  }
  ASSERT_GT(sources.size(), 20u) << "corpus/src missing or too small";
  {
    std::ofstream(tmp / "zz_edge_consts.py") << kEdgeSource;
    sources.push_back((tmp / "zz_edge_consts.py").string());
  }
  // Compile with the interpreter itself (py_compile, as a user would).
  std::string cmd = quote(python) + " -c " +
                    quote("import py_compile, sys\nfor s in sys.argv[1:]: py_compile.compile(s, cfile=s + \"c\", doraise=True)");
  for (const std::string& s : sources) {
    cmd += ' ';
    cmd += quote(s);
  }
  int st = 0;
  const std::string compile_out = xp::testing::run_command(cmd + " 2>&1", st);
  ASSERT_EQ(st, 0) << "py_compile under " << python << " failed: " << compile_out.substr(0, 2000);
  // The interpreter's own view.
  std::string dump_cmd = quote(python) + " " + quote(XP_SOURCE_DIR "/tests/unit/pyc_dump.py");
  std::vector<std::string> pycs;
  for (const std::string& s : sources) pycs.push_back(s + "c");
  // The corpus .pyc files of this version too (made by a real build of it).
  const fs::path corpus = fs::path(XP_CORPUS_DIR) / it.version;
  if (fs::is_directory(corpus))
    for (const auto& e : fs::directory_iterator(corpus))
      if (e.path().extension() == ".pyc") pycs.push_back(e.path().string());
  for (const std::string& p : pycs) {
    dump_cmd += ' ';
    dump_cmd += quote(p);
  }
  const std::string out = xp::testing::run_command(dump_cmd, st);
  ASSERT_EQ(st, 0) << "pyc_dump.py failed under " << python;
  Ref json = steal(PyImport_ImportModule("json"));
  std::istringstream lines(out);
  std::string line;
  size_t compared = 0;
  const xp::PyVersion want(it.major, it.minor);
  while (std::getline(lines, line)) {
    Ref rec = steal(PyObject_CallMethod(json.get(), "loads", "s", line.c_str()));
    ASSERT_TRUE(rec) << xp::testing::take_python_error();
    const std::string file = xp::utf8_of(PyDict_GetItemString(rec.get(), "file"));
    PyObject* theirs = PyDict_GetItemString(rec.get(), "code");
    try {
      // Bytes mode keeps 2.x str and unicode apart, as the interpreter does.
      xp::pyc::LoadOptions opts;
      opts.py2_str = xp::pyc::Py2StrMode::Bytes;
      xp::pyc::PycFile f = xp::pyc::load_pyc_file(file, opts);
      EXPECT_EQ(f.header.magic.version, want) << file;
      EXPECT_EQ(xp::testing::first_diff(theirs, xp::testing::normalised(*f.code).get()), "") << file;
      ++compared;
    } catch (const xp::InputError& e) {
      ADD_FAILURE() << e.what();
    }
  }
  std::cout << "[pyenv " << it.version << "] " << compared << " .pyc files compared with " << python << "\n";
  EXPECT_EQ(compared, pycs.size());
  fs::remove_all(tmp);
}

INSTANTIATE_TEST_SUITE_P(Pyc, PyenvTest, ::testing::ValuesIn(kInterps), [](const auto& info) {
  std::string s = info.param.version;
  std::replace(s.begin(), s.end(), '.', '_');
  return "py" + s;
});

}  // namespace
