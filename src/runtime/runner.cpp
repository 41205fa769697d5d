#include "runtime/runner.h"

#include "core/error.h"
#include "core/ref.h"
#include "pyc/pyc_file.h"
#include "runtime/code_loader.h"
#include "vm/eval.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace xp::rt {

namespace {

std::string abspath(const std::string& p) {
  if (!p.empty() && p[0] == '/') return p;
  char buf[PATH_MAX];
  if (getcwd(buf, sizeof buf) == nullptr) return p;
  std::string cwd = buf;
  return cwd == "/" ? "/" + p : cwd + "/" + p;
}

std::string realpath_of(const std::string& p) {
  char buf[PATH_MAX];
  if (::realpath(p.c_str(), buf) == nullptr) return abspath(p);
  return buf;
}

std::string dirname_of(const std::string& p) {
  const size_t slash = p.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return p.substr(0, slash);
}

int insert_sys_path0(const std::string& entry) {
  PyObject* path = PySys_GetObject("path");
  if (path == nullptr || !PyList_Check(path)) return 0;
  Ref s = steal(PyUnicode_DecodeFSDefault(entry.c_str()));
  if (!s) return -1;
  return PyList_Insert(path, 0, s.get());
}

// CPython's "python3: can't open file '...': [Errno 2] ..." (exit 2).
int cannot_open(const std::string& path) {
  std::fprintf(stderr, "xpython: can't open file '%s': [Errno %d] %s\n", abspath(path).c_str(), errno,
               std::strerror(errno));
  return kExitBadInput;
}

// An uncaught exception: printed by sys.excepthook, exit status 1;
// SystemExit ends the process inside PyErr_Print with its code, as CPython.
// A KeyboardInterrupt makes the process end by SIGINT after finalisation.
int report_uncaught() {
  if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) {
    PyErr_Print();
    return kExitKeyboardInterrupt;
  }
  PyErr_Print();
  return 1;
}

PyObject* main_dict() {
  PyObject* m = PyImport_AddModule("__main__");  // borrowed
  return m ? PyModule_GetDict(m) : nullptr;
}

int set_main_loader(PyObject* d, const std::string& filename, const char* loader_name) {
  Ref machinery = steal(PyImport_ImportModule("importlib.machinery"));
  if (!machinery) return -1;
  Ref cls = steal(PyObject_GetAttrString(machinery.get(), loader_name));
  if (!cls) return -1;
  Ref loader = steal(PyObject_CallFunction(cls.get(), "ss", "__main__", filename.c_str()));
  if (!loader) return -1;
  return PyDict_SetItemString(d, "__loader__", loader.get());
}

bool looks_like_pyc(const std::string& path) {
  if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".pyc") == 0) return true;
  // Like CPython's maybe_pyc_file: a known magic followed by \r\n.
  std::ifstream in(path, std::ios::binary);
  unsigned char head[4] = {0, 0, 0, 0};
  if (!in.read(reinterpret_cast<char*>(head), 4)) return false;
  if (head[2] != '\r' || head[3] != '\n') return false;
  return pyc::lookup_magic(static_cast<uint16_t>(head[0] | (head[1] << 8))).has_value();
}

// Runs `shell` in __main__'s namespace; returns the exit status.
int run_in_main(const Ref& shell, PyObject* d) {
  Ref result = steal(vm::run_code(shell.get(), d, d));
  if (!result) return report_uncaught();
  return 0;
}

int run_file(const RunRequest& req) {
  const std::string& path = req.target;
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return cannot_open(path);
  }
  PyObject* d = main_dict();
  if (d == nullptr) return report_uncaught();
  const std::string full = abspath(path);
  if (insert_sys_path0(dirname_of(realpath_of(path))) < 0) return report_uncaught();
  Ref file = steal(PyUnicode_DecodeFSDefault(full.c_str()));
  if (!file || PyDict_SetItemString(d, "__file__", file.get()) < 0 || PyDict_SetItemString(d, "__cached__", Py_None) < 0)
    return report_uncaught();

  const bool pyc = looks_like_pyc(path);
  if (set_main_loader(d, full, pyc ? "SourcelessFileLoader" : "SourceFileLoader") < 0) return report_uncaught();
  if (install_import_hook(req.imports, {dirname_of(realpath_of(path))}) < 0) return report_uncaught();

  Ref shell;
  if (pyc) {
    try {
      shell = load_pyc(path);
    } catch (const InputError& e) {
      // Loader messages start with the path; decoder/verifier messages name
      // the code object's co_filename, so the file is named first.
      const std::string msg = e.what();
      if (msg.rfind(path, 0) == 0)
        std::fprintf(stderr, "xpython: error: %s\n", msg.c_str());
      else
        std::fprintf(stderr, "xpython: error: %s: %s\n", path.c_str(), msg.c_str());
      return e.exit_status();
    }
  } else {
    shell = load_source_file(path, full);
    if (!shell) return report_uncaught();
  }
  const int rc = run_in_main(shell, d);
  // CPython drops these once the main script is done.
  if (PyDict_DelItemString(d, "__file__") < 0) PyErr_Clear();
  if (PyDict_DelItemString(d, "__cached__") < 0) PyErr_Clear();
  return rc;
}

