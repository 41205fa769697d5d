// How the host's code type shows a shell as the code object it was made
// from. A shell differs from its original in two host-internal facts: its
// executable units carry the entry trampoline (vm/host_entry.h) and its
// co_stacksize is at least the trampoline's kEntryStackSlots. CPython 3.11
// reads both directly in C (frame sizing, code equality), so the shell must
// keep them; what Python code reads -- co_stacksize, code.replace(), `==`,
// sys.getsizeof of its frames and generators -- shows the original.
#pragma once

namespace xp::vm {

// Patches PyCode_Type (its co_stacksize attribute, replace(), and equality)
// and the __sizeof__ of the generator, coroutine, async generator and frame
// types (which count co_stacksize slots);
// once, at start-up. -1 with an error set.
int init_shell_code_type();

}  // namespace xp::vm
