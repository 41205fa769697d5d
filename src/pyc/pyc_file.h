// Reading .pyc files: header (magic -> version) and the marshalled code object.
#pragma once

#include "core/version.h"
#include "pyc/code.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace xp::pyc {

// How 2.x byte strings ('s' / 't' / 'R') become host objects.
enum class Py2StrMode : uint8_t {
  Str,    // host str, bytes decoded as UTF-8 with surrogateescape (default; lossless)
  Bytes,  // host bytes
};

struct LoadOptions {
  Py2StrMode py2_str = Py2StrMode::Str;
};

struct MagicInfo {
  uint16_t magic = 0;        // the little-endian first two bytes
  PyVersion version;         // the Python this magic belongs to
  std::string label;         // as recorded in magic-numbers.tsv ("3.11a7", "3.9PyPy", ...)
  bool supported = false;    // a version xpython knows how to decode (2.4-3.14, PyPy 2.7/3.5-3.10)
  bool other_impl = false;   // Jython, GraalPy, RustPython, Pyston, ...: never decodable
};

// Looks a magic number up; nullopt when unknown.
std::optional<MagicInfo> lookup_magic(uint16_t magic);
// The release magic of a version ("3.11" -> 3495); nullopt when none.
std::optional<uint16_t> release_magic(PyVersion v);

struct PycHeader {
  MagicInfo magic;
  size_t size = 0;               // header length: 8, 12 or 16
  uint32_t flags = 0;            // 3.7+ PEP 552 flags (bit 0: hash based, bit 1: check_source)
  uint32_t timestamp = 0;        // when not hash based
  uint64_t source_hash = 0;      // when hash based
  std::optional<uint32_t> source_size;  // 3.3+
  bool hash_based() const { return flags & 1; }
};

struct PycFile {
  std::string path;
  PycHeader header;
  std::shared_ptr<Code> code;
};

// Reads and parses a whole .pyc file. Throws InputError (LoadError for
// malformed data; UnsupportedError exit 3 for a known but undecodable
// version; exit 2 for a missing file or unknown magic).
PycFile load_pyc_file(const std::string& path, const LoadOptions& opts = {});
// Same, from bytes already in memory (`name` is used in messages).
PycFile load_pyc_bytes(std::string_view data, const std::string& name, const LoadOptions& opts = {});
// A headerless marshal payload of a given version (xpython --dis --version-of).
std::shared_ptr<Code> load_marshal_code(std::string_view data, PyVersion version,
                                        const std::string& name, const LoadOptions& opts = {});
// Parses the header only: LoadError when truncated or malformed, InputError
// (exit 2) for an unknown magic. It does not reject unsupported versions
// (load_pyc_bytes does, with UnsupportedError) so that tools can still name them.
PycHeader parse_header(std::string_view data, const std::string& name);

// The header length a version's .pyc files use (8, 12 or 16).
size_t header_size(PyVersion v);

// Largest .pyc / marshal payload accepted (lengths inside are 32-bit anyway).
inline constexpr size_t kMaxPycSize = size_t{1} << 30;

}  // namespace xp::pyc
