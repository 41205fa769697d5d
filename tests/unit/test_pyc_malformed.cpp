// tests/malformed/: every hand-made bad .pyc (scripts/make_malformed.py) is
// rejected with the expected exit status and message, by the loader or, when
// the defect is in the bytecode, by decode(); the untouched bases in
// controls/ load and decode.
#include "bytecode/program.h"
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(XP_SOURCE_DIR) / "tests" / "malformed";

struct Expectation {
  int status;
  std::string needle;
};

std::map<std::string, Expectation> read_expected() {
  std::map<std::string, Expectation> out;
  std::ifstream in(kDir / "EXPECTED.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    std::string file, status, needle;
    std::getline(ss, file, '\t');
    std::getline(ss, status, '\t');
    std::getline(ss, needle);
    out[file] = {std::stoi(status), needle};
  }
  return out;
}

// Loads and decodes everything; throws what the first failure throws.
void load_and_decode(const std::string& path) {
  xp::pyc::PycFile f = xp::pyc::load_pyc_file(path);
  std::vector<std::shared_ptr<xp::Code>> todo{f.code};
  while (!todo.empty()) {
    std::shared_ptr<xp::Code> c = todo.back();
    todo.pop_back();
    for (const xp::Const& k : c->consts)
      if (k.code) todo.push_back(k.code);
    (void)xp::decode(c);
  }
}

TEST(PycMalformed, EveryFileRejectedAsExpected) {
  ASSERT_TRUE(fs::is_directory(kDir)) << kDir;
  std::map<std::string, Expectation> expected = read_expected();
  ASSERT_GE(expected.size(), 100u);
  size_t checked = 0, exit3 = 0;
  for (const auto& e : fs::directory_iterator(kDir)) {
    if (e.path().extension() != ".pyc") continue;
    const std::string name = e.path().filename().string();
    auto it = expected.find(name);
    if (it == expected.end()) {
      ADD_FAILURE() << name << " has no row in EXPECTED.tsv";
      continue;
    }
    try {
      load_and_decode(e.path().string());
      ADD_FAILURE() << name << ": accepted (expected exit " << it->second.status << ", '" << it->second.needle << "')";
    } catch (const xp::InputError& err) {
      EXPECT_EQ(err.exit_status(), it->second.status) << name << ": " << err.what();
      EXPECT_NE(std::string(err.what()).find(it->second.needle), std::string::npos)
          << name << ": message lacks '" << it->second.needle << "': " << err.what();
      // One line; the loader's errors name the file (decode errors name
      // the code object and its co_filename instead).
      EXPECT_EQ(std::string(err.what()).find('\n'), std::string::npos) << name;
      if (!dynamic_cast<const xp::VerifyError*>(&err)) {
        EXPECT_NE(std::string(err.what()).find(name), std::string::npos) << name << ": " << err.what();
      }
      exit3 += err.exit_status() == 3;
    } catch (const std::exception& other) {
      ADD_FAILURE() << name << ": not an InputError: " << other.what();
    }
    EXPECT_FALSE(PyErr_Occurred()) << name << " left a Python error pending";
    PyErr_Clear();
    ++checked;
    expected.erase(it);
  }
  for (const auto& [name, _] : expected) ADD_FAILURE() << "EXPECTED.tsv lists a missing file: " << name;
  std::cout << "[malformed] " << checked << " files rejected (" << exit3 << " as unsupported, exit 3)\n";
}

TEST(PycMalformed, ControlsLoadAndDecode) {
  size_t n = 0;
  for (const auto& e : fs::directory_iterator(kDir / "controls")) {
    if (e.path().extension() != ".pyc") continue;
    try {
      load_and_decode(e.path().string());
    } catch (const std::exception& err) {
      ADD_FAILURE() << "control " << e.path().filename() << ": " << err.what();
    }
    ++n;
  }
  EXPECT_GE(n, 15u);
}

}  // namespace
