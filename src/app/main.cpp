// The xpython command: python 3.11's command line (every option, with the
// host's own meaning: the host's PyConfig parses them) plus xpython's own
// options (-v/-vv instruction tracing, --dis, --interpret-imports=). See
// cli.h for how the two are told apart.
#include "app/cli.h"
#include "app/eval_interpose.h"
#include "core/error.h"
#include "core/python.h"
#include "runtime/interactive.h"
#include "runtime/runner.h"
#include "runtime/vm_init.h"
#include "tools/dis_main.h"
#include "tools/opcode_stats.h"
#include "tools/tracer.h"

#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#ifndef XP_HOST_PYTHON
#error "XP_HOST_PYTHON (the host interpreter's executable) must be defined by the build"
#endif

namespace {

using xp::app::Cli;
using xp::app::CliAction;

// A configuration whose program name is the host's own executable: its
// prefix locates the standard library, and sys.executable then names a real
// Python for subprocesses.
PyStatus init_config(PyConfig* config, const std::vector<std::string>& argv) {
  PyConfig_InitPythonConfig(config);
  std::vector<char*> items;
  for (const std::string& a : argv) items.push_back(const_cast<char*>(a.c_str()));
  // First: with parse_argv set this pre-initialises the host from argv (-E,
  // -I, -X utf8, -X dev), as python's main does; any earlier call that
  // decodes a string would pre-initialise it without them.
  PyStatus status = PyConfig_SetBytesArgv(config, static_cast<Py_ssize_t>(items.size()), items.data());
  if (PyStatus_Exception(status)) return status;
  return PyConfig_SetBytesString(config, &config->program_name, XP_HOST_PYTHON);
}

// A status that is not success: python's exit (help printed) or its fatal
// error message, as python would end.
int finish_status(PyStatus status) {
  if (PyStatus_IsExit(status)) return status.exitcode;
  Py_ExitStatusException(status);  // prints "Fatal Python error: ..." and exits
}

// --help-env, --help-xoptions: the host prints its own text.
int host_help(const std::string& program, const char* option) {
  PyConfig config;
  PyStatus status = init_config(&config, {program, option});
  if (!PyStatus_Exception(status)) status = PyConfig_Read(&config);
  PyConfig_Clear(&config);
  std::fflush(stdout);
  return PyStatus_Exception(status) ? finish_status(status) : 0;
}

// sys.orig_argv: the command line exactly as given, xpython's options and
// all, starting with the command (as python's starts with the interpreter).
PyStatus set_orig_argv(PyConfig* config, const std::vector<std::string>& argv) {
  std::vector<wchar_t*> items;
  for (const std::string& a : argv) {
    wchar_t* w = Py_DecodeLocale(a.c_str(), nullptr);  // after pre-initialisation: python's decoding
    if (w == nullptr) break;
    items.push_back(w);
  }
  PyStatus status = items.size() == argv.size()
                        ? PyConfig_SetWideStringList(config, &config->orig_argv, static_cast<Py_ssize_t>(items.size()),
                                                     items.data())
                        : PyStatus_Error("cannot decode command line arguments");
  for (wchar_t* w : items) PyMem_RawFree(w);
  return status;
}

// What PyConfig made of the program part of the command line. Strings stay
// wide until the host can decode them as python does.
struct Program {
  xp::rt::RunKind kind = xp::rt::RunKind::Stdin;
  std::wstring text;  // command, module name or the file as typed (sys.argv[0])
  bool skip_first_line = false;
  bool safe_path = false;
};

Program program_of(const PyConfig& config) {
  Program p;
  if (config.run_command) {
    p.kind = xp::rt::RunKind::Command;
    p.text = config.run_command;  // with the "\n" python appends
  } else if (config.run_module) {
    p.kind = xp::rt::RunKind::Module;
    p.text = config.run_module;
  } else if (config.run_filename) {
    p.kind = xp::rt::RunKind::File;
    // run_filename is absolute; errors of xpython's own name the file as typed.
    p.text = config.argv.length > 0 ? config.argv.items[0] : config.run_filename;
  }
  p.skip_first_line = config.skip_source_first_line != 0;
  p.safe_path = config.safe_path != 0;
  return p;
}

// Initialises the host from the command line; false with *rc when the
// process ends here.
bool initialize_host(const Cli& cli, Program* program, int* rc) {
  PyConfig config;
  PyStatus status = init_config(&config, cli.host_argv);
  if (!PyStatus_Exception(status)) status = set_orig_argv(&config, cli.orig_argv);
  // No PyConfig_Read first: a second read of a parsed configuration loses
  // what only the pre-parse of argv sets (-X warn_default_encoding).
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    *rc = finish_status(status);
    return false;
  }
  *program = program_of(*_PyInterpreterState_GetConfig(PyInterpreterState_Get()));
  return true;
}

