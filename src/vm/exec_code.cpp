#include "vm/exec_code.h"

#include "core/error.h"
#include "runtime/host_code.h"
#include "vm/host_entry.h"
#include "vm/implemented_ops.h"

#include <algorithm>
#include <string>

namespace xp::vm {

namespace {

void free_exec_code(void* p) { delete static_cast<ExecCode*>(p); }
void free_shell_ref(void* p) { Py_XDECREF(static_cast<PyObject*>(p)); }
Py_ssize_t g_shell_extra_index = -1;   // a host code object's shell (shell_for_host_code)

Ref str_tuple(const std::vector<Ref>& items) {
  Ref t = steal(PyTuple_New(static_cast<Py_ssize_t>(items.size())));
  if (!t) return t;
  for (size_t i = 0; i < items.size(); ++i)
    PyTuple_SET_ITEM(t.get(), static_cast<Py_ssize_t>(i), items[i].new_ref());
  return t;
}

Ref bytes_of(const std::string& s) {
  return steal(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())));
}

[[noreturn]] void throw_python_error(const Code& code, const char* what) {
  // A host error while building the shell means the code object is not
  // acceptable to the host (e.g. inconsistent fields): report it as input.
  std::string msg = code.filename_utf8() + ": code object '" + code.qualname_utf8() + "': " + what;
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  if (value != nullptr) msg += ": " + utf8_of(value);
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
  throw VerifyError(msg);
}

void check_runnable(const Program& prog) {
  for (size_t i = 0; i < prog.instrs.size(); ++i) {
    const Op op = prog.instrs[i].op;
    if (op == kNoCanonicalOp || !op_implemented(op))
      throw UnsupportedError(describe_location(*prog.code, prog.info[i].offset) + ": " + prog.opname(i) +
                             " cannot be executed yet (not implemented for Python " +
                             prog.code->version.str() + ")");
  }
}

}  // namespace

Py_ssize_t g_code_extra_index = -1;

void init_exec_code() {
  if (g_code_extra_index >= 0) return;
  g_code_extra_index = _PyEval_RequestCodeExtraIndex(free_exec_code);
  g_shell_extra_index = _PyEval_RequestCodeExtraIndex(free_shell_ref);
  // Check the co_extra mirror on a real code object before relying on it.
  // (The probe's ExecCode is freed with the probe, through free_exec_code.)
  Ref probe = steal(Py_CompileString("pass", "<xpython probe>", Py_file_input));
  auto* marker = new ExecCode();
  const bool set = probe && _PyCode_SetExtra(probe.get(), g_code_extra_index, marker) == 0;
  if (!set) delete marker;
  if (!set || exec_code_of_code(probe.get()) != marker)
    Py_FatalError("xpython: the host's code-object extra layout is not CPython 3.11's");
}

