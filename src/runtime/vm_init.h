// One-time set-up of the VM inside an initialised host interpreter (used by
// the xpython command and by the xpython extension module).
#pragma once

namespace xp::rt {

// Idempotent. Returns 0, or -1 with a Python error set.
int init_vm();

}  // namespace xp::rt
