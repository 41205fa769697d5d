#include "runtime/runner.h"

#include "core/error.h"
#include "core/ref.h"
#include "pyc/pyc_file.h"
#include "runtime/code_loader.h"
#include "runtime/host_run.h"
#include "runtime/interactive.h"
#include "vm/eval.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
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

// CPython's "python3: can't open file '...': [Errno 2] ..." (exit 2), with
// the command named as python names itself (its argv[0]).
int cannot_open(const RunRequest& req) {
  std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", req.program_name.c_str(),
               abspath(req.target).c_str(), errno, std::strerror(errno));
  return kExitBadInput;
}

// sys.path[0] for the program unless -P/-I (python's safe_path).
int insert_program_path0(const RunRequest& req, const std::string& entry) {
  return req.safe_path ? 0 : insert_sys_path0(entry);
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

int run_main_importer(const RunRequest& req, PyObject* path0);

// Source that compile() rejected: python reads the file with its own file
// tokenizer, whose errors can differ (a non-UTF-8 file without a coding
// cookie is "Non-UTF-8 code starting with ..."); report the one python would.
Ref python_compile_error(const RunRequest& req, const std::string& full) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  Ref code = compile_file_like_python(req.target, full, req.skip_first_line);
  if (!code) {
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
  } else {
    PyErr_Restore(t, v, tb);
  }
  return {};
}

int run_file(const RunRequest& req) {
  const std::string& path = req.target;
  {
    // A directory or zip file that is a sys.path entry runs its __main__
    // (pymain_get_importer), before anything else looks at the file.
    // python's run_filename is absolute (cwd joined, not normalised).
    Ref entry = steal(PyUnicode_DecodeFSDefault(abspath(path).c_str()));
    Ref importer = entry ? steal(PyImport_GetImporter(entry.get())) : Ref();
    if (!importer) {
      PySys_WriteStderr("Failed checking if argv[0] is an import path entry\n");
      PyErr_Print();
    } else if (importer.get() != Py_None) {
      return run_main_importer(req, entry.get());
    }
  }
  {
    std::ifstream probe(path, std::ios::binary);
    if (!probe) return cannot_open(req);
  }
  PyObject* d = main_dict();
  if (d == nullptr) return report_uncaught();
  const std::string full = abspath(path);
  if (insert_program_path0(req, dirname_of(realpath_of(path))) < 0) return report_uncaught();
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
    shell = load_source_file(path, full, req.skip_first_line);
    if (!shell) {
      python_compile_error(req, full);
      return report_uncaught();
    }
  }
  const int rc = run_in_main(shell, d);
  // CPython drops these once the main script is done.
  if (PyDict_DelItemString(d, "__file__") < 0) PyErr_Clear();
  if (PyDict_DelItemString(d, "__cached__") < 0) PyErr_Clear();
  return rc;
}

int run_command(const RunRequest& req) {
  PyObject* d = main_dict();
  if (d == nullptr || insert_program_path0(req, "") < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(".")}) < 0) return report_uncaught();
  Ref src = steal(PyUnicode_FromString(req.target.c_str()));
  if (!src) return report_uncaught();
  Ref shell = load_source_text(src.get(), "<string>");
  if (!shell) return report_uncaught();
  return run_in_main(shell, d);
}

int run_stdin(const RunRequest& req) {
  PyObject* d = main_dict();
  if (d == nullptr || insert_program_path0(req, "") < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(".")}) < 0) return report_uncaught();
  return run_stdin_like_python();
}

// python's pymain_run_module: runpy._run_module_as_main(name, alter_argv)
// finds the module and execs its code in __main__'s namespace, where
// MainCodeInVm sends it to the VM; its messages ("No module named ...",
// "can't find '__main__' module in ...") and tracebacks (the <frozen runpy>
// frames) are python's.
int run_module_as_main(const char* name, bool alter_argv) {
  Ref runpy = steal(PyImport_ImportModule("runpy"));
  if (!runpy) return report_uncaught();
  Ref result;
  {
    MainCodeInVm vm;
    result = steal(PyObject_CallMethod(runpy.get(), "_run_module_as_main", "sO", name, alter_argv ? Py_True : Py_False));
  }
  if (!result) return report_uncaught();
  return 0;
}

// A directory or zip file given as the program: it becomes sys.path[0] (also
// under -P/-I, as in python) and its __main__ module runs, sys.argv[0]
// unchanged.
int run_main_importer(const RunRequest& req, PyObject* path0) {
  PyObject* path = PySys_GetObject("path");
  if (path == nullptr || !PyList_Check(path) || PyList_Insert(path, 0, path0) < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(req.target)}) < 0) return report_uncaught();
  return run_module_as_main("__main__", false);
}

int run_module(const RunRequest& req) {
  PyObject* d = main_dict();
  // python's sys.path[0] for -m is the working directory as getcwd() says.
  char cwd[PATH_MAX];
  const std::string here = getcwd(cwd, sizeof cwd) ? std::string(cwd) : abspath(".");
  if (d == nullptr || insert_program_path0(req, here) < 0) return report_uncaught();
  if (install_import_hook(req.imports, {abspath(".")}) < 0) return report_uncaught();
  return run_module_as_main(req.target.c_str(), true);
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