// The program's text in the form the runner takes: UTF-8 for a command or a
// module name, the file system encoding for a path. False (error printed,
// *rc set) when python could not decode it either.
bool request_of(const Program& p, xp::rt::RunRequest* req, int* rc) {
  req->kind = p.kind;
  req->skip_first_line = p.skip_first_line;
  req->safe_path = p.safe_path;
  if (p.kind == xp::rt::RunKind::Stdin) return true;
  xp::Ref text = xp::steal(PyUnicode_FromWideChar(p.text.data(), static_cast<Py_ssize_t>(p.text.size())));
  xp::Ref bytes;
  if (text) bytes = xp::steal(p.kind == xp::rt::RunKind::File ? PyUnicode_EncodeFSDefault(text.get())
                                                               : PyUnicode_AsUTF8String(text.get()));
  if (!bytes) {
    // pymain_run_command's message; a path or module name cannot fail here.
    if (p.kind == xp::rt::RunKind::Command) PySys_WriteStderr("Unable to decode the command from the command line:\n");
    PyErr_Print();
    *rc = 1;
    return false;
  }
  req->target.assign(PyBytes_AS_STRING(bytes.get()), static_cast<size_t>(PyBytes_GET_SIZE(bytes.get())));
  return true;
}

int run_dis(const Cli& cli) {
  // The disassembler only needs the host's objects, not the VM.
  PyConfig config;
  PyStatus status = init_config(&config, {cli.program});
  config.parse_argv = 0;
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) return finish_status(status);
  int rc = xp::tools::dis_main(cli.dis_args);
  if (Py_FinalizeEx() < 0 && rc == 0) rc = 120;
  return rc;
}

// python's main (pymain_run_python) with the program in the VM.
int run_program(const Cli& cli) {
  Program program;
  int rc = 0;
  if (!initialize_host(cli, &program, &rc)) return rc;
  xp::rt::RunRequest req;
  req.imports = cli.imports;
  req.program_name = cli.program;
  if (xp::rt::init_vm() < 0) {
    PyErr_Print();
    return 1;
  }
  if (request_of(program, &req, &rc)) {
    xp::tools::set_trace_options({cli.trace_level > 2 ? 2 : cli.trace_level});
    // At exit in every case, also when SystemExit ends the process early.
    if (xp::tools::init_opcode_stats()) Py_AtExit(xp::tools::write_opcode_stats);
    xp::rt::print_banner();
    xp::rt::import_readline();
    rc = xp::rt::run_main(req);
    if (req.kind != xp::rt::RunKind::Stdin) rc = xp::rt::inspect_after_program(rc);
    xp::tools::set_trace_options({0});
  }
  if (Py_FinalizeEx() < 0 && rc == 0) rc = 120;
  if (rc == xp::rt::kExitKeyboardInterrupt) {
    // Like python3: die by the signal so the parent sees an interrupted child.
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    return 130;
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  xp::app::register_eval_interposition();
  const Cli cli = xp::app::parse_cli(argc, argv);
  switch (cli.action) {
    case CliAction::UsageError:
      if (!cli.error.empty()) std::fprintf(stderr, "%s\n", cli.error.c_str());
      std::fputs(xp::app::usage_line(cli.program).c_str(), stderr);
      std::fputs(xp::app::usage_hint().c_str(), stderr);
      return xp::kExitBadInput;
    case CliAction::Help:
      std::fputs(xp::app::help_text(cli.program).c_str(), stdout);
      return 0;
    case CliAction::HelpAll: {
      // As python's --help-all: the help, then the host's two other texts.
      std::fputs(xp::app::help_text(cli.program).c_str(), stdout);
      std::fputs("\n\n", stdout);
      int rc = host_help(cli.program, "--help-env");
      if (rc != 0) return rc;
      std::fputs("\n\n", stdout);
      return host_help(cli.program, "--help-xoptions");
    }
    case CliAction::HelpEnv: return host_help(cli.program, "--help-env");
    case CliAction::HelpXoptions: return host_help(cli.program, "--help-xoptions");
    case CliAction::Version:
      // python prints "Python X.Y.Z" (-VV: the build too); xpython says what
      // it is and which Python runs it.
      std::printf("xpython %s (host Python %s)\n", XP_VERSION_STRING, cli.version_level >= 2 ? Py_GetVersion() : PY_VERSION);
      return 0;
    case CliAction::Dis: return run_dis(cli);
    case CliAction::Run: break;
  }
  return run_program(cli);
}
