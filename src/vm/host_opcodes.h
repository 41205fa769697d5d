// The host's opcodes and inline-cache sizes that xpython writes or reads in
// host code units itself (the entry trampoline, a suspended generator's next
// instruction), from xpython's table of the host version (facts/; the
// host's Include/opcode.h macros would clash with xp::Op's names).
#pragma once

#include <cstdint>

namespace xp::vm {

struct HostOpcodes {
  uint8_t cache, push_null, unary_negative, return_value, reraise, load_const, jump_forward, make_cell,
      extended_arg, copy_free_vars, precall, call, resume;
  int precall_caches, call_caches;
};

const HostOpcodes& host_opcodes();

}  // namespace xp::vm
