// Python's interactive behaviour around the program (Modules/main.c): the
// banner, readline, reading the program from stdin (a prompt on a terminal
// or with -i), PYTHONSTARTUP, and -i's prompt after the program. Statements
// typed at the prompt run in the VM. Everything reads the host's live
// configuration (what PyConfig made of the command line and environment).
#pragma once

namespace xp::rt {

// pymain_header: "Python 3.11.x (...) on linux" and the copyright hint on
// stderr, when python would print them (a prompt follows, no -q).
void print_banner();
// pymain_import_readline: line editing and history for the prompt.
void import_readline();
// pymain_run_stdin: the program read from stdin; interactive when stdin is
// a terminal or -i was given. Returns the exit status.
int run_stdin_like_python();
// pymain_repl: after a -c/-m/file program, -i (or PYTHONINSPECT set by then)
// enters the prompt; `rc` is the program's status, returned when there is
// no prompt. Returns the exit status (kExitKeyboardInterrupt as run_main).
int inspect_after_program(int rc);

}  // namespace xp::rt