namespace {

// Builds the ExecCode for `code`, whose host counterpart is `host` (a shell
// made from it, or the host code object it was converted from), and attaches
// it to `host`.
ExecCode* attach(PyObject* host, const std::shared_ptr<Code>& code) {
  auto ec = std::make_unique<ExecCode>();
  ec->prog = decode(code);
  check_runnable(*ec->prog);
  auto* co = reinterpret_cast<PyCodeObject*>(host);
  ec->shell = host;
  ec->consts_tuple = borrow(co->co_consts);
  ec->consts = &PyTuple_GET_ITEM(co->co_consts, 0);
  ec->names_tuple = borrow(co->co_names);
  ec->names = &PyTuple_GET_ITEM(co->co_names, 0);
  ec->instrs = ec->prog->instrs.data();
  ec->caches.resize(ec->prog->instrs.size());
  ec->code_units = _PyCode_CODE(co);
  ec->unit_of.reserve(ec->prog->info.size());
  for (const InstrInfo& info : ec->prog->info) ec->unit_of.push_back(info.offset / sizeof(_Py_CODEUNIT));
  // The VM indexes locals as the original code does; the host must agree.
  // The host's co_localsplusnames when it agrees (it always does for
  // compiler-made code); a tuple made here would be a new gc-tracked object
  // on the first call of each function, which CPython's first call does not
  // make (gc.get_objects() counts it). A tuple of str cannot be part of a
  // cycle, so one made for a disagreeing host tuple is untracked, as the
  // collector itself would do (_PyTuple_MaybeUntrack).
  ec->localsplusnames = str_tuple(code->localsplusnames);
  if (!ec->localsplusnames) throw_python_error(*code, "cannot build the locals' names");
  PyObject* host_names = co->co_localsplusnames;
  const int same = PyObject_RichCompareBool(host_names, ec->localsplusnames.get(), Py_EQ);
  if (same < 0) throw_python_error(*code, "cannot compare the locals' names");
  if (same)
    ec->localsplusnames = borrow(host_names);
  else if (PyObject_GC_IsTracked(ec->localsplusnames.get()))
    PyObject_GC_UnTrack(ec->localsplusnames.get());
  ec->localspluskinds.assign(code->localspluskinds.begin(), code->localspluskinds.end());
  ec->nlocalsplus = static_cast<int>(code->localsplusnames.size());
  if (co->co_nlocalsplus != ec->nlocalsplus)
    throw VerifyError(describe_location(*code, -1) + ": inconsistent locals layout (" +
                      std::to_string(ec->nlocalsplus) + " slots, host expects " +
                      std::to_string(co->co_nlocalsplus) + ")");
  for (uint8_t k : ec->localspluskinds) {
    if (k & kLocalLocal) ++ec->nlocals;
    if (k & kLocalFree) ++ec->nfree;
  }
  ec->stacksize = code->stacksize;
  ec->framesize = ec->nlocalsplus + ec->stacksize;
  ec->argcount = code->argcount;
  ec->posonlyargcount = code->posonlyargcount;
  ec->kwonlyargcount = code->kwonlyargcount;
  ec->flags = code->flags;
  const bool had_extra = reinterpret_cast<PyCodeObject*>(host)->co_extra != nullptr;
  if (_PyCode_SetExtra(host, g_code_extra_index, ec.get()) < 0)
    throw_python_error(*code, "cannot attach the program to its code object");
  // The host sizes a new extra array for every index requested so far, and
  // when the code object goes it calls each index's free function, with
  // NULL for the slots nobody set: a free function some other user
  // registered (test_code's, in Python through ctypes) would then run for
  // code objects it never saw, which natively have no extra array at all.
  // Our slot is the last one the array needs (a later _PyCode_SetExtra of a
  // higher index grows it again).
  if (!had_extra) static_cast<CodeExtraMirror*>(reinterpret_cast<PyCodeObject*>(host)->co_extra)->ce_size =
      g_code_extra_index + 1;
  return ec.release();  // owned by the host code object now
}

}  // namespace

