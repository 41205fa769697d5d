// The xpython command: python3's command line plus x-python's tracing.
//
//   xpython [-v|-vv] [-V|--version] [-h|--help] [--interpret-imports=MODE]
//           [-u] [-B] [-E] [-s] [-I]
//           [-c CMD | -m MODULE | FILE.py | FILE.pyc | -] [ARGS...]
#include "app/cli.h"
#include "core/error.h"
#include "core/python.h"
#include "runtime/runner.h"
#include "runtime/vm_init.h"
#include "tools/dis_main.h"
#include "tools/opcode_stats.h"
#include "tools/tracer.h"

#include <csignal>
#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

#ifndef XP_HOST_PYTHON
#error "XP_HOST_PYTHON (the host interpreter's executable) must be defined by the build"
#endif

namespace {

int initialize_host(const xp::app::Cli& cli) {
  PyStatus status;
  PyConfig config;
  PyConfig_InitPythonConfig(&config);
  config.parse_argv = 0;
  // The host's own executable: its prefix locates the standard library, and
  // sys.executable then names a real Python for subprocesses.
  status = PyConfig_SetBytesString(&config, &config.program_name, XP_HOST_PYTHON);
  if (!PyStatus_Exception(status)) {
    std::vector<char*> argv;
    for (const std::string& a : cli.sys_argv) argv.push_back(const_cast<char*>(a.c_str()));
    status = PyConfig_SetBytesArgv(&config, static_cast<Py_ssize_t>(argv.size()), argv.data());
  }
  if (cli.unbuffered) config.buffered_stdio = 0;
  if (cli.no_bytecode) config.write_bytecode = 0;
  if (cli.ignore_environment) config.use_environment = 0;
  if (cli.no_user_site) config.user_site_directory = 0;
  if (cli.isolated) config.isolated = 1;
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status)) {
    std::fprintf(stderr, "xpython: error: cannot initialise the host Python: %s\n",
                 status.err_msg ? status.err_msg : "unknown error");
    return -1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  xp::app::Cli cli;
  std::string error;
  if (!xp::app::parse_cli(argc, argv, &cli, &error)) {
    std::fprintf(stderr, "xpython: error: %s\n%s", error.c_str(), xp::app::usage_line());
    return xp::kExitBadInput;
  }
  if (cli.show_help) {
    std::fputs(xp::app::help_text(), stdout);
    return 0;
  }
  if (cli.show_version) {
    std::printf("xpython %s (host Python %s)\n", XP_VERSION_STRING, PY_VERSION);
    return 0;
  }
  if (!cli.dis && cli.run.kind == xp::rt::RunKind::Stdin && cli.stdin_is_default && isatty(STDIN_FILENO)) {
    // No interactive prompt (yet): say how to use the command instead.
    std::fputs(xp::app::help_text(), stderr);
    return xp::kExitBadInput;
  }

  if (initialize_host(cli) < 0) return 1;
  if (cli.dis) {
    // The disassembler only needs the host's objects, not the VM.
    int rc = xp::tools::dis_main(cli.dis_args);
    if (Py_FinalizeEx() < 0 && rc == 0) rc = 120;
    return rc;
  }
  if (xp::rt::init_vm() < 0) {
    PyErr_Print();
    return 1;
  }
  xp::tools::set_trace_options({cli.trace_level});
  // At exit in every case, also when SystemExit ends the process early.
  if (xp::tools::init_opcode_stats()) Py_AtExit(xp::tools::write_opcode_stats);
  int rc = xp::rt::run_main(cli.run);
  xp::tools::set_trace_options({0});
  if (Py_FinalizeEx() < 0 && rc == 0) rc = 120;
  if (rc == xp::rt::kExitKeyboardInterrupt) {
    // Like python3: die by the signal so the parent sees an interrupted child.
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
    return 130;
  }
  return rc;
}
