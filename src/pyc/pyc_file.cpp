// Whole .pyc files and headerless marshal payloads.
#include "pyc/pyc_file.h"

#include "core/error.h"
#include "pyc/marshal_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace xp::pyc {
namespace {

void require_supported(const MagicInfo& m, const std::string& name) {
  if (m.supported) return;
  if (m.other_impl)
    throw UnsupportedError(name + ": .pyc of " + m.label + " (magic " + std::to_string(m.magic) +
                           "): bytecode of that implementation is not supported");
  throw UnsupportedError(name + ": .pyc of Python " + m.label + " (magic " + std::to_string(m.magic) +
                         "): version " + m.version.str() + " is not supported (xpython reads CPython 2.4-3.14, "
                         "PyPy 2.7 and 3.5-3.10)");
}

}  // namespace

PycFile load_pyc_bytes(std::string_view data, const std::string& name, const LoadOptions& opts) {
  if (data.size() > kMaxPycSize)
    throw InputError(name + ": file too large for a .pyc (" + std::to_string(data.size()) + " bytes)");
  PycFile f;
  f.path = name;
  f.header = parse_header(data, name);
  require_supported(f.header.magic, name);
  MarshalReader r(data.substr(f.header.size), f.header.size, f.header.magic.version, name, opts);
  f.code = r.read_code_object();
  return f;
}

PycFile load_pyc_file(const std::string& path, const LoadOptions& opts) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a .pyc file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open: " + std::strerror(errno));
  std::string data;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw InputError(path + ": cannot read (not a regular file?)");
  if (static_cast<uint64_t>(size) > kMaxPycSize)
    throw InputError(path + ": file too large for a .pyc (" + std::to_string(size) + " bytes)");
  data.resize(static_cast<size_t>(size));
  in.seekg(0);
  if (!in.read(data.data(), size)) throw InputError(path + ": read error");
  return load_pyc_bytes(data, path, opts);
}

std::shared_ptr<Code> load_marshal_code(std::string_view data, PyVersion version, const std::string& name,
                                        const LoadOptions& opts) {
  if (data.size() > kMaxPycSize)
    throw InputError(name + ": file too large (" + std::to_string(data.size()) + " bytes)");
  std::optional<uint16_t> magic = release_magic(version);
  if (!magic) throw InputError(name + ": unknown Python version " + version.str());
  std::optional<MagicInfo> info = lookup_magic(*magic);
  require_supported(*info, name);
  MarshalReader r(data, 0, version, name, opts);
  return r.read_code_object();
}

}  // namespace xp::pyc
