#include "pyc_test_util.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace xp::testing {

std::string take_python_error() {
  if (!PyErr_Occurred()) return "";
  PyObject *t = nullptr, *v = nullptr, *tb = nullptr;
  PyErr_Fetch(&t, &v, &tb);
  Ref type = steal(t), val = steal(v), trace = steal(tb);
  std::string s = val ? utf8_of(val.get()) : "?";
  PyErr_Clear();
  return (type ? std::string(reinterpret_cast<PyTypeObject*>(type.get())->tp_name) : "") + ": " + s;
}

Ref pyc_dump_module() {
  // Kept in sys.modules; a static Ref would be released after Py_Finalize.
  Ref sys_path = borrow(PySys_GetObject("path"));
  Ref dir = steal(PyUnicode_FromString(XP_SOURCE_DIR "/tests/unit"));
  if (PySequence_Contains(sys_path.get(), dir.get()) != 1) PyList_Insert(sys_path.get(), 0, dir.get());
  Ref mod = steal(PyImport_ImportModule("pyc_dump"));
  if (!mod) throw std::runtime_error("cannot import pyc_dump: " + take_python_error());
  return mod;
}

namespace {

Ref str_list(const std::vector<Ref>& v) {
  Ref l = steal(PyList_New(0));
  for (const Ref& r : v) PyList_Append(l.get(), r.get());
  return l;
}

Ref bytes_of(const std::string& s) { return steal(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()))); }

void set(PyObject* d, const char* k, Ref v) { PyDict_SetItemString(d, k, v.get()); }

// The raw fields, nested code objects as nested dicts.
Ref raw_dict(const Code& c) {
  Ref d = steal(PyDict_New());
  set(d.get(), "argcount", steal(PyLong_FromLong(c.argcount)));
  set(d.get(), "posonlyargcount", steal(PyLong_FromLong(c.posonlyargcount)));
  set(d.get(), "kwonlyargcount", steal(PyLong_FromLong(c.kwonlyargcount)));
  set(d.get(), "nlocals", steal(PyLong_FromLong(c.nlocals)));
  set(d.get(), "stacksize", steal(PyLong_FromLong(c.stacksize)));
  set(d.get(), "flags", steal(PyLong_FromUnsignedLong(c.flags)));
  set(d.get(), "firstlineno", steal(PyLong_FromLong(c.firstlineno)));
  set(d.get(), "code", bytes_of(c.code));
  set(d.get(), "linetable", bytes_of(c.linetable));
  set(d.get(), "exceptiontable", bytes_of(c.exceptiontable));
  set(d.get(), "names", str_list(c.names));
  set(d.get(), "varnames", str_list(c.varnames));
  set(d.get(), "cellvars", str_list(c.cellvars));
  set(d.get(), "freevars", str_list(c.freevars));
  set(d.get(), "filename", c.filename);
  set(d.get(), "name", c.name);
  set(d.get(), "qualname", c.qualname);
  Ref consts = steal(PyList_New(0));
  for (const Const& k : c.consts) {
    Ref item = k.code ? raw_dict(*k.code) : k.obj;
    PyList_Append(consts.get(), item.get());
  }
  set(d.get(), "consts", consts);
  return d;
}

}  // namespace

Ref normalised(const Code& code) {
  Ref d = raw_dict(code);
  Ref r = steal(PyObject_CallMethod(pyc_dump_module().get(), "from_xp", "OO", d.get(),
                                    code.version.major == 2 ? Py_True : Py_False));
  if (!r) throw std::runtime_error("pyc_dump.from_xp failed: " + take_python_error());
  return r;
}

std::string first_diff(PyObject* a, PyObject* b) {
  Ref r = steal(PyObject_CallMethod(pyc_dump_module().get(), "first_diff", "OO", a, b));
  if (!r) throw std::runtime_error("pyc_dump.first_diff failed: " + take_python_error());
  return utf8_of(r.get());
}

std::string run_command(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> corpus_sources_for(int version_key) {
  std::vector<std::string> out;
  const fs::path dir = fs::path(XP_CORPUS_DIR) / "src";
  if (!fs::is_directory(dir)) return out;
  const std::regex re(R"(# versions: (\d+)\.(\d+)-(\d+)\.(\d+))");
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".py") continue;
    std::ifstream in(e.path());
    std::string line;
    std::getline(in, line);
    std::smatch m;
    if (!std::regex_search(line, m, re)) continue;
    const int lo = std::stoi(m[1]) * 100 + std::stoi(m[2]);
    const int hi = std::stoi(m[3]) * 100 + std::stoi(m[4]);
    if (lo <= version_key && version_key <= hi) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace xp::testing
