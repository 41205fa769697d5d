// Command-line parsing for the xpython command (no Python needed).
#pragma once

#include "runtime/runner.h"

#include <string>
#include <vector>

namespace xp::app {

struct Cli {
  rt::RunRequest run;
  std::vector<std::string> sys_argv;   // what sys.argv becomes
  int trace_level = 0;                 // -v: 1, -vv: 2
  bool show_help = false;
  bool show_version = false;
  bool unbuffered = false;             // -u
  bool no_bytecode = false;            // -B
  bool ignore_environment = false;     // -E
  bool no_user_site = false;           // -s
  bool isolated = false;               // -I
  bool stdin_is_default = false;       // no program was named at all
  std::vector<std::string> dis_args;   // --dis and what follows
  bool dis = false;
};

// Parses argv; false with *error set on a usage error.
bool parse_cli(int argc, char** argv, Cli* cli, std::string* error);
const char* help_text();
const char* usage_line();

}  // namespace xp::app
