#include "bytecode_test_util.h"

#include "core/error.h"
#include "pyc/pyc_file.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace xp::bctest {

std::string python_error() {
  if (!PyErr_Occurred()) return "";
  PyObject *t = nullptr, *v = nullptr, *tb = nullptr;
  PyErr_Fetch(&t, &v, &tb);
  Ref type = steal(t), val = steal(v), trace = steal(tb);
  return val ? utf8_of(val.get()) : std::string("?");
}

std::shared_ptr<Code> host_code(PyObject* code_object) {
  Ref marshal = steal(PyImport_ImportModule("marshal"));
  Ref data = steal(PyObject_CallMethod(marshal.get(), "dumps", "O", code_object));
  if (!data) throw std::runtime_error("marshal.dumps: " + python_error());
  char* buf = nullptr;
  Py_ssize_t len = 0;
  PyBytes_AsStringAndSize(data.get(), &buf, &len);
  return pyc::load_marshal_code(std::string_view(buf, static_cast<size_t>(len)), PyVersion{3, 11}, "<host>");
}

std::shared_ptr<Code> host_compile(const std::string& source, const std::string& filename) {
  Ref co = steal(Py_CompileString(source.c_str(), filename.c_str(), Py_file_input));
  if (!co) throw std::runtime_error("compile: " + python_error());
  return host_code(co.get());
}

std::map<std::string, std::string> pyenv_pythons() {
  std::map<std::string, std::string> out;
  std::string root;
  if (const char* r = std::getenv("PYENV_ROOT")) root = r;
  else if (const char* h = std::getenv("HOME")) root = std::string(h) + "/.pyenv";
  std::error_code ec;
  const fs::path dir = fs::path(root) / "versions";
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();   // "3.11.7"
    const auto dot1 = name.find('.');
    const auto dot2 = name.find('.', dot1 + 1);
    if (dot1 == std::string::npos || dot2 == std::string::npos) continue;
    const fs::path py = e.path() / "bin" / "python";
    if (fs::exists(py, ec)) out[name.substr(0, dot2)] = py.string();
  }
  return out;
}

std::string pyenv_python_or_skip_message(const std::string& ver) {
  const auto pythons = pyenv_pythons();
  const auto it = pythons.find(ver);
  if (it != pythons.end()) return it->second;
  std::printf("SKIP: no pyenv Python %s on this machine\n", ver.c_str());
  return "";
}

std::string run(const std::string& cmd, int* status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) {
    *status = -1;
    return out;
  }
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

void for_each_code(const Code& code, const std::function<void(const Code&)>& f) {
  code.walk([&](const Code& c) { f(c); });
}

std::shared_ptr<Code> with_code(const Code& base, const std::string& bytes) {
  auto c = std::make_shared<Code>(base);
  c->code = bytes;
  return c;
}

uint8_t opcode(PyVersion v, const char* name) {
  const VersionTable* t = version_table(v);
  const int op = t ? t->opcode_of(name) : -1;
  if (op < 0) throw std::runtime_error(std::string("no opcode ") + name + " in " + v.str());
  return static_cast<uint8_t>(op);
}

}  // namespace xp::bctest
