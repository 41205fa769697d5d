#include "runtime/interactive.h"

#include "core/python.h"
#include "core/ref.h"
#include "runtime/host_run.h"
#include "runtime/runner.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#ifndef XP_VERSION_STRING
#define XP_VERSION_STRING "?"
#endif

// Set by the host's run_eval_code_obj when code it evaluates (here: the
// statements of its loop, redirected to the VM) ends by KeyboardInterrupt,
// reset before each; python's main then ends by SIGINT. Exported by
// libpython (declared in the internal pycore_pylifecycle.h).
extern "C" {
extern int _Py_UnhandledKeyboardInterrupt;  // NOLINT(bugprone-reserved-identifier)
}

namespace xp::rt {

namespace {

// The live configuration. CPython's own main (pymain_set_inspect) writes
// `inspect` in it too: it decides whether SystemExit ends the process.
PyConfig* live_config() { return const_cast<PyConfig*>(_PyInterpreterState_GetConfig(PyInterpreterState_Get())); }

bool run_code(const PyConfig* c) { return c->run_command || c->run_module || c->run_filename; }

bool stdin_is_interactive(const PyConfig* c) { return isatty(fileno(stdin)) || c->interactive; }

void set_inspect(PyConfig* c, int inspect) {
  c->inspect = inspect;
  Py_InspectFlag = inspect;  // NOLINT: the host still reads the legacy flag
}

const char* env(const PyConfig* c, const char* name) {
  if (!c->use_environment) return nullptr;
  const char* v = std::getenv(name);
  return v && *v ? v : nullptr;
}

// pymain_err_print: prints the error; true (the process has to end) only for
// SystemExit, which PyErr_Print turns into the exit itself outside -i.
bool print_error(int* rc) {
  const bool exits = PyErr_ExceptionMatches(PyExc_SystemExit);
  PyErr_Print();
  *rc = 1;
  return exits;
}

// pymain_run_interactive_hook: site's readline set-up (completion, history).
bool run_interactive_hook(int* rc) {
  PyObject* hook = PySys_GetObject("__interactivehook__");  // borrowed
  if (hook == nullptr) return false;
  if (PySys_Audit("cpython.run_interactivehook", "O", hook) < 0) return print_error(rc);
  Ref result = steal(PyObject_CallNoArgs(hook));
  if (!result) {
    PySys_WriteStderr("Failed calling sys.__interactivehook__\n");
    return print_error(rc);
  }
  return false;
}

// pymain_run_startup: PYTHONSTARTUP runs (in the VM) before the first prompt.
bool run_startup(const PyConfig* c, int* rc) {
  const char* path = env(c, "PYTHONSTARTUP");
  if (path == nullptr) return false;
  Ref startup = steal(PyUnicode_DecodeFSDefault(path));
  if (!startup || PySys_Audit("cpython.run_startup", "O", startup.get()) < 0) return print_error(rc);
  FILE* fp = std::fopen(path, "r");
  if (fp == nullptr) {
    const int saved = errno;
    PySys_WriteStderr("Could not open PYTHONSTARTUP\n");
    errno = saved;
    PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, startup.get(), nullptr);
    return print_error(rc);
  }
  {
    MainCodeInVm vm;
    PyCompilerFlags cf = _PyCompilerFlags_INIT;
    (void)PyRun_SimpleFileExFlags(fp, path, 0, &cf);
  }
  PyErr_Clear();
  std::fclose(fp);
  return false;
}

// The host's loop (PyRun_AnyFileExFlags: prompts from sys.ps1/sys.ps2 through
// PyOS_Readline, or the whole of stdin when it is not interactive) with the
// statements in the VM.
int run_host_stdin_loop() {
  MainCodeInVm vm;
  PyCompilerFlags cf = _PyCompilerFlags_INIT;
  const int rc = PyRun_AnyFileExFlags(stdin, "<stdin>", 0, &cf) != 0;
  return _Py_UnhandledKeyboardInterrupt ? kExitKeyboardInterrupt : rc;
}

}  // namespace

void print_banner() {
  const PyConfig* c = live_config();
  if (c->quiet) return;
  if (!c->verbose && (run_code(c) || !stdin_is_interactive(c))) return;
  // Python's two lines, with xpython named first.
  std::fprintf(stderr, "xpython %s on Python %s on %s\n", XP_VERSION_STRING, Py_GetVersion(), Py_GetPlatform());
  if (c->site_import)
    std::fprintf(stderr, "%s\n", "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
}

void import_readline() {
  const PyConfig* c = live_config();
  if (c->isolated) return;
  if (!c->inspect && run_code(c)) return;
  if (!isatty(fileno(stdin))) return;
  for (const char* name : {"readline", "rlcompleter"}) {
    Ref mod = steal(PyImport_ImportModule(name));
    if (!mod) PyErr_Clear();
  }
}

int run_stdin_like_python() {
  PyConfig* c = live_config();
  if (stdin_is_interactive(c)) {
    set_inspect(c, 0);  // SystemExit at the prompt ends the process
    int rc = 0;
    if (run_startup(c, &rc)) return rc;
    if (run_interactive_hook(&rc)) return rc;
  }
  if (Py_MakePendingCalls() < 0 || PySys_Audit("cpython.run_stdin", nullptr) < 0) {
    PyErr_Print();
    return 1;
  }
  return run_host_stdin_loop();
}

int inspect_after_program(int rc) {
  PyConfig* c = live_config();
  // Checked at the end so that the program can set it (os.environ).
  if (!c->inspect && env(c, "PYTHONINSPECT")) set_inspect(c, 1);
  if (!(c->inspect && stdin_is_interactive(c) && run_code(c))) return rc;
  set_inspect(c, 0);
  // The program's KeyboardInterrupt still ends the process by SIGINT unless
  // a statement at the prompt runs (python's flag, reset by each).
  _Py_UnhandledKeyboardInterrupt = rc == kExitKeyboardInterrupt;
  int hook_rc = 0;
  if (run_interactive_hook(&hook_rc)) return hook_rc;
  return run_host_stdin_loop();
}

}  // namespace xp::rt
