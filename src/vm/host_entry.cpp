#include "vm/host_entry.h"

#include "runtime/generator.h"
#include "vm/call.h"
#include "vm/eval.h"
#include "vm/host_opcodes.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace xp::vm {

namespace {

PyObject* g_entry_callee = nullptr;   // strong, for the process's life

void put(std::string& s, uint8_t op, uint8_t arg) {
  s.push_back(static_cast<char>(op));
  s.push_back(static_cast<char>(arg));
}

// The unit after the prologue: MAKE_CELL and COPY_FREE_VARS (with any
// EXTENDED_ARG prefixes) run in the host as they are, so that its readers
// of a frame's code (locals() of cells, f_locals of a frame not started)
// find them where the compiler put them.
uint32_t prologue_end(const std::string& code) {
  const auto units = static_cast<uint32_t>(code.size() / 2);
  uint32_t i = 0;
  while (i < units) {
    uint32_t j = i;
    while (j < units && static_cast<uint8_t>(code[2 * j]) == host_opcodes().extended_arg) ++j;
    if (j >= units) break;
    const auto op = static_cast<uint8_t>(code[2 * j]);
    if (op != host_opcodes().make_cell && op != host_opcodes().copy_free_vars) break;
    i = j + 1;
  }
  return i;
}

// The jump from `from` forward to unit `to`, EXTENDED_ARG-prefixed as needed.
std::string jump_bytes(uint32_t from, uint32_t to) {
  for (int ext = 0; ext < 4; ++ext) {
    if (to < from + static_cast<uint32_t>(ext) + 1) return {};
    const uint32_t delta = to - (from + static_cast<uint32_t>(ext) + 1);
    if (ext < 3 && delta >> (8 * (ext + 1)) != 0) continue;
    std::string s;
    for (int k = ext; k > 0; --k) put(s, host_opcodes().extended_arg, static_cast<uint8_t>(delta >> (8 * k)));
    put(s, host_opcodes().jump_forward, static_cast<uint8_t>(delta));
    return s;
  }
  return {};
}

// The entry callee's one instruction: -ENTRY, where ENTRY's type has an
// nb_negative that runs the caller's frame in the VM. A slot call takes no
// recursion unit and makes no frame or event; the callee's code has no
// RESUME, so the host counts its frame as incomplete (CPython's
// _PyFrame_IsIncomplete): it never appears in tracebacks, f_back chains or
// sys._getframe().
PyObject* enter_vm(PyObject* self) {
  PyThreadState* ts = PyThreadState_Get();
  HostFrame* x = host_current_frame(ts);
  HostFrame* g = x != nullptr ? x->previous : nullptr;
  ExecCode* ec = g != nullptr && x->f_func == reinterpret_cast<PyFunctionObject*>(g_entry_callee)
                     ? exec_code_of_code(reinterpret_cast<PyObject*>(g->f_code))
                     : nullptr;
  if (ec == nullptr || !ec->host_entry) {
    // Someone found the object (gc.get_objects()) and negated it.
    PyErr_Format(PyExc_TypeError, "bad operand type for unary -: '%.200s'", Py_TYPE(self)->tp_name);
    return nullptr;
  }
  return run_host_entered_frame(g, x);
}

PyType_Slot g_entry_slots[] = {
    {Py_nb_negative, reinterpret_cast<void*>(enter_vm)},
    {0, nullptr},
};
PyType_Spec g_entry_spec = {"xpython.vm_entry", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, g_entry_slots};

}  // namespace

std::string with_entry_tail(const std::string& faithful, Py_ssize_t hidden_const, EntryTrampoline* where) {
  const auto n = static_cast<uint32_t>(faithful.size() / 2);
  const uint32_t p = prologue_end(faithful);
  if (p >= n || hidden_const < 0 || hidden_const > 0x7fffffff) return {};
  const std::string jump = jump_bytes(p, n);
  if (jump.empty() || p + jump.size() / 2 > n) return {};
  // The tail, as the host runs it: PUSH_NULL; LOAD_CONST hidden; PRECALL 0;
  // CALL 0; RETURN_VALUE. It lies past the code object's size (make_shell),
  // but should anything print it as instructions, a LOAD_CONST of a
  // constant past co_consts would make dis fail: so the tail jumps over a
  // CALL that is never executed, whose four cache units (which dis skips)
  // hold the LOAD_CONST and its prefixes (up to three).
  std::string tail;
  put(tail, host_opcodes().push_null, 0);
  put(tail, host_opcodes().jump_forward, 1);
  put(tail, host_opcodes().call, 0);
  for (int shift = 24; shift > 0; shift -= 8)
    if (hidden_const >> shift != 0) put(tail, host_opcodes().extended_arg, static_cast<uint8_t>(hidden_const >> shift));
  put(tail, host_opcodes().load_const, static_cast<uint8_t>(hidden_const));
  put(tail, host_opcodes().precall, 0);
  for (int i = 0; i < host_opcodes().precall_caches; ++i) put(tail, host_opcodes().cache, 0);
  put(tail, host_opcodes().call, 0);
  for (int i = 0; i < host_opcodes().call_caches; ++i) put(tail, host_opcodes().cache, 0);
  where->entry_unit = p;
  where->return_unit = n + static_cast<uint32_t>(tail.size() / 2);
  put(tail, host_opcodes().return_value, 0);
  // The way out for an exception (see run_host_entered_frame).
  where->reraise_unit = where->return_unit + 1;
  put(tail, host_opcodes().reraise, 1);
  where->jump = jump;
  return faithful + tail;
}

