// The generated version tables against the facts files (read here
// independently), and canonical-op coverage: every opcode a .pyc may
// contain has a canonical op.
#include "bytecode/op.h"
#include "bytecode/version_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

TEST(VersionTables, EveryPycOpcodeHasACanonicalOp) {
  std::string missing;
  int rows = 0;
  for (const xp::VersionTable* t : xp::all_version_tables()) {
    for (int op = 0; op < 256; ++op) {
      const xp::OpcodeRow* row = t->row(static_cast<uint8_t>(op));
      if (row == nullptr || !row->pyc_ok) continue;
      ++rows;
      if (row->op == xp::kNoCanonicalOp) {
        missing += ' ';
        missing += t->version.str();
        missing += ':';
        missing += row->name;
      }
    }
  }
  EXPECT_GT(rows, 2500);
  EXPECT_TRUE(missing.empty()) << "opcodes without a canonical op:" << missing;
}

TEST(VersionTables, MatchTheFactsFiles) {
  const fs::path facts = fs::path(XP_SOURCE_DIR) / "facts";
  const std::regex name_re(R"(opcodes-(\d+)\.(\d+)(-pypy)?\.tsv)");
  int files = 0;
  std::set<std::string> seen;
  for (const auto& e : fs::directory_iterator(facts)) {
    std::smatch m;
    const std::string fname = e.path().filename().string();
    if (!std::regex_match(fname, m, name_re)) continue;
    ++files;
    const xp::PyVersion v{std::stoi(m[1]), std::stoi(m[2]), m[3].matched ? xp::Impl::PyPy : xp::Impl::CPython};
    const xp::VersionTable* t = xp::version_table(v);
    ASSERT_NE(t, nullptr) << fname;
    seen.insert(v.str());
    std::ifstream in(e.path());
    std::string line;
    int rows = 0;
    std::set<int> present;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::istringstream ls(line);
      std::string opcode, name, has_arg, kinds, cache, pyc_ok;
      std::getline(ls, opcode, '\t');
      std::getline(ls, name, '\t');
      std::getline(ls, has_arg, '\t');
      std::getline(ls, kinds, '\t');
      std::getline(ls, cache, '\t');
      std::getline(ls, pyc_ok, '\t');
      const int op = std::stoi(opcode);
      present.insert(op);
      const xp::OpcodeRow* row = t->row(static_cast<uint8_t>(op));
      ASSERT_NE(row, nullptr) << fname << " opcode " << op;
      EXPECT_EQ(row->name, name) << fname;
      EXPECT_EQ(row->has_arg, std::stoi(has_arg)) << fname << " " << name;
      EXPECT_EQ(row->cache_entries, cache.empty() ? 0 : std::stoi(cache)) << fname << " " << name;
      EXPECT_EQ(row->pyc_ok, std::stoi(pyc_ok)) << fname << " " << name;
      ++rows;
    }
    // No opcode beyond the facts.
    for (int op = 0; op < 256; ++op)
      if (!present.count(op)) {
        EXPECT_EQ(t->row(static_cast<uint8_t>(op)), nullptr) << fname << " has an extra opcode " << op;
      }
    EXPECT_GT(rows, 90) << fname;
  }
  EXPECT_EQ(files, 26);   // 2.4-3.14 (no 3.0 folder in the corpus, but a 3.0 table) and PyPy 2.7, 3.5-3.10
  EXPECT_EQ(xp::all_version_tables().size(), seen.size());
}

TEST(VersionTables, CanonicalOpNamesAreUnique) {
  std::set<std::string> names;
  for (int i = 0; i < xp::kOpCount; ++i) EXPECT_TRUE(names.insert(xp::op_name(static_cast<xp::Op>(i))).second);
  EXPECT_STREQ(xp::op_name(xp::kNoCanonicalOp), "<bad op>");
}

}  // namespace
