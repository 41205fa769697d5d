// The canonical op enumeration (see ops.def).
#pragma once

#include <cstddef>
#include <cstdint>

namespace xp {

enum OpFlags : uint8_t {
  OPF_NONE = 0,
  OPF_JUMP = 1,   // argument is a jump target (instruction index)
  OPF_TERM = 2,   // never falls through
};

enum class Op : uint16_t {
#define XP_OP(name, flags) name,
#include "bytecode/ops.def"
#undef XP_OP
  COUNT_
};

inline constexpr int kOpCount = static_cast<int>(Op::COUNT_);

// Name of a canonical op ("BINARY_ADD").
const char* op_name(Op op);
// Flags of a canonical op.
uint8_t op_flags(Op op);
inline bool op_is_jump(Op op) { return op_flags(op) & OPF_JUMP; }
inline bool op_is_terminal(Op op) { return op_flags(op) & OPF_TERM; }

}  // namespace xp
