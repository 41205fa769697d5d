#include "runtime/code_loader.h"

#include "core/error.h"
#include "pyc/pyc_file.h"
#include "runtime/host_code.h"
#include "vm/exec_code.h"

#include <fstream>
#include <sstream>

namespace xp::rt {

Ref load_source_text(PyObject* source, const std::string& filename) {
  Ref fname = steal(PyUnicode_DecodeFSDefault(filename.c_str()));
  if (!fname) return {};
  Ref builtins = steal(PyImport_ImportModule("builtins"));
  Ref compile = builtins ? steal(PyObject_GetAttrString(builtins.get(), "compile")) : Ref();
  if (!compile) return {};
  Ref code = steal(PyObject_CallFunction(compile.get(), "OOsii", source, fname.get(), "exec", 0, 1));
  if (!code) return {};
  return prepare_host_code(code.get());
}

Ref load_source_file(const std::string& path, const std::string& filename, bool skip_first_line) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, path.c_str());
    return {};
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  if (skip_first_line) {
    const size_t nl = data.find('\n');
    data.erase(0, nl == std::string::npos ? data.size() : nl);
  }
  Ref bytes = steal(PyBytes_FromStringAndSize(data.data(), static_cast<Py_ssize_t>(data.size())));
  if (!bytes) return {};
  return load_source_text(bytes.get(), filename);
}

Ref load_pyc(const std::string& path) {
  pyc::PycFile file = pyc::load_pyc_file(path);
  return vm::make_shell(file.code);
}

Ref prepare_host_code(PyObject* code) {
  if (!PyCode_Check(code)) {
    PyErr_SetString(PyExc_TypeError, "xpython: expected a code object");
    return {};
  }
  // The whole tree becomes shells (with their entry trampolines), before
  // any function is made from it.
  try {
    return vm::shell_for_host_code(code);
  } catch (const InputError& e) {
    PyErr_Format(PyExc_SystemError, "xpython: cannot run this code object in the VM: %s", e.what());
    return {};
  }
}

}  // namespace xp::rt
