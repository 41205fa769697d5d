#include "tools/opcode_stats.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

namespace xp::tools {

namespace {
std::string g_path;
std::map<std::string, unsigned long long> g_counts;  // keyed by "3.11 NAME"
// Per (version table, opcode byte) counters: the hot path is one increment.
std::map<const VersionTable*, std::array<unsigned long long, 256>> g_raw;
}  // namespace

bool init_opcode_stats() {
  const char* p = std::getenv("XPYTHON_OPCODE_STATS");
  if (p != nullptr && *p != '\0') g_path = p;
  return !g_path.empty();
}

bool opcode_stats_enabled() { return !g_path.empty(); }

void count_instruction(vm::Frame* f, const Instr* instr) {
  auto& counts = g_raw[f->ec->prog->table];
  ++counts[instr->opcode];
}

void write_opcode_stats() {
  if (g_path.empty()) return;
  for (const auto& [table, counts] : g_raw) {
    for (int op = 0; op < 256; ++op) {
      if (counts[op] == 0) continue;
      const OpcodeRow* row = table->row(static_cast<uint8_t>(op));
      const std::string key = table->version.str() + " " + (row ? row->name : std::to_string(op));
      g_counts[key] += counts[op];
    }
  }
  // Merge with what earlier runs wrote (several programs, one file).
  std::map<std::string, unsigned long long> merged = g_counts;
  {
    std::ifstream in(g_path);
    std::string version, name;
    unsigned long long n;
    while (in >> version >> name >> n) merged[version + " " + name] += n;
  }
  std::ofstream out(g_path, std::ios::trunc);
  for (const auto& [key, n] : merged) out << key << " " << n << "\n";
  g_raw.clear();
  g_counts.clear();
}

}  // namespace xp::tools
