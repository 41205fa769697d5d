// Helpers shared by the bytecode tests: host-compiled code objects, pyenv
// interpreters, and walking a Code tree through decode().
#pragma once

#include "bytecode/program.h"
#include "core/ref.h"
#include "pyc/code.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace xp::bctest {

// Compiles `source` with the host (3.11) and converts it to a Code through
// marshal + the pyc loader (so the Code is exactly what a 3.11 .pyc gives).
std::shared_ptr<Code> host_compile(const std::string& source, const std::string& filename = "<test>");
// The same for a host code object.
std::shared_ptr<Code> host_code(PyObject* code_object);

// Installed pyenv interpreters by version ("2.7", "3.6", ... "3.13").
std::map<std::string, std::string> pyenv_pythons();
// The interpreter of version `ver`, or "" after printing the SKIP line the
// caller's GTEST_SKIP() goes with (a missing oracle is never a silent pass).
std::string pyenv_python_or_skip_message(const std::string& ver);

// Runs a shell command; returns stdout and sets `status`.
std::string run(const std::string& cmd, int* status);

// The pending Python exception as text (and clears it); "" if none.
std::string python_error();

// Calls f on `code` and every nested code object.
void for_each_code(const Code& code, const std::function<void(const Code&)>& f);

// A Code whose co_code is `bytes`, otherwise a copy of `base`.
std::shared_ptr<Code> with_code(const Code& base, const std::string& bytes);

// Opcode byte of `name` in `v` (fails the test if absent).
uint8_t opcode(PyVersion v, const char* name);

}  // namespace xp::bctest
