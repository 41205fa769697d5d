// ExecCode: everything the VM needs to run one code object, attached to the
// host "shell" code object that stands for it.
//
// Every Code the VM runs gets a shell: a real host PyCodeObject with the same
// signature, names, flags and (for 3.11) the same co_code and location table,
// so that functions made from it are real PyFunctionObjects
// (inspect.isfunction), `f.__code__.co_*` works, and tracebacks printed by the
// host show the right lines and carets. The shell's co_extra slot owns the
// ExecCode (freed with the shell). The host executes only the shell's entry
// trampoline (vm/host_entry.h): calls from C go through the function's
// vectorcall (see vm/call.h); host bytecode inlines its calls and runs the
// trampoline, which enters the VM.
#pragma once

#include "bytecode/program.h"
#include "core/ref.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace xp::vm {

// Per-instruction mutable cache (inline caches of the VM, not of CPython).
struct InlineCache {
  uint64_t globals_version = 0;   // LOAD_GLOBAL: dict versions the value was found with
  uint64_t builtins_version = 0;
  PyObject* value = nullptr;      // borrowed; valid while both versions match
};

struct ExecCode {
  std::unique_ptr<Program> prog;
  const Instr* instrs = nullptr;        // prog->instrs.data()
  PyObject* shell = nullptr;            // borrowed: the shell owns this ExecCode
  PyObject* const* consts = nullptr;    // items of the shell's co_consts (nested code = shells)
  PyObject* const* names = nullptr;     // items of names_tuple
  Ref consts_tuple;                     // the shell's co_consts
  Ref names_tuple;
  Ref localsplusnames;                  // tuple of str
  std::vector<uint8_t> localspluskinds;
  std::vector<InlineCache> caches;      // one per instruction
  // The shell's code units, and per instruction the index of its code unit
  // there: what the host frame's prev_instr points at while it runs.
  _Py_CODEUNIT* code_units = nullptr;
  std::vector<uint32_t> unit_of;

  int nlocalsplus = 0;   // locals + cells + frees
  int nlocals = 0;       // plain locals (incl. arguments)
  int nfree = 0;
  int stacksize = 0;
  int framesize = 0;     // nlocalsplus + stacksize
  int argcount = 0;      // positional (incl. positional-only)
  int posonlyargcount = 0;
  int kwonlyargcount = 0;
  uint32_t flags = 0;
  // CPython 3.11's co_warmup: counts the RESUMEs and JUMP_BACKWARDs executed
  // up to 0, where the host would quicken the code and start specialising
  // its calls. Calls the specialised forms make without a recursion-depth
  // unit are made so only from then on (vm::call_object), which keeps the
  // depth at which RecursionError is raised the host's.
  int warmup = -8;   // -QUICKENING_WARMUP_DELAY
  // The shell's entry trampoline (vm/host_entry.h): host bytecode that calls
  // a function of this code runs the shell itself and enters the VM at
  // instruction entry_index; the VM leaves such a frame at the unit
  // entry_return_unit (a RETURN_VALUE the host executes) or, raising, at
  // entry_reraise_unit. False for host
  // code objects the VM runs as they are (no room for a trampoline): host
  // calls of those run natively, as does resuming their generators.
  bool host_entry = false;
  uint32_t entry_index = 0;
  uint32_t entry_return_unit = 0;
  uint32_t entry_reraise_unit = 0;

  const Code& code() const { return *prog->code; }
  PyObject* localsplus_name(int i) const { return PyTuple_GET_ITEM(localsplusnames.get(), i); }
};

// Where co_extra keeps our slot: CPython's private _PyCodeObjectExtra
// (Objects/codeobject.c, unchanged since 3.7). init_exec_code() checks the
// mirror against _PyCode_GetExtra at start-up.
struct CodeExtraMirror {
  Py_ssize_t ce_size;
  void* ce_extras[1];
};
extern Py_ssize_t g_code_extra_index;

// The ExecCode of a code object (nullptr if it has none); `code` must be a
// PyCodeObject. One load and a compare: calls look it up every time.
inline ExecCode* exec_code_of_code(PyObject* code) {
  const auto* extra = static_cast<const CodeExtraMirror*>(reinterpret_cast<PyCodeObject*>(code)->co_extra);
  if (extra == nullptr || extra->ce_size <= g_code_extra_index) return nullptr;
  return static_cast<ExecCode*>(extra->ce_extras[g_code_extra_index]);
}

// The ExecCode of a shell code object, or nullptr for any other object.
inline ExecCode* exec_code_of(PyObject* code) {
  return code != nullptr && PyCode_Check(code) ? exec_code_of_code(code) : nullptr;
}

// Decodes and verifies `code` and all nested code objects, builds their
// shells and returns the shell of `code` (new reference). Throws
// InputError subclasses for invalid or unsupported bytecode.
Ref make_shell(const std::shared_ptr<Code>& code);
// The shell of a host code object (from compile()): make_shell of its
// conversion, made once; `code` itself if it already is one. Throws as
// make_shell.
Ref shell_for_host_code(PyObject* code);

// The ExecCode of any 3.11 code object a VM function may hold: a shell, or
// a host code object (from compile(), or a copy made by code.replace() as
// types.coroutine does), which gets an ExecCode attached on first use.
// nullptr with a Python exception set if the code cannot run in the VM.
ExecCode* exec_code_for_call_slow(PyObject* code);
inline ExecCode* exec_code_for_call(PyObject* code) {
  if (ExecCode* ec = exec_code_of(code)) return ec;
  return exec_code_for_call_slow(code);
}

// Installs the co_extra index; called once at start-up.
void init_exec_code();

}  // namespace xp::vm
