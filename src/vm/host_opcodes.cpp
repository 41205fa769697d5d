#include "vm/host_opcodes.h"

#include "bytecode/version_table.h"
#include "core/python.h"
#include "core/version.h"

namespace xp::vm {

const HostOpcodes& host_opcodes() {
  static const HostOpcodes ops = [] {
    const VersionTable* t = version_table(kHostVersion);
    auto op = [t](const char* name) {
      const int o = t != nullptr ? t->opcode_of(name) : -1;
      if (o < 0) Py_FatalError("xpython: the host version's opcode table lacks an opcode xpython writes or reads");
      return static_cast<uint8_t>(o);
    };
    HostOpcodes h{};
    h.cache = op("CACHE");
    h.push_null = op("PUSH_NULL");
    h.unary_negative = op("UNARY_NEGATIVE");
    h.return_value = op("RETURN_VALUE");
    h.reraise = op("RERAISE");
    h.load_const = op("LOAD_CONST");
    h.jump_forward = op("JUMP_FORWARD");
    h.make_cell = op("MAKE_CELL");
    h.extended_arg = op("EXTENDED_ARG");
    h.copy_free_vars = op("COPY_FREE_VARS");
    h.precall = op("PRECALL");
    h.call = op("CALL");
    h.resume = op("RESUME");
    h.precall_caches = t->row(h.precall)->cache_entries;
    h.call_caches = t->row(h.call)->cache_entries;
    return h;
  }();
  return ops;
}

}  // namespace xp::vm
