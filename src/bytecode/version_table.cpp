#include "bytecode/version_table.h"

#include <cstring>
#include <memory>

namespace xp {

namespace {

struct VersionTableData {
  PyVersion version;
  int have_argument;
  const char* source;
  const OpcodeRow* rows;
  size_t count;
};

#include "version_tables.inc"

struct Registry {
  std::vector<std::unique_ptr<VersionTable>> tables;
  Registry() {
    for (const VersionTableData& d : kVersionTableData) {
      auto t = std::make_unique<VersionTable>();
      t->version = d.version;
      t->have_argument = d.have_argument;
      t->source = d.source;
      for (size_t i = 0; i < d.count; ++i) {
        const OpcodeRow& r = d.rows[i];
        t->rows[r.opcode] = &r;
        if (std::strcmp(r.name, "EXTENDED_ARG") == 0) t->extended_arg = r.opcode;
        if (std::strcmp(r.name, "CACHE") == 0) t->cache = r.opcode;
      }
      tables.push_back(std::move(t));
    }
  }
};

const Registry& registry() {
  static const Registry r;
  return r;
}

}  // namespace

int VersionTable::opcode_of(const char* name) const {
  for (int i = 0; i < 256; ++i)
    if (rows[i] != nullptr && std::strcmp(rows[i]->name, name) == 0) return i;
  return -1;
}

const VersionTable* version_table(PyVersion v) {
  for (const auto& t : registry().tables)
    if (t->version == v) return t.get();
  return nullptr;
}

std::vector<const VersionTable*> all_version_tables() {
  std::vector<const VersionTable*> out;
  for (const auto& t : registry().tables) out.push_back(t.get());
  return out;
}

}  // namespace xp