Ref make_shell(const std::shared_ptr<Code>& code) {
  if (!(code->version == kHostVersion))
    throw UnsupportedError(code->filename_utf8() + ": running Python " + code->version.str() +
                           " bytecode is not supported yet (this build runs " + kHostVersion.str() +
                           "; use --dis to inspect it)");

  // Nested code objects first: their shells are this shell's constants.
  // One slot more than co_consts shows: the entry callee, which the entry
  // trampoline loads (the tuple's size is set back to the visible count once
  // the host has made the code object; the slot stays allocated).
  const auto nconsts = static_cast<Py_ssize_t>(code->consts.size());
  Ref consts = steal(PyTuple_New(nconsts + 1));
  if (!consts) throw_python_error(*code, "cannot build constants");
  for (size_t i = 0; i < code->consts.size(); ++i) {
    const Const& c = code->consts[i];
    Ref item = c.is_code() ? make_shell(c.code) : c.obj;
    PyTuple_SET_ITEM(consts.get(), static_cast<Py_ssize_t>(i), item.release());
  }

  // Every shell gets an entry trampoline, so that the host never runs an
  // interpreted function itself (nor makes or resumes its generators).
  EntryTrampoline entry;
  const std::string executable = with_entry_tail(code->code, nconsts, &entry);
  if (executable.empty()) throw VerifyError(describe_location(*code, -1) + ": no instruction after the prologue");
  const int host_stacksize = std::max(code->stacksize, kEntryStackSlots);
  Ref names = str_tuple(code->names);
  Ref varnames = str_tuple(code->varnames);
  Ref cellvars = str_tuple(code->cellvars);
  Ref freevars = str_tuple(code->freevars);
  Ref co_code = bytes_of(code->code);
  Ref host_units = bytes_of(executable);
  Ref linetable = bytes_of(code->linetable);
  Ref exctable = bytes_of(code->exceptiontable);
  if (!names || !varnames || !cellvars || !freevars || !co_code || !host_units || !linetable || !exctable)
    throw_python_error(*code, "cannot build code fields");

  // The hidden slot borrows the entry callee (alive for the process): the
  // tuple never releases it, since its size is set back right after the
  // host has made the code object, whether or not that succeeded.
  PyTuple_SET_ITEM(consts.get(), nconsts, entry_callee());
  Ref shell = steal(reinterpret_cast<PyObject*>(PyCode_NewWithPosOnlyArgs(
      code->argcount, code->posonlyargcount, code->kwonlyargcount, static_cast<int>(code->varnames.size()),
      host_stacksize, static_cast<int>(code->flags), host_units.get(), consts.get(), names.get(), varnames.get(),
      freevars.get(), cellvars.get(), code->filename.get(), code->name.get(),
      code->qualname ? code->qualname.get() : code->name.get(), code->firstlineno, linetable.get(),
      exctable.get())));
  Py_SET_SIZE(consts.get(), nconsts);
  if (!shell) throw_python_error(*code, "the host rejects this code object");
  auto* co = reinterpret_cast<PyCodeObject*>(shell.get());
  // co_code (dis, marshal, code.replace) is the original: the host's cache
  // of it, filled before anyone asks.
  Py_XSETREF(co->_co_code, co_code.release());
  // The trampoline's tail stays allocated past the size the host knows
  // (its executable units as dis(adaptive=True), co_positions() and code
  // equality see them are the original ones, but for the entry jump).
  Py_SET_SIZE(co, static_cast<Py_ssize_t>(code->code.size() / sizeof(_Py_CODEUNIT)));
  ExecCode* ec = attach(shell.get(), code);
  const int32_t index = ec->prog->index_of_offset(entry.entry_unit * 2);
  if (index < 0) throw VerifyError(describe_location(*code, -1) + ": the prologue ends inside an instruction");
  install_entry_jump(co, entry);
  ec->host_entry = true;
  ec->entry_index = static_cast<uint32_t>(index);
  ec->entry_return_unit = entry.return_unit;
  ec->entry_reraise_unit = entry.reraise_unit;
  return shell;
}

Ref shell_for_host_code(PyObject* code) {
  if (exec_code_of(code) != nullptr) return borrow(code);   // a shell already (or attached)
  // Made once per host code object (exec'ing the same code again, as the
  // extension module's users and its leak test do, reuses it); the host
  // code keeps it in an extra slot of its own.
  void* cached = nullptr;
  if (g_shell_extra_index >= 0 && _PyCode_GetExtra(code, g_shell_extra_index, &cached) == 0 && cached != nullptr)
    return borrow(static_cast<PyObject*>(cached));
  PyErr_Clear();
  Ref shell = make_shell(rt::code_from_host(code));
  auto* co = reinterpret_cast<PyCodeObject*>(code);
  const bool had_extra = co->co_extra != nullptr;
  if (g_shell_extra_index >= 0 && _PyCode_SetExtra(code, g_shell_extra_index, Py_NewRef(shell.get())) < 0) {
    PyErr_Clear();
    Py_DECREF(shell.get());
  } else if (!had_extra) {
    // As attach(): the array ends at our slot.
    static_cast<CodeExtraMirror*>(co->co_extra)->ce_size = g_shell_extra_index + 1;
  }
  return shell;
}

ExecCode* exec_code_for_call_slow(PyObject* code) {
  if (code == nullptr || !PyCode_Check(code)) {
    PyErr_SetString(PyExc_SystemError, "xpython: function has no code object");
    return nullptr;
  }
  try {
    attach(code, rt::code_from_host(code));
  } catch (const InputError& e) {
    PyErr_Format(PyExc_SystemError, "xpython: cannot run this code object in the VM: %s", e.what());
    return nullptr;
  }
  return exec_code_of(code);
}

}  // namespace xp::vm
