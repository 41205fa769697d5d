// libFuzzer target: arbitrary bytes as a .pyc, and as a headerless marshal
// payload of a version picked by the first byte; everything that loads is
// decoded and verified. An InputError (LoadError, VerifyError,
// UnsupportedError, ...) is the expected outcome for bad input; anything
// else -- a crash, a sanitizer report, another exception, a Python error
// left pending -- is a bug.
#include "bytecode/program.h"
#include "bytecode/version_table.h"
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

void decode_all(const std::shared_ptr<xp::Code>& top) {
  std::vector<std::shared_ptr<xp::Code>> todo{top};
  while (!todo.empty()) {
    std::shared_ptr<xp::Code> c = todo.back();
    todo.pop_back();
    for (const xp::Const& k : c->consts)
      if (k.code) todo.push_back(k.code);
    (void)xp::decode(c);
  }
}

void check_no_pending_error(const char* where) {
  if (PyErr_Occurred()) {
    std::fprintf(stderr, "fuzz_load: Python error left pending after %s\n", where);
    PyErr_Print();
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Py_InitializeEx(0);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    xp::pyc::PycFile f = xp::pyc::load_pyc_bytes(bytes, "fuzz.pyc");
    decode_all(f.code);
  } catch (const xp::InputError&) {
  }
  check_no_pending_error("load_pyc_bytes");

  if (size >= 1) {
    // First byte: the version (low bits) and, for 2.x, how str is read (top bit).
    static const std::vector<const xp::VersionTable*> tables = xp::all_version_tables();
    const xp::PyVersion v = tables[(data[0] & 0x7f) % tables.size()]->version;
    xp::pyc::LoadOptions opts;
    if (data[0] & 0x80) opts.py2_str = xp::pyc::Py2StrMode::Bytes;
    try {
      decode_all(xp::pyc::load_marshal_code(bytes.substr(1), v, "fuzz", opts));
    } catch (const xp::InputError&) {
    }
    check_no_pending_error("load_marshal_code");
  }
  return 0;
}