int run_command(const RunRequest& req) {
  PyObject* d = main_dict();
  if (d == nullptr || insert_sys_path0("") < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(".")}) < 0) return report_uncaught();
  Ref src = steal(PyUnicode_FromString(req.target.c_str()));
  if (!src) return report_uncaught();
  Ref shell = load_source_text(src.get(), "<string>");
  if (!shell) return report_uncaught();
  return run_in_main(shell, d);
}

int run_stdin(const RunRequest& req) {
  PyObject* d = main_dict();
  if (d == nullptr || insert_sys_path0("") < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(".")}) < 0) return report_uncaught();
  std::ostringstream ss;
  ss << std::cin.rdbuf();
  const std::string data = ss.str();
  Ref src = steal(PyBytes_FromStringAndSize(data.data(), static_cast<Py_ssize_t>(data.size())));
  Ref file = steal(PyUnicode_FromString("<stdin>"));
  if (!src || !file || PyDict_SetItemString(d, "__file__", file.get()) < 0 ||
      PyDict_SetItemString(d, "__cached__", Py_None) < 0)
    return report_uncaught();
  Ref shell = load_source_text(src.get(), "<stdin>");
  if (!shell) return report_uncaught();
  return run_in_main(shell, d);
}

// -m: runpy finds the module (and its code) as for `python3 -m`; the code
// then runs in the VM in __main__'s namespace.
int run_module(const RunRequest& req) {
  PyObject* d = main_dict();
  if (d == nullptr || insert_sys_path0(abspath(".")) < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(".")}) < 0) return report_uncaught();
  Ref runpy = steal(PyImport_ImportModule("runpy"));
  if (!runpy) return report_uncaught();
  // runpy's own "No module named ..." errors (its _Error) print as one line, exit 1.
  Ref error_cls = steal(PyObject_GetAttrString(runpy.get(), "_Error"));
  if (!error_cls) return report_uncaught();
  Ref details = steal(PyObject_CallMethod(runpy.get(), "_get_module_details", "sO", req.target.c_str(), error_cls.get()));
  if (!details) {
    if (PyErr_ExceptionMatches(error_cls.get())) {
      PyObject *t, *v, *tb;
      PyErr_Fetch(&t, &v, &tb);
      PyErr_NormalizeException(&t, &v, &tb);
      Ref text = steal(PyObject_Str(v));
      if (!text) PyErr_Clear();
      std::fprintf(stderr, "xpython: %s\n", text ? utf8_of(text.get()).c_str() : "cannot run module");
      Py_XDECREF(t);
      Py_XDECREF(v);
      Py_XDECREF(tb);
      return 1;
    }
    return report_uncaught();
  }
  PyObject* mod_name = PyTuple_GetItem(details.get(), 0);
  PyObject* spec = PyTuple_GetItem(details.get(), 1);
  PyObject* code = PyTuple_GetItem(details.get(), 2);
  if (!mod_name || !spec || !code) return report_uncaught();
  Ref origin = steal(PyObject_GetAttrString(spec, "origin"));
  Ref cached = steal(PyObject_GetAttrString(spec, "cached"));
  Ref loader = steal(PyObject_GetAttrString(spec, "loader"));
  Ref parent = steal(PyObject_GetAttrString(spec, "parent"));
  if (!origin || !cached || !loader || !parent) return report_uncaught();
  PyObject* argv = PySys_GetObject("argv");
  if (argv != nullptr && PyList_Check(argv) && PyList_GET_SIZE(argv) > 0 &&
      PyList_SetItem(argv, 0, Py_NewRef(origin.get())) < 0)
    return report_uncaught();
  Ref main_name = steal(PyUnicode_FromString("__main__"));
  if (PyDict_SetItemString(d, "__name__", main_name.get()) < 0 || PyDict_SetItemString(d, "__file__", origin.get()) < 0 ||
      PyDict_SetItemString(d, "__cached__", cached.get()) < 0 || PyDict_SetItemString(d, "__doc__", Py_None) < 0 ||
      PyDict_SetItemString(d, "__loader__", loader.get()) < 0 || PyDict_SetItemString(d, "__package__", parent.get()) < 0 ||
      PyDict_SetItemString(d, "__spec__", spec) < 0)
    return report_uncaught();
  Ref shell = prepare_host_code(code);
  if (!shell) return report_uncaught();
  return run_in_main(shell, d);
}

}  // namespace

int run_main(const RunRequest& req) {
  switch (req.kind) {
    case RunKind::File: return run_file(req);
    case RunKind::Command: return run_command(req);
    case RunKind::Module: return run_module(req);
    case RunKind::Stdin: return run_stdin(req);
  }
  return 2;
}

}  // namespace xp::rt
