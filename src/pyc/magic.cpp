// Magic number -> version, from the generated table (facts/magic-numbers.tsv).
#include "bytecode/version_table.h"
#include "pyc/pyc_file.h"

namespace xp::pyc {
namespace {

struct MagicRow {
  uint16_t magic;
  uint8_t major, minor;
  uint8_t impl;  // 0 CPython, 1 PyPy, 2 other (Jython, Graal, RustPython, Pyston, ...)
  const char* label;
};

constexpr MagicRow kMagics[] = {
#include "magic_table.inc"
};

MagicInfo info_of(const MagicRow& r) {
  MagicInfo m;
  m.magic = r.magic;
  m.version = PyVersion(r.major, r.minor, r.impl == 1 ? Impl::PyPy : Impl::CPython);
  m.label = r.label;
  // Other implementations share CPython's version numbers but not its
  // bytecode: never decodable, whatever tables exist.
  m.supported = r.impl != 2 && version_table(m.version) != nullptr;
  m.other_impl = r.impl == 2;
  return m;
}

}  // namespace

std::optional<MagicInfo> lookup_magic(uint16_t magic) {
  for (const MagicRow& r : kMagics)
    if (r.magic == magic) return info_of(r);
  return std::nullopt;
}

// A release uses the last magic its alpha/beta series settled on: the
// highest number recorded for that version (1.x magics are not ordered, but
// 1.x has no release magic we could use anyway).
std::optional<uint16_t> release_magic(PyVersion v) {
  std::optional<uint16_t> best;
  const uint8_t impl = v.is_pypy() ? 1 : 0;
  for (const MagicRow& r : kMagics) {
    if (r.impl != impl || r.major != v.major || r.minor != v.minor) continue;
    if (!best || r.magic > *best) best = r.magic;
  }
  return best;
}

}  // namespace xp::pyc
