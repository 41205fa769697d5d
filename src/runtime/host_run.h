// Running the host's own entry points (PyRun_*) where python's behaviour is
// theirs -- the interactive loop with its prompts and readline, reading a
// program from stdin, the file tokenizer's errors -- while the code they
// compile runs in the VM (or is only compiled).
#pragma once

#include "core/ref.h"

#include <string>

namespace xp::rt {

// While alive, top-level code the host evaluates in __main__'s namespace
// (globals and locals both __main__.__dict__: the interactive loop's
// statements, a program read by PyRun_AnyFile, PYTHONSTARTUP) runs in the VM
// instead of the host's eval loop (also what runpy execs there for -m).
// A temporary first look at every frame the host evaluates
// (vm::set_frame_redirect); every other frame goes on as usual.
class MainCodeInVm {
 public:
  MainCodeInVm();
  ~MainCodeInVm();
  MainCodeInVm(const MainCodeInVm&) = delete;
  MainCodeInVm& operator=(const MainCodeInVm&) = delete;

 private:
  void* saved_eval_;
  PyObject* saved_main_;
};

// Compiles a source file exactly as `python3 FILE` does: the host's file
// tokenizer and parser (PyRun_FileExFlags, whose execution is intercepted
// before the first instruction), so encoding errors and the like have
// python's messages ("Non-UTF-8 code starting with ..."). `filename` becomes
// co_filename; skip_first_line is -x. Returns the code object, or an empty
// Ref with the Python error set (the SyntaxError python would print).
Ref compile_file_like_python(const std::string& path, const std::string& filename, bool skip_first_line);

}  // namespace xp::rt
