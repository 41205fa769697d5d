// Errors raised by the loading/decoding layers. They carry enough context for
// the one-line message the command prints (file, code object, version, offset).
#pragma once

#include <stdexcept>
#include <string>

namespace xp {

// Process exit statuses for bad input (see README "Exit status").
inline constexpr int kExitBadInput = 2;          // missing file, malformed .pyc, invalid bytecode
inline constexpr int kExitUnsupportedVersion = 3;  // valid .pyc of a version we cannot run yet

// Base of every error about the input (not about the program's own behaviour).
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& msg, int exit_status = kExitBadInput)
      : std::runtime_error(msg), exit_status_(exit_status) {}
  int exit_status() const { return exit_status_; }

 private:
  int exit_status_;
};

// Malformed .pyc / marshal data. `offset` is the byte offset in the input.
class LoadError : public InputError {
 public:
  LoadError(const std::string& msg, size_t offset)
      : InputError(msg + " (at byte " + std::to_string(offset) + ")"), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

// Bytecode that the decoder or verifier rejects.
class VerifyError : public InputError {
 public:
  using InputError::InputError;
};

// A valid file of a version (or feature) this build cannot execute yet.
class UnsupportedError : public InputError {
 public:
  explicit UnsupportedError(const std::string& msg) : InputError(msg, kExitUnsupportedVersion) {}
};

}  // namespace xp
