#include "runtime/vm_init.h"

#include "core/ref.h"
#include "runtime/import_hook.h"
#include "runtime/internal_module.h"
#include "vm/call.h"
#include "vm/eval.h"
#include "vm/exec_code.h"
#include "vm/host_entry.h"
#include "vm/ops_support.h"
#include "vm/shell_code.h"

namespace xp::rt {

int init_vm() {
  static bool done = false;
  if (done) return 0;
  vm::init_names();
  vm::init_exec_code();
  vm::init_calls();
  if (vm::init_host_entry() < 0) return -1;
  if (vm::init_shell_code_type() < 0) return -1;
  vm::install_eval_frame_hook();
  if (vm::install_trace_watch() < 0) return -1;
  // _xpython (exec_code, exec_pyc, vm_get_code), importable whatever
  // --interpret-imports says.
  Ref internal = steal(make_internal_module());
  if (!internal) return -1;
  if (PyErr_Occurred()) return -1;
  done = true;
  return 0;
}

}  // namespace xp::rt
