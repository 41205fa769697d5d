// Running a program as __main__ the way `python3` does (file, .pyc, -c, -m,
// stdin): __main__'s globals, sys.argv / sys.path[0], uncaught exceptions and
// SystemExit, exit status.
#pragma once

#include "runtime/import_hook.h"

#include <string>
#include <vector>

namespace xp::rt {

enum class RunKind { File, Command, Module, Stdin };

struct RunRequest {
  RunKind kind = RunKind::File;
  std::string target;              // path, command text or module name
  ImportMode imports = ImportMode::User;
  // How python runs it (PyConfig's view of the command line):
  std::string program_name = "xpython";  // names the command where python names itself
  bool skip_first_line = false;          // -x
  bool safe_path = false;                // -P, -I, PYTHONSAFEPATH: no sys.path[0] for the program
};

// run_main's status for an uncaught KeyboardInterrupt: the caller finalises
// the interpreter, then ends the process by SIGINT (as python3 does).
inline constexpr int kExitKeyboardInterrupt = -2;

// Runs the program in the initialised interpreter (sys.argv already set by
// the caller). A File that is a directory or zip file runs its __main__
// module; Stdin reads the program as python does (a prompt on a terminal).
// Returns the process exit status (SystemExit may also end the process from
// inside, as in CPython). Bad input (missing file, malformed
// .pyc) prints one line and returns 2 (3 for an unsupported version).
int run_main(const RunRequest& req);

}  // namespace xp::rt
