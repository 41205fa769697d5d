// The canonical op enumeration (see ops.def).
#pragma once

#include <cstddef>
#include <cstdint>

namespace xp {

enum OpFlags : uint8_t {
  OPF_NONE = 0,
  OPF_JUMP = 1,      // argument is an instruction index (jump target, or handler for OPF_HANDLER)
  OPF_TERM = 2,      // never falls through
  OPF_HANDLER = 4,   // <= 3.10 SETUP_*: the target is a handler entered by unwinding
  OPF_NORAISE = 8,   // never raises
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
inline bool op_is_setup(Op op) { return op_flags(op) & OPF_HANDLER; }

}  // namespace xp
