// Each pyenv interpreter compiles (a slice of) its own standard library;
// every code object must decode and verify, and the replayed compiler
// model is compared with co_stacksize.
#include "bytecode/program.h"
#include "bytecode/stack_effect.h"
#include "bytecode_test_util.h"
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace {

// Compiles up to `limit` top-level stdlib modules into argv[1]/NAME.pyc.
const char* kScript = R"PY(
import os, sys, py_compile
out, limit = sys.argv[1], int(sys.argv[2])
lib = os.path.dirname(os.__file__)
names = sorted(n for n in os.listdir(lib) if n.endswith('.py'))
done = 0
for n in names:
    if done >= limit:
        break
    try:
        py_compile.compile(os.path.join(lib, n), cfile=os.path.join(out, n + 'c'), doraise=True)
        done += 1
    except Exception:
        pass
print(done)
)PY";

class StdlibTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StdlibTest, EveryCodeObjectVerifies) {
  const std::string ver = GetParam();
  const std::string python = xp::bctest::pyenv_python_or_skip_message(ver);
  if (python.empty()) GTEST_SKIP();
  std::string leaf = "xp_stdlib_";
  leaf += ver;
  const fs::path dir = fs::path(::testing::TempDir()) / leaf;
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string script = (dir / "compile.py").string();
  FILE* f = std::fopen(script.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(kScript, f);
  std::fclose(f);
  int status = 0;
  const std::string out = xp::bctest::run(python + " " + script + " " + dir.string() + " 400", &status);
  ASSERT_EQ(status, 0) << out;

  int files = 0, codes = 0, model_eq = 0, failures = 0;
  std::string model_diffs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".pyc") continue;
    ++files;
    xp::pyc::PycFile pyc = xp::pyc::load_pyc_file(e.path().string());
    xp::bctest::for_each_code(*pyc.code, [&](const xp::Code& c) {
      ++codes;
      std::shared_ptr<const xp::Code> cp(std::shared_ptr<const xp::Code>{}, &c);
      try {
        auto prog = xp::decode(cp);
        const int64_t model = xp::compiler_max_depth(*prog);
        if (model == c.stacksize) {
          ++model_eq;
        } else if (model_diffs.size() < 600) {
          std::ostringstream os;
          os << ' ' << e.path().filename().string() << ':' << c.qualname_utf8() << '(' << model << '/' << c.stacksize
             << ')';
          model_diffs += os.str();
        }
      } catch (const xp::InputError& err) {
        ++failures;
        ADD_FAILURE() << err.what();
      }
    });
  }
  std::printf("[stdlib %s] %d files, %d code objects, %d failures, compiler model == co_stacksize for %d; differs:%s\n",
              ver.c_str(), files, codes, failures, model_eq, model_diffs.c_str());
  EXPECT_GT(files, 50);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Pyenv, StdlibTest,
                         ::testing::Values("2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"),
                         [](const auto& info) {
                           std::string s = "py" + info.param;
                           for (char& c : s)
                             if (c == '.') c = '_';
                           return s;
                         });

}  // namespace