void install_entry_jump(PyCodeObject* co, const EntryTrampoline& where) {
  std::memcpy(reinterpret_cast<char*>(_PyCode_CODE(co)) + 2 * where.entry_unit, where.jump.data(), where.jump.size());
  co->co_warmup = 0;
}

void cover_entry_tail_lines(PyCodeObject* co, const ExecCode* ec) {
  // CPython 3.11's _PyCode_CreateLineArray, over the tail as well: one line
  // per unit (from the location table), int16 entries if every line fits.
  const Py_ssize_t size = Py_SIZE(co);
  const Py_ssize_t units = static_cast<Py_ssize_t>(ec->entry_reraise_unit) + 1;
  std::vector<int> lines(static_cast<size_t>(units), -1);
  bool small = true;
  for (Py_ssize_t i = 0; i < size; ++i) {
    lines[static_cast<size_t>(i)] = PyCode_Addr2Line(co, static_cast<int>(i * 2));
    small = small && lines[static_cast<size_t>(i)] < INT16_MAX;
  }
  const int entry = small ? 2 : 4;
  auto* array = static_cast<char*>(PyMem_Malloc(static_cast<size_t>(entry * units)));
  if (array == nullptr) return;   // (the host's own array then stays)
  for (Py_ssize_t i = 0; i < units; ++i) {
    if (small)
      reinterpret_cast<int16_t*>(array)[i] = static_cast<int16_t>(lines[static_cast<size_t>(i)]);
    else
      reinterpret_cast<int32_t*>(array)[i] = lines[static_cast<size_t>(i)];
  }
  PyMem_Free(co->_co_linearray);
  co->_co_linearray = array;
  co->_co_linearray_entry_size = static_cast<short>(entry);
}

PyObject* entry_callee() { return g_entry_callee; }

bool is_host_return_value(_Py_CODEUNIT unit) { return _Py_OPCODE(unit) == host_opcodes().return_value; }

int init_host_entry() {
  if (g_entry_callee != nullptr) return 0;
  Ref type = steal(PyType_FromSpec(&g_entry_spec));
  if (!type) return -1;
  Ref entry = steal(PyType_GenericAlloc(reinterpret_cast<PyTypeObject*>(type.get()), 0));
  if (!entry) return -1;
  std::string code;
  put(code, host_opcodes().load_const, 0);
  put(code, host_opcodes().unary_negative, 0);
  put(code, host_opcodes().return_value, 0);
  Ref co_code = steal(PyBytes_FromStringAndSize(code.data(), static_cast<Py_ssize_t>(code.size())));
  Ref consts = steal(PyTuple_Pack(1, entry.get()));
  Ref empty = steal(PyTuple_New(0));
  Ref no_bytes = steal(PyBytes_FromStringAndSize(nullptr, 0));
  Ref filename = steal(PyUnicode_FromString("<xpython>"));
  Ref name = steal(PyUnicode_FromString("<xpython entry>"));
  if (!co_code || !consts || !empty || !no_bytes || !filename || !name) return -1;
  Ref co = steal(reinterpret_cast<PyObject*>(PyCode_NewWithPosOnlyArgs(
      0, 0, 0, 0, 1, CO_OPTIMIZED | CO_NEWLOCALS, co_code.get(), consts.get(), empty.get(), empty.get(), empty.get(),
      empty.get(), filename.get(), name.get(), name.get(), 1, no_bytes.get(), no_bytes.get())));
  if (!co) return -1;
  Ref globals = steal(PyDict_New());
  if (!globals || PyDict_SetItemString(globals.get(), "__builtins__", PyEval_GetBuiltins()) < 0) return -1;
  g_entry_callee = PyFunction_New(co.get(), globals.get());
  return g_entry_callee != nullptr ? 0 : -1;
}

}  // namespace xp::vm
