// The xpython command line: python 3.11's options, grammar and messages,
// plus xpython's own (-v tracing, --dis, --interpret-imports=, x-python's
// long aliases). No Python needed.
//
// The parser does what CPython's getopt (Python/getopt.c) and
// config_parse_cmdline (Python/initconfig.c) do to find where the options
// end and to reject bad ones with python's messages, but it gives python's
// options no meaning itself: it removes xpython's own options and hands the
// rest (`host_argv`) to the host's PyConfig with parse_argv, so sys.flags,
// sys.argv, -W, -X, -O, -E, -I, ... are the host's own semantics.
#pragma once

#include "runtime/import_hook.h"

#include <string>
#include <vector>

namespace xp::app {

enum class CliAction {
  Run,           // initialise the host with host_argv and run the program
  Help,          // -h, -?, --help
  HelpAll,       // --help-all
  HelpEnv,       // --help-env (text from the host)
  HelpXoptions,  // --help-xoptions (text from the host)
  Version,       // -V (version_level 1) / -VV (2)
  Dis,           // --dis ARGS...
  UsageError,    // error holds python's one-line message
};

struct Cli {
  CliAction action = CliAction::Run;
  std::string program;                  // argv[0], named in messages as python names itself
  std::vector<std::string> orig_argv;   // argv as given (sys.orig_argv)
  std::vector<std::string> host_argv;   // argv without xpython's options, for PyConfig
  int trace_level = 0;                  // -v: 1, -vv: 2 (xpython's meaning, not python's)
  int version_level = 0;
  rt::ImportMode imports = rt::ImportMode::User;
  std::vector<std::string> dis_args;    // what follows --dis
  std::string error;                    // UsageError: the message line
};

// Never fails: a bad command line gives action UsageError.
Cli parse_cli(int argc, char** argv);

// Python's usage line ("usage: PROGRAM [option] ... ") and the hint printed
// after a usage error.
std::string usage_line(const std::string& program);
std::string usage_hint();
// -h: python's help with xpython's differences and options.
std::string help_text(const std::string& program);

}  // namespace xp::app
