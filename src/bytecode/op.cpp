#include "bytecode/op.h"

namespace xp {

namespace {
constexpr const char* kNames[] = {
#define XP_OP(name, flags) #name,
#include "bytecode/ops.def"
#undef XP_OP
};
constexpr uint8_t kFlags[] = {
#define XP_OP(name, flags) static_cast<uint8_t>(flags),
#include "bytecode/ops.def"
#undef XP_OP
};
}  // namespace

const char* op_name(Op op) {
  auto i = static_cast<size_t>(op);
  return i < static_cast<size_t>(kOpCount) ? kNames[i] : "<bad op>";
}

uint8_t op_flags(Op op) {
  auto i = static_cast<size_t>(op);
  return i < static_cast<size_t>(kOpCount) ? kFlags[i] : 0;
}

}  // namespace xp
