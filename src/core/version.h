// Which Python a piece of bytecode belongs to.
#pragma once

#include <cstdint>
#include <string>

namespace xp {

enum class Impl : uint8_t { CPython, PyPy };

struct PyVersion {
  uint8_t major = 0;
  uint8_t minor = 0;
  Impl impl = Impl::CPython;

  constexpr PyVersion() = default;
  constexpr PyVersion(int maj, int min, Impl i = Impl::CPython)
      : major(static_cast<uint8_t>(maj)), minor(static_cast<uint8_t>(min)), impl(i) {}

  // 2.7 -> 207, 3.11 -> 311: for ordered comparisons.
  constexpr int key() const { return major * 100 + minor; }
  constexpr bool at_least(int maj, int min) const { return key() >= maj * 100 + min; }
  constexpr bool before(int maj, int min) const { return key() < maj * 100 + min; }
  constexpr bool is_pypy() const { return impl == Impl::PyPy; }
  constexpr bool valid() const { return major != 0; }
  constexpr bool operator==(const PyVersion&) const = default;

  // "3.11" or "3.9-pypy" (the corpus folder / facts file spelling).
  std::string str() const {
    std::string s = std::to_string(major) + "." + std::to_string(minor);
    if (is_pypy()) s += "-pypy";
    return s;
  }

  // Bytecode layout eras.
  constexpr bool wordcode() const { return at_least(3, 6); }          // 2-byte units
  constexpr bool has_inline_caches() const { return at_least(3, 11); }
  constexpr bool jumps_in_units() const { return at_least(3, 10); }   // jump args count code units
};

// The host this build embeds.
inline constexpr PyVersion kHostVersion{3, 11};

}  // namespace xp
