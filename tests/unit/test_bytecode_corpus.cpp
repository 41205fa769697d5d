// Every .pyc of tests/corpus/ (real compilers, 2.4-3.14 and PyPy 3.9):
// every code object decodes and verifies, and the verifier's deepest stack
// and the replayed compiler model are compared with co_stacksize.
#include "bytecode/program.h"
#include "bytecode/stack_effect.h"
#include "bytecode_test_util.h"
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace {

struct Stats {
  int files = 0, codes = 0, verified = 0, load_errors = 0;
  int runtime_eq = 0, runtime_below = 0;    // verified max == / < co_stacksize
  int model_eq = 0, model_diff = 0;         // compiler replay == / != co_stacksize
  std::vector<std::string> errors;
  std::vector<std::string> model_diffs;
};

TEST(BytecodeCorpus, EveryCodeObjectDecodesAndVerifies) {
  const fs::path corpus = fs::path(XP_CORPUS_DIR);
  ASSERT_TRUE(fs::is_directory(corpus)) << "missing corpus at " << corpus;
  std::map<std::string, Stats> by_version;
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.is_directory() && e.path().filename() != "src") dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  int total_fail = 0;
  for (const fs::path& dir : dirs) {
    Stats& st = by_version[dir.filename().string()];
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".pyc") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      ++st.files;
      xp::pyc::PycFile pyc;
      try {
        pyc = xp::pyc::load_pyc_file(f.string());
      } catch (const xp::InputError& e) {
        ++st.load_errors;
        st.errors.push_back(std::string("load: ") + e.what());
        continue;
      }
      xp::bctest::for_each_code(*pyc.code, [&](const xp::Code& c) {
        ++st.codes;
        std::shared_ptr<const xp::Code> cp(std::shared_ptr<const xp::Code>{}, &c);
        try {
          auto prog = xp::decode(cp);
          ++st.verified;
          if (prog->max_stack_depth == static_cast<uint32_t>(c.stacksize)) ++st.runtime_eq;
          else ++st.runtime_below;
          const int64_t model = xp::compiler_max_depth(*prog);
          if (model == c.stacksize) {
            ++st.model_eq;
          } else {
            ++st.model_diff;
            if (st.model_diffs.size() < 500)
              st.model_diffs.push_back(f.filename().string() + ":" + c.qualname_utf8() + " model " +
                                       std::to_string(model) + " vs co_stacksize " + std::to_string(c.stacksize));
          }
        } catch (const xp::InputError& e) {
          st.errors.push_back(e.what());
        }
      });
    }
    total_fail += static_cast<int>(st.errors.size());
  }
  std::printf("%-9s %5s %6s %8s %10s %10s %9s %9s\n", "version", "files", "codes", "verified", "max==size",
              "max<size", "model==", "model!=");
  for (const auto& [v, st] : by_version) {
    std::printf("%-9s %5d %6d %8d %10d %10d %9d %9d\n", v.c_str(), st.files, st.codes, st.verified, st.runtime_eq,
                st.runtime_below, st.model_eq, st.model_diff);
    for (size_t k = 0; k < st.errors.size() && k < 8; ++k) std::printf("    FAIL %s\n", st.errors[k].c_str());
    if (st.errors.size() > 8) std::printf("    ... %zu more\n", st.errors.size() - 8);
    for (size_t k = 0; k < st.model_diffs.size() && k < 3; ++k) std::printf("    model %s\n", st.model_diffs[k].c_str());
  }
  if (const char* dump = std::getenv("XP_CORPUS_ERRORS")) {
    FILE* f = std::fopen(dump, "w");
    for (const auto& [v, st] : by_version) {
      for (const auto& e : st.errors) std::fprintf(f, "%s\n", e.c_str());
      for (const auto& e : st.model_diffs) std::fprintf(f, "MODEL %s %s\n", v.c_str(), e.c_str());
    }
    std::fclose(f);
  }
  EXPECT_EQ(total_fail, 0);
}

}  // namespace
