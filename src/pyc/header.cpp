// .pyc headers of every era:
//   <= 3.2   magic(2) '\r\n' mtime(4)                                  8 bytes
//   3.3-3.6  magic(2) '\r\n' mtime(4) source_size(4)                  12 bytes
//   3.7+     magic(2) '\r\n' flags(4) then mtime(4) size(4) or hash(8) 16 bytes (PEP 552)
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <cstdio>

namespace xp::pyc {
namespace {

uint32_t u32_at(std::string_view d, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(d[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(d[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(d[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(d[at + 3])) << 24;
}

}  // namespace

size_t header_size(PyVersion v) {
  if (v.at_least(3, 7)) return 16;
  if (v.at_least(3, 3)) return 12;
  return 8;
}

PycHeader parse_header(std::string_view data, const std::string& name) {
  if (data.size() < 4)
    throw LoadError(name + ": truncated .pyc header: " + std::to_string(data.size()) +
                        " bytes, a magic number needs 4", data.size());
  PycHeader h;
  const uint16_t magic = static_cast<uint16_t>(static_cast<uint8_t>(data[0]) | static_cast<uint8_t>(data[1]) << 8);
  if (data[2] != '\r' || data[3] != '\n') {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02x %02x", static_cast<uint8_t>(data[2]), static_cast<uint8_t>(data[3]));
    throw LoadError(name + ": not a .pyc file: magic number " + std::to_string(magic) +
                        " is not followed by \\r\\n (found " + buf + ")", 2);
  }
  std::optional<MagicInfo> info = lookup_magic(magic);
  if (!info)
    throw InputError(name + ": unknown magic number " + std::to_string(magic) +
                     " (not a .pyc of any known Python version)");
  h.magic = *info;
  h.size = header_size(info->version);
  if (data.size() < h.size)
    throw LoadError(name + ": truncated .pyc header: " + std::to_string(data.size()) + " bytes, Python " +
                        info->label + " headers have " + std::to_string(h.size), data.size());
  if (h.size == 16) {
    h.flags = u32_at(data, 4);
    // importlib rejects any other bit ("invalid flags"); so do we.
    if (h.flags & ~3u) {
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%x", h.flags);
      throw LoadError(name + ": invalid .pyc flags " + hex + " (PEP 552 defines bits 0 and 1 only)", 4);
    }
    if (h.hash_based()) {
      h.source_hash = static_cast<uint64_t>(u32_at(data, 8)) | static_cast<uint64_t>(u32_at(data, 12)) << 32;
    } else {
      h.timestamp = u32_at(data, 8);
      h.source_size = u32_at(data, 12);
    }
  } else {
    h.timestamp = u32_at(data, 4);
    if (h.size == 12) h.source_size = u32_at(data, 8);
  }
  return h;
}

}  // namespace xp::pyc
