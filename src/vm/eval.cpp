// The eval loop: one computed-goto dispatch over canonical ops.
//
// The value stack holds owned references. Calls between interpreted
// functions push a frame and continue in this same loop (no C recursion);
// host code calls interpreted functions through their vectorcall, which
// re-enters eval() with an entry frame. Exceptions unwind through the 3.11
// exception table. Tracing costs nothing when off: the dispatch table is
// switched to one whose every entry first calls the tracer when a hook may
// appear (see g_dispatch).
#include "vm/eval.h"

#include "runtime/function.h"
#include "runtime/generator.h"
#include "runtime/host_ceval.h"
#include "runtime/host_frame.h"
#include "runtime/traceback.h"
#include "tools/tracer.h"
#include "vm/call.h"
#include "vm/events.h"
#include "vm/host_entry.h"
#include "vm/implemented_ops.h"
#include "vm/ops_support.h"
#include "core/host_internals.h"

#include <cpython/longintrepr.h>

#include <array>
#include <cstring>

namespace xp::vm {

// The ops this loop implements; the dispatch table and op_implemented()
// are both built from this list.
#define XP_VM_OPS(X)                                                                            \
  X(NOP) X(RESUME) X(PRECALL) X(POP_TOP) X(PUSH_NULL) X(COPY) X(SWAP) X(LOAD_CONST) X(LOAD_NAME) \
  X(STORE_NAME) X(DELETE_NAME) X(LOAD_GLOBAL) X(LOAD_GLOBAL_PUSH_NULL) X(STORE_GLOBAL)            \
  X(DELETE_GLOBAL) X(LOAD_FAST) X(STORE_FAST) X(DELETE_FAST) X(MAKE_CELL) X(LOAD_CLOSURE)         \
  X(LOAD_DEREF) X(STORE_DEREF) X(DELETE_DEREF) X(LOAD_CLASSDEREF) X(COPY_FREE_VARS) X(LOAD_ATTR)  \
  X(STORE_ATTR) X(DELETE_ATTR) X(LOAD_METHOD) X(LOAD_BUILD_CLASS) X(LOAD_ASSERTION_ERROR)        \
  X(SETUP_ANNOTATIONS) X(UNARY_POSITIVE) X(UNARY_NEGATIVE) X(UNARY_NOT) X(UNARY_INVERT)           \
  X(BINARY_ADD) X(BINARY_AND) X(BINARY_FLOOR_DIVIDE) X(BINARY_LSHIFT) X(BINARY_MATRIX_MULTIPLY)  \
  X(BINARY_MULTIPLY) X(BINARY_MODULO) X(BINARY_OR) X(BINARY_POWER) X(BINARY_RSHIFT)               \
  X(BINARY_SUBTRACT) X(BINARY_TRUE_DIVIDE) X(BINARY_XOR) X(INPLACE_ADD) X(INPLACE_AND)            \
  X(INPLACE_FLOOR_DIVIDE) X(INPLACE_LSHIFT) X(INPLACE_MATRIX_MULTIPLY) X(INPLACE_MULTIPLY)        \
  X(INPLACE_MODULO) X(INPLACE_OR) X(INPLACE_POWER) X(INPLACE_RSHIFT) X(INPLACE_SUBTRACT)          \
  X(INPLACE_TRUE_DIVIDE) X(INPLACE_XOR) X(BINARY_SUBSCR) X(STORE_SUBSCR) X(DELETE_SUBSCR)         \
  X(COMPARE_OP) X(IS_OP) X(CONTAINS_OP) X(BUILD_TUPLE) X(BUILD_LIST) X(BUILD_SET) X(BUILD_MAP)    \
  X(BUILD_CONST_KEY_MAP) X(BUILD_STRING) X(BUILD_SLICE) X(LIST_APPEND) X(SET_ADD) X(MAP_ADD)      \
  X(LIST_EXTEND) X(SET_UPDATE) X(DICT_MERGE) X(DICT_UPDATE) X(LIST_TO_TUPLE) X(FORMAT_VALUE)      \
  X(UNPACK_SEQUENCE) X(UNPACK_EX) X(JUMP) X(JUMP_BACKWARD) X(POP_JUMP_IF_FALSE)                   \
  X(POP_JUMP_IF_TRUE) X(POP_JUMP_IF_NONE) X(POP_JUMP_IF_NOT_NONE) X(JUMP_IF_FALSE_OR_POP)         \
  X(JUMP_IF_TRUE_OR_POP) X(GET_ITER) X(FOR_ITER) X(RETURN_VALUE) X(KW_NAMES) X(CALL)              \
  X(CALL_FUNCTION_EX) X(MAKE_FUNCTION) X(RETURN_GENERATOR) X(RAISE_VARARGS) X(RERAISE)            \
  X(PUSH_EXC_INFO) X(POP_EXCEPT) X(CHECK_EXC_MATCH) X(CHECK_EG_MATCH) X(PREP_RERAISE_STAR)        \
  X(BEFORE_WITH) X(WITH_EXCEPT_START) X(YIELD_VALUE) X(GET_YIELD_FROM_ITER) X(SEND)               \
  X(GET_AWAITABLE) X(GET_AITER) X(GET_ANEXT) X(END_ASYNC_FOR) X(BEFORE_ASYNC_WITH)                \
  X(ASYNC_GEN_WRAP) X(GET_LEN) X(MATCH_MAPPING) X(MATCH_SEQUENCE) X(MATCH_KEYS) X(MATCH_CLASS)    \
  X(IMPORT_NAME) X(IMPORT_FROM) X(IMPORT_STAR) X(PRINT_EXPR)

namespace {

constexpr std::array<bool, kOpCount + 1> make_implemented() {
  std::array<bool, kOpCount + 1> a{};
#define XP_MARK(name) a[static_cast<size_t>(Op::name)] = true;
  XP_VM_OPS(XP_MARK)
#undef XP_MARK
  return a;
}
constexpr auto kImplemented = make_implemented();

// ---- the dispatch table, told when a host hook may appear -------------------
// Untraced activations dispatch through g_dispatch with no test of their own.
// While nobody may listen it holds each op's code (g_op_code); as soon as
// the host is about to set or clear a trace or profile function, in any
// thread (its _PyEval_SetTrace/_PyEval_SetProfile raise the audit events
// "sys.settrace"/"sys.setprofile" first, whichever way they are reached:
// sys.settrace, threading, cProfile's enable(), PyEval_SetTrace from C), the
// audit hook below arms the table: every entry leads to trace_hook, so every
// VM frame, suspended or running, sees the change at its next instruction,
// exactly where CPython 3.11's `opcode |= cframe.use_tracing` sees it (also
// when the hook is set by a __del__, a property or a C callback in the middle
// of an instruction). trace_hook reads the thread's use_tracing byte; it
// disarms the table once no thread of any interpreter has a hook left.
constexpr size_t kDispatchSize = 512;
static_assert(kOpCount < static_cast<int>(kDispatchSize), "dispatch tables hold 512 entries");
void* g_op_code[kDispatchSize];    // each op's code; filled by eval()'s first call
void* g_dispatch[kDispatchSize];   // g_op_code, or every entry trace_hook while armed
void* g_trace_hook = nullptr;      // set with g_op_code
bool g_armed = false;
// The audit hook is installed and will still be told (the host clears its
// hooks at finalisation, after telling them): while false, the table stays armed.
bool g_watch_live = false;
int g_disarm_skip = 0;             // trace_hook visits before the next thread walk

void arm_dispatch() {
  g_armed = true;
  set_host_inlining(false);
  if (g_trace_hook != nullptr)
    for (void*& e : g_dispatch) e = g_trace_hook;
}

bool thread_hooks(const PyThreadState* ts) {
  return ts->c_tracefunc != nullptr || ts->c_profilefunc != nullptr;
}

// At trace_hook with use_tracing 0: the armed table goes back to the ops if no
// thread has a hook. The walk is skipped for a while when another thread has
// one (that thread may trace for long; this one then pays the visits only).
void maybe_disarm(PyThreadState* ts) {
  if (!g_watch_live || thread_hooks(ts) || --g_disarm_skip > 0) return;
  for (PyInterpreterState* is = PyInterpreterState_Head(); is != nullptr; is = PyInterpreterState_Next(is))
    for (PyThreadState* o = PyInterpreterState_ThreadHead(is); o != nullptr; o = PyThreadState_Next(o))
      if (thread_hooks(o)) {
        g_disarm_skip = 256;
        return;
      }
  g_armed = false;
  g_disarm_skip = 0;
  for (size_t i = 0; i < kDispatchSize; ++i) g_dispatch[i] = g_op_code[i];
  set_host_inlining(true);
}

int watch_audit(const char* event, PyObject*, void*) {
  if (event[0] == 's' && std::strncmp(event, "sys.set", 7) == 0 &&
      (std::strcmp(event + 7, "trace") == 0 || std::strcmp(event + 7, "profile") == 0)) {
    arm_dispatch();
  } else if (event[0] == 'c' && std::strcmp(event, "cpython._PySys_ClearAuditHooks") == 0) {
    g_watch_live = false;  // no more events: stay armed (exact, slower) until exit
    arm_dispatch();
  } else if (event[0] == 'x' && std::strcmp(event, "xpython.trace_watch") == 0) {
    g_watch_live = true;
  }
  return 0;
}

using BinaryFunc = PyObject* (*)(PyObject*, PyObject*);
// Indexed like 3.11's NB_* (BINARY_OP's argument), matching ops.def order.
constexpr BinaryFunc kBinaryFuncs[26] = {
    PyNumber_Add,          PyNumber_And,           PyNumber_FloorDivide,   PyNumber_Lshift,
    PyNumber_MatrixMultiply, PyNumber_Multiply,    PyNumber_Remainder,     PyNumber_Or,
    nullptr /* power */,   PyNumber_Rshift,        PyNumber_Subtract,      PyNumber_TrueDivide,
    PyNumber_Xor,          PyNumber_InPlaceAdd,    PyNumber_InPlaceAnd,    PyNumber_InPlaceFloorDivide,
    PyNumber_InPlaceLshift, PyNumber_InPlaceMatrixMultiply, PyNumber_InPlaceMultiply, PyNumber_InPlaceRemainder,
    PyNumber_InPlaceOr,    nullptr /* inplace power */, PyNumber_InPlaceRshift, PyNumber_InPlaceSubtract,
    PyNumber_InPlaceTrueDivide, PyNumber_InPlaceXor,
};

// Small ints: one 30-bit digit or zero; the common case of loop arithmetic.
inline bool is_compact_long(PyObject* o) {
  return PyLong_CheckExact(o) && static_cast<size_t>(Py_SIZE(o) + 1) < 3;
}
inline long compact_value(PyObject* o) {
  return static_cast<long>(Py_SIZE(o)) * static_cast<long>(reinterpret_cast<PyLongObject*>(o)->ob_digit[0]);
}

// Fast paths for the arithmetic loops care about; nullptr = not handled
// (no error set), fall back to the generic protocol.
inline PyObject* fast_binary(int nb, PyObject* a, PyObject* b) {
  if (is_compact_long(a) && is_compact_long(b)) {
    const long x = compact_value(a), y = compact_value(b);
    switch (nb % 13) {
      case 0: return PyLong_FromLong(x + y);
      case 10: return PyLong_FromLong(x - y);
      case 5: return PyLong_FromLongLong(static_cast<long long>(x) * y);
      case 1: return PyLong_FromLong(x & y);
      case 7: return PyLong_FromLong(x | y);
      case 12: return PyLong_FromLong(x ^ y);
      default: return nullptr;
    }
  }
  if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
    const double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
    switch (nb % 13) {
      case 0: return PyFloat_FromDouble(x + y);
      case 10: return PyFloat_FromDouble(x - y);
      case 5: return PyFloat_FromDouble(x * y);
      default: return nullptr;
    }
  }
  return nullptr;
}

inline PyObject* binary_op(int nb, PyObject* a, PyObject* b) {
  if (PyObject* r = fast_binary(nb, a, b)) return r;
  if (nb == 8) return PyNumber_Power(a, b, Py_None);
  if (nb == 21) return PyNumber_InPlacePower(a, b, Py_None);
  return kBinaryFuncs[nb](a, b);
}

// COMPARE_OP fast path on small ints and floats; -1: not handled.
inline int fast_compare(int op, PyObject* a, PyObject* b) {
  if (is_compact_long(a) && is_compact_long(b)) {
    const long x = compact_value(a), y = compact_value(b);
    switch (op) {
      case Py_LT: return x < y;
      case Py_LE: return x <= y;
      case Py_EQ: return x == y;
      case Py_NE: return x != y;
      case Py_GT: return x > y;
      case Py_GE: return x >= y;
    }
  }
  if (PyFloat_CheckExact(a) && PyFloat_CheckExact(b)) {
    const double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
    switch (op) {
      case Py_LT: return x < y;
      case Py_LE: return x <= y;
      case Py_EQ: return x == y;
      case Py_NE: return x != y;
      case Py_GT: return x > y;
      case Py_GE: return x >= y;
    }
  }
  return -1;
}

// LOAD_GLOBAL lookup through the inline cache (dict version tags).
inline PyObject* load_global_cached(InlineCache& c, PyObject* globals, PyObject* builtins, PyObject* name) {
  if (PyDict_CheckExact(globals) && PyDict_CheckExact(builtins)) {
    auto* g = reinterpret_cast<PyDictObject*>(globals);
    auto* b = reinterpret_cast<PyDictObject*>(builtins);
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wdeprecated-declarations\"")
    const uint64_t gv = g->ma_version_tag, bv = b->ma_version_tag;
    _Pragma("GCC diagnostic pop")
    if (c.value != nullptr && c.globals_version == gv && c.builtins_version == bv) return Py_NewRef(c.value);
    PyObject* v = PyDict_GetItemWithError(globals, name);
    if (v == nullptr) {
      if (PyErr_Occurred()) return nullptr;
      v = PyDict_GetItemWithError(builtins, name);
      if (v == nullptr) {
        if (!PyErr_Occurred()) format_name_error(name);
        return nullptr;
      }
    }
    c.globals_version = gv;
    c.builtins_version = bv;
    c.value = v;
    return Py_NewRef(v);
  }
  // Non-dict globals/builtins (exec with a custom mapping): no caching.
  PyObject* v = PyObject_GetItem(globals, name);
  if (v != nullptr) return v;
  if (!PyErr_ExceptionMatches(PyExc_KeyError)) return nullptr;
  PyErr_Clear();
  v = PyObject_GetItem(builtins, name);
  if (v != nullptr) return v;
  if (PyErr_ExceptionMatches(PyExc_KeyError)) {
    PyErr_Clear();
    format_name_error(name);
  }
  return nullptr;
}

// LOAD_NAME: locals, then globals, then builtins.
PyObject* load_name(Frame* f, PyObject* name) {
  if (f->locals() == nullptr) {
    PyErr_Format(PyExc_SystemError, "no locals when loading %R", name);
    return nullptr;
  }
  PyObject* v;
  if (PyDict_CheckExact(f->locals())) {
    v = PyDict_GetItemWithError(f->locals(), name);
    if (v != nullptr) return Py_NewRef(v);
    if (PyErr_Occurred()) return nullptr;
  } else {
    v = PyObject_GetItem(f->locals(), name);
    if (v != nullptr) return v;
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) return nullptr;
    PyErr_Clear();
  }
  v = PyDict_GetItemWithError(f->globals(), name);
  if (v != nullptr) return Py_NewRef(v);
  if (PyErr_Occurred()) return nullptr;
  if (PyDict_CheckExact(f->builtins())) {
    v = PyDict_GetItemWithError(f->builtins(), name);
    if (v != nullptr) return Py_NewRef(v);
    if (!PyErr_Occurred()) format_name_error(name);
    return nullptr;
  }
  v = PyObject_GetItem(f->builtins(), name);
  if (v != nullptr) return v;
  if (PyErr_ExceptionMatches(PyExc_KeyError)) {
    PyErr_Clear();
    format_name_error(name);
  }
  return nullptr;
}


// The exception-handling ops need an exception object where compiled code
// always has one; crafted (but verified) bytecode gets a SystemError.
inline bool is_exception(PyObject* v) {
  if (PyExceptionInstance_Check(v)) return true;
  PyErr_Format(PyExc_SystemError, "xpython: expected an exception on the stack, found %.200s",
               Py_TYPE(v)->tp_name);
  return false;
}

// BEFORE_WITH / BEFORE_ASYNC_WITH: looks up __enter__/__exit__ (or the
// async pair) on the type, calls the first; *exit gets the bound second.
PyObject* enter_context(PyObject* mgr, bool async, PyObject** exit) {
  const Names& n = xp::vm::names();
  const char* const protocol = async ? "asynchronous context manager" : "context manager";
  Ref enter = steal(lookup_special(mgr, async ? n.aenter : n.enter));
  if (!enter) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the %s protocol", Py_TYPE(mgr)->tp_name,
                   protocol);
    return nullptr;
  }
  Ref ex = steal(lookup_special(mgr, async ? n.aexit : n.exit));
  if (!ex) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the %s protocol (missed %s method)",
                   Py_TYPE(mgr)->tp_name, protocol, async ? "__aexit__" : "__exit__");
    return nullptr;
  }
  PyObject* res = PyObject_CallNoArgs(enter.get());
  if (res != nullptr) *exit = ex.release();
  return res;
}

// A generator's frame has returned or raised: the host's gen_send_ex2 clears
// it (_PyFrame_Clear: locals in slot order, then what is left on the
// stack), so its stacktop must count the live slots.
inline void end_generator_frame(Frame* f, PyObject** sp) {
  f->host->stacktop = static_cast<int>(sp - f->host->localsplus);
}

// A frame the host pushed for its inlined call of a shell (vm/host_entry.h)
// is done: the host finishes it (clears and pops it) after the entry
// callee returns, re-reading its stack top and position.
//
// Returning: the host executes the frame's own RETURN_VALUE when it is
// there as the compiler wrote it (a frame object that outlives the call
// then shows its line), else the trampoline's.
void end_host_call_frame(Frame* f, PyObject** sp) {
  HostFrame* h = f->host;
  h->stacktop = static_cast<int>(sp - h->localsplus);
  if (!is_host_return_value(*h->prev_instr)) {
    h->prev_instr = f->ec->code_units + f->ec->entry_return_unit;
    if (PyThreadState_Get()->cframe->use_tracing) cover_entry_tail_lines(h->f_code, f->ec);
  }
  --h->prev_instr;
}

// Raising (the stack is empty): the exception, with its traceback, becomes
// the entry callee's result and the frame goes on at the trampoline's
// RERAISE 1 with its last position below it, as a handler's re-raise: the
// host restores that position (f_lasti, f_lineno of the finished frame) and
// the exception, and unwinds from the RERAISE, where no handler is, adding
// no traceback entry (the VM's for this frame is there). Returns the
// result for eval() to return, or nullptr with the error set.
PyObject* end_host_call_frame_raising(Frame* f, PyObject** sp, bool host_traces) {
  HostFrame* h = f->host;
  const ExecCode* ec = f->ec;
  // (Tracing started while the frame ran: the host traces the tail.)
  if (host_traces) cover_entry_tail_lines(h->f_code, ec);
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  PyObject* lasti = value != nullptr ? PyLong_FromLong(static_cast<long>(h->prev_instr - ec->code_units)) : nullptr;
  if (lasti == nullptr) {
    // (No memory for the position.) The error goes on, unwound by the host
    // from the tail, where no handler is.
    PyErr_Clear();
    PyErr_Restore(type, value, tb);
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "xpython: error return without exception set");
    h->stacktop = static_cast<int>(sp - h->localsplus);
    h->prev_instr = ec->code_units + ec->entry_return_unit;
    return nullptr;
  }
  if (tb != nullptr) PyException_SetTraceback(value, tb);
  Py_XDECREF(type);
  Py_XDECREF(tb);
  *sp++ = lasti;
  h->stacktop = static_cast<int>(sp - h->localsplus);
  h->prev_instr = ec->code_units + ec->entry_reraise_unit - 1;
  return value;
}

}  // namespace

bool op_implemented(Op op) { return kImplemented[static_cast<size_t>(op)]; }

int install_trace_watch() {
  if (g_watch_live) return 0;
  if (PySys_AddAuditHook(watch_audit, nullptr) < 0) return -1;
  // The host refuses the hook silently if an existing audit hook raises
  // RuntimeError: a private event tells whether it is in place (if not, the
  // table stays armed and every instruction asks the byte, as before).
  if (PySys_Audit("xpython.trace_watch", nullptr) < 0) PyErr_Clear();
  // Armed from the start: a hook may have been set before (the module
  // imported under coverage); the first untraced instruction disarms.
  arm_dispatch();
  return 0;
}

PyObject* eval(ThreadCtx& t, Frame* entry, bool throwflag) {
  // ---- dispatch tables -------------------------------------------------------
  // g_dispatch (above) for untraced activations: no per-instruction test.
  // The VM's own tools (-v tracer, opcode statistics) listen to every
  // instruction of this activation: trace_table, whose every entry leads to
  // trace_hook. trace_hook goes on to g_op_code.
  static void* trace_table[kDispatchSize];
  static bool tables_ready = false;
  if (!tables_ready) {
    for (size_t i = 0; i < kDispatchSize; ++i) {
      g_op_code[i] = &&op_unimplemented;
      trace_table[i] = &&trace_hook;
    }
#define XP_LABEL(name) g_op_code[static_cast<size_t>(Op::name)] = &&op_##name;
    XP_VM_OPS(XP_LABEL)
#undef XP_LABEL
    g_trace_hook = &&trace_hook;
    for (size_t i = 0; i < kDispatchSize; ++i) g_dispatch[i] = g_op_code[i];
    if (g_armed || !g_watch_live) arm_dispatch();
    tables_ready = true;
  }
  const bool tools_listen = tools::tracing_enabled();
  void* const* const dispatch = tools_listen ? trace_table : g_dispatch;

  // ---- registers -------------------------------------------------------------
  Frame* f = entry;
  ExecCode* ec;
  const Instr* ip;
  const Instr* instr = nullptr;
  PyObject** sp;
  PyObject** localsplus;
  HostFrame* hf;                // f->host
  const Instr* instrs;          // ec->instrs
  _Py_CODEUNIT* code_units;     // the shell's code units (host-visible prev_instr)
  const uint32_t* unit_of;      // code unit of each instruction
  PyObject* const* consts;
  PyObject* const* names;
  uint32_t oparg = 0;
  PyObject* kwnames = nullptr;
  PyObject* retval = nullptr;
  Frame* const saved_current = t.current;
  PyThreadState* const tstate = t.tstate;
  // The host's "someone traces or profiles this thread" byte, read by
  // trace_hook and at frame exits, exceptions, SEND and host calls.
  // tstate->cframe stays the same while this activation runs (host
  // evaluations nested in calls restore it, and copy a changed use_tracing
  // back into it).
  const uint8_t* const use_tracing = &tstate->cframe->use_tracing;
  const volatile int* const eval_breaker = rt::eval_breaker_of(tstate);
  static PyObject* const empty_str = PyUnicode_New(0, 0);

#define LOAD_FRAME()                \
  do {                              \
    ec = f->ec;                     \
    hf = f->host;                   \
    localsplus = hf->localsplus;    \
    instrs = ec->instrs;            \
    code_units = ec->code_units;    \
    unit_of = ec->unit_of.data();   \
    consts = ec->consts;            \
    names = ec->names;              \
    ip = f->ip;                     \
    sp = f->sp;                     \
  } while (0)
#define SAVE_FRAME() \
  do {               \
    f->ip = ip;      \
    f->sp = sp;      \
  } while (0)
#define DISPATCH()                                                          \
  do {                                                                      \
    instr = ip++;                                                           \
    oparg = instr->arg;                                                     \
    goto* dispatch[static_cast<size_t>(instr->op)];                         \
  } while (0)
// Every instruction first moves the host frame's prev_instr, so that the
// host (sys._getframe, tracebacks, locals()) always sees the right line.
// It is done here, not before the dispatch, so that trace_hook still sees
// the previous instruction (the line tracer compares the two).
#define TARGET(name) \
  op_##name:         \
  hf->prev_instr = code_units + unit_of[instr - instrs];
#define TOP() (sp[-1])
#define SECOND() (sp[-2])
#define THIRD() (sp[-3])
#define PEEK(n) (sp[-static_cast<ptrdiff_t>(n)])
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define SET_TOP(v) (sp[-1] = (v))
#define SET_SECOND(v) (sp[-2] = (v))
#define STACK_SHRINK(n) (sp -= (n))
#define GETLOCAL(i) (localsplus[i])
#define SETLOCAL(i, v)              \
  do {                              \
    PyObject* old_ = localsplus[i]; \
    localsplus[i] = (v);            \
    Py_XDECREF(old_);               \
  } while (0)
#define JUMP_TO(index) (ip = instrs + (index))
// The host's eval breaker, tested where 3.11's loop tests it (RESUME,
// backward jumps, after calls), so signals and asynchronous exceptions
// land where they land natively.
#define CHECK_BREAKER()                                                        \
  do {                                                                         \
    if (*eval_breaker && rt::handle_eval_breaker(tstate) < 0) goto error;      \
  } while (0)

  f->back = saved_current;
  goto start_frame;

// Entering a frame (the entry frame, or a callee pushed by CALL).
start_frame:
  f->host->previous = host_current_frame(tstate);
  if (tstate->recursion_remaining-- <= 0 && _Py_CheckRecursiveCall(tstate, "")) {
    // _Py_CheckRecursiveCall gave the unit back when it raised; take it
    // again, as ceval does, because exit_unwind returns one for this frame
    // (else every caught RecursionError would raise the limit by one).
    tstate->recursion_remaining--;
    // As in CPython, the frame that overflowed gets no traceback entry; the
    // error surfaces in the caller.
    ip = f->ip;
    sp = f->sp;
    goto exit_unwind;
  }
  t.current = f;
  f->state = FrameState::Running;
  // Join the host's frame chain (the host sees this frame as running).
  set_host_current_frame(tstate, f->host);
  LOAD_FRAME();
  if (dispatch == trace_table) tools::trace_frame_start(f);
  if (throwflag) {
    throwflag = false;
    instr = ip - 1;  // the YIELD_VALUE (or RETURN_GENERATOR) it is suspended at
    // throw()/close() resume the frame too: 'call' (a tracer's error replaces the thrown one).
    if (*use_tracing && events::throw_entry(f, sp) < 0) goto exit_unwind;
    goto error;
  }
  DISPATCH();

// Someone listens (or the op is 255, see the tables): `instr` is about to
// run, f->host->prev_instr still shows the instruction run before it.
trace_hook: {
  if (!tools_listen && !*use_tracing) {
    // Armed, but this thread is not traced (inside a tracer, another thread's
    // hook, or the hook was just removed): the instruction runs as usual.
    maybe_disarm(tstate);
    goto* g_op_code[static_cast<size_t>(instr->op)];
  }
  if (tools_listen && !tools::charge_instruction()) {
    // The instruction budget is spent: this frame ends without running its
    // handlers (each caller then does the same at its next instruction).
    PyErr_SetString(PyExc_RuntimeError, "xpython: instruction budget exhausted");
    goto exit_unwind;
  }
  const Instr* const next = events::before_instruction(f, instr, &sp, tools_listen);
  if (next != instr) {
    if (next == nullptr) goto error;   // a tracer raised: the instruction raises
    // A tracer set f_lineno: run the instruction it chose (untraced, as CPython).
    instr = next;
    ip = next + 1;
    oparg = next->arg;
  }
  goto* g_op_code[static_cast<size_t>(instr->op)];
}

op_unimplemented:
  PyErr_Format(PyExc_SystemError, "xpython: canonical op %s is not implemented", op_name(instr->op));
  goto error;

  // ---- no-ops, stack ------------------------------------------------------------
  TARGET(NOP) DISPATCH();
  TARGET(PRECALL) DISPATCH();  // 3.11's generic PRECALL does nothing; CALL unpacks bound methods
  TARGET(RESUME) {
    if (ec->warmup < 0) ++ec->warmup;
    // Not after `yield from`/`await` (oparg 2, 3): a signal is handled in
    // the innermost generator of the chain, as 3.11 (bpo-30039).
    if (oparg < 2) CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(POP_TOP) {
    PyObject* v = POP();
    Py_DECREF(v);
    DISPATCH();
  }
  TARGET(PUSH_NULL) {
    PUSH(nullptr);
    DISPATCH();
  }
  TARGET(COPY) {
    PyObject* v = PEEK(oparg);
    PUSH(Py_NewRef(v));
    DISPATCH();
  }
  TARGET(SWAP) {
    PyObject* top = TOP();
    SET_TOP(PEEK(oparg));
    PEEK(oparg) = top;
    DISPATCH();
  }

  // ---- constants, names ----------------------------------------------------------
  TARGET(LOAD_CONST) {
    PUSH(Py_NewRef(consts[oparg]));
    DISPATCH();
  }
  TARGET(LOAD_FAST) {
    PyObject* v = GETLOCAL(oparg);
    if (v == nullptr) {
      format_unbound_error(ec->localsplus_name(static_cast<int>(oparg)), false);
      goto error;
    }
    PUSH(Py_NewRef(v));
    DISPATCH();
  }
  TARGET(STORE_FAST) {
    PyObject* v = POP();
    SETLOCAL(oparg, v);
    DISPATCH();
  }
  TARGET(DELETE_FAST) {
    if (GETLOCAL(oparg) == nullptr) {
      format_unbound_error(ec->localsplus_name(static_cast<int>(oparg)), false);
      goto error;
    }
    SETLOCAL(oparg, nullptr);
    DISPATCH();
  }
  TARGET(LOAD_NAME) {
    PyObject* v = load_name(f, names[oparg]);
    if (v == nullptr) goto error;
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_NAME) {
    PyObject* name = names[oparg];
    PyObject* v = POP();
    if (f->locals() == nullptr) {
      PyErr_Format(PyExc_SystemError, "no locals found when storing %R", name);
      Py_DECREF(v);
      goto error;
    }
    int err = PyDict_CheckExact(f->locals()) ? PyDict_SetItem(f->locals(), name, v)
                                           : PyObject_SetItem(f->locals(), name, v);
    Py_DECREF(v);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_NAME) {
    PyObject* name = names[oparg];
    if (f->locals() == nullptr) {
      PyErr_Format(PyExc_SystemError, "no locals when deleting %R", name);
      goto error;
    }
    if (PyObject_DelItem(f->locals(), name) != 0) {
      if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        format_name_error(name);
      }
      goto error;
    }
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL) {
    PyObject* v = load_global_cached(ec->caches[instr - instrs], f->globals(), f->builtins(), names[oparg]);
    if (v == nullptr) goto error;
    PUSH(v);
    DISPATCH();
  }
  TARGET(LOAD_GLOBAL_PUSH_NULL) {
    PyObject* v = load_global_cached(ec->caches[instr - instrs], f->globals(), f->builtins(), names[oparg]);
    if (v == nullptr) goto error;
    PUSH(nullptr);
    PUSH(v);
    DISPATCH();
  }
  TARGET(STORE_GLOBAL) {
    PyObject* v = POP();
    int err = PyDict_SetItem(f->globals(), names[oparg], v);
    Py_DECREF(v);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_GLOBAL) {
    if (PyDict_DelItem(f->globals(), names[oparg]) != 0) {
      if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        format_name_error(names[oparg]);
      }
      goto error;
    }
    DISPATCH();
  }

  // ---- cells ------------------------------------------------------------------------
  TARGET(MAKE_CELL) {
    // An argument that is also a cell arrives as a plain value.
    PyObject* initial = GETLOCAL(oparg);
    PyObject* cell = PyCell_New(initial);
    if (cell == nullptr) goto error;
    SETLOCAL(oparg, cell);
    DISPATCH();
  }
  TARGET(LOAD_CLOSURE) {
    PUSH(Py_NewRef(GETLOCAL(oparg)));
    DISPATCH();
  }
  TARGET(LOAD_DEREF) {
    PyObject* v = PyCell_GET(GETLOCAL(oparg));
    if (v == nullptr) {
      format_unbound_error(ec->localsplus_name(static_cast<int>(oparg)),
                           ec->localspluskinds[oparg] & kLocalFree);
      goto error;
    }
    PUSH(Py_NewRef(v));
    DISPATCH();
  }
  TARGET(STORE_DEREF) {
    PyObject* v = POP();
    PyObject* cell = GETLOCAL(oparg);
    PyObject* old = PyCell_GET(cell);
    PyCell_SET(cell, v);
    Py_XDECREF(old);
    DISPATCH();
  }
  TARGET(DELETE_DEREF) {
    PyObject* cell = GETLOCAL(oparg);
    PyObject* old = PyCell_GET(cell);
    if (old == nullptr) {
      format_unbound_error(ec->localsplus_name(static_cast<int>(oparg)),
                           ec->localspluskinds[oparg] & kLocalFree);
      goto error;
    }
    PyCell_SET(cell, nullptr);
    Py_DECREF(old);
    DISPATCH();
  }
  TARGET(LOAD_CLASSDEREF) {
    // Class bodies: the class namespace first, then the enclosing cell.
    PyObject* name = ec->localsplus_name(static_cast<int>(oparg));
    PyObject* v = nullptr;
    if (f->locals() == nullptr) {   // only in crafted code: compilers use it in class bodies
      PyErr_Format(PyExc_SystemError, "no locals when loading %R", name);
      goto error;
    }
    if (PyDict_CheckExact(f->locals())) {
      v = PyDict_GetItemWithError(f->locals(), name);
      Py_XINCREF(v);
      if (v == nullptr && PyErr_Occurred()) goto error;
    } else {
      v = PyObject_GetItem(f->locals(), name);
      if (v == nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) goto error;
        PyErr_Clear();
      }
    }
    if (v == nullptr) {
      v = PyCell_GET(GETLOCAL(oparg));
      if (v == nullptr) {
        format_unbound_error(name, ec->localspluskinds[oparg] & kLocalFree);
        goto error;
      }
      Py_INCREF(v);
    }
    PUSH(v);
    DISPATCH();
  }
  TARGET(COPY_FREE_VARS) {
    PyObject* closure = f->host->f_func->func_closure;
    if (closure == nullptr || PyTuple_GET_SIZE(closure) < static_cast<Py_ssize_t>(oparg)) {
      // Only top-level code of a crafted file can get here without one.
      PyErr_SetString(PyExc_SystemError, "xpython: code with free variables run without a closure");
      goto error;
    }
    const int offset = ec->nlocalsplus - static_cast<int>(oparg);
    for (uint32_t i = 0; i < oparg; ++i) localsplus[offset + static_cast<int>(i)] = Py_NewRef(PyTuple_GET_ITEM(closure, i));
    DISPATCH();
  }

  // ---- attributes ------------------------------------------------------------------------
  TARGET(LOAD_ATTR) {
    PyObject* owner = TOP();
    PyObject* res = PyObject_GetAttr(owner, names[oparg]);
    Py_DECREF(owner);
    SET_TOP(res);
    if (res == nullptr) goto error;
    DISPATCH();
  }
  TARGET(STORE_ATTR) {
    PyObject* owner = TOP();
    PyObject* v = SECOND();
    STACK_SHRINK(2);
    int err = PyObject_SetAttr(owner, names[oparg], v);
    Py_DECREF(v);
    Py_DECREF(owner);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_ATTR) {
    PyObject* owner = POP();
    int err = PyObject_SetAttr(owner, names[oparg], nullptr);
    Py_DECREF(owner);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(LOAD_METHOD) {
    PyObject* obj = TOP();
    PyObject* meth = nullptr;
    int found = _PyObject_GetMethod(obj, names[oparg], &meth);
    if (meth == nullptr) goto error;  // obj stays on the stack; unwinding frees it
    if (found) {
      SET_TOP(meth);  // [meth, self]
      PUSH(obj);
    } else {
      Py_DECREF(obj);  // [NULL, attr]
      SET_TOP(nullptr);
      PUSH(meth);
    }
    DISPATCH();
  }
  TARGET(LOAD_BUILD_CLASS) {
    PyObject* bc;
    if (PyDict_CheckExact(f->builtins())) {
      bc = PyDict_GetItemWithError(f->builtins(), xp::vm::names().build_class);
      if (bc == nullptr) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_NameError, "__build_class__ not found");
        goto error;
      }
      Py_INCREF(bc);
    } else {
      bc = PyObject_GetItem(f->builtins(), xp::vm::names().build_class);
      if (bc == nullptr) {
        if (PyErr_ExceptionMatches(PyExc_KeyError)) {
          PyErr_Clear();
          PyErr_SetString(PyExc_NameError, "__build_class__ not found");
        }
        goto error;
      }
    }
    // The host's builtin: it runs the body through _PyEval_Vector, and the
    // VM's frame evaluation check sends that frame to the VM (host_frame_eval
    // in call.cpp).
    PUSH(bc);
    DISPATCH();
  }
  TARGET(LOAD_ASSERTION_ERROR) {
    PUSH(Py_NewRef(PyExc_AssertionError));
    DISPATCH();
  }
  TARGET(SETUP_ANNOTATIONS) {
    PyObject* key = xp::vm::names().annotations;
    if (f->locals() == nullptr) {
      PyErr_SetString(PyExc_SystemError, "no locals found when setting up annotations");
      goto error;
    }
    if (PyDict_CheckExact(f->locals())) {
      PyObject* ann = PyDict_GetItemWithError(f->locals(), key);
      if (ann == nullptr) {
        if (PyErr_Occurred()) goto error;
        PyObject* d = PyDict_New();
        const int err = d == nullptr ? -1 : PyDict_SetItem(f->locals(), key, d);
        Py_XDECREF(d);
        if (err != 0) goto error;
      }
    } else {
      PyObject* ann = PyObject_GetItem(f->locals(), key);
      if (ann == nullptr) {
        if (!PyErr_ExceptionMatches(PyExc_KeyError)) goto error;
        PyErr_Clear();
        PyObject* d = PyDict_New();
        const int err = d == nullptr ? -1 : PyObject_SetItem(f->locals(), key, d);
        Py_XDECREF(d);
        if (err != 0) goto error;
      } else {
        Py_DECREF(ann);
      }
    }
    DISPATCH();
  }

  // ---- operators ---------------------------------------------------------------------------
#define UNARY_TARGET(name, fn)     \
  TARGET(name) {                   \
    PyObject* v = TOP();           \
    PyObject* r = fn(v);           \
    Py_DECREF(v);                  \
    SET_TOP(r);                    \
    if (r == nullptr) goto error;  \
    DISPATCH();                    \
  }
  UNARY_TARGET(UNARY_POSITIVE, PyNumber_Positive)
  UNARY_TARGET(UNARY_NEGATIVE, PyNumber_Negative)
  UNARY_TARGET(UNARY_INVERT, PyNumber_Invert)
#undef UNARY_TARGET
  TARGET(UNARY_NOT) {
    PyObject* v = TOP();
    int err = PyObject_IsTrue(v);
    Py_DECREF(v);
    if (err < 0) {
      STACK_SHRINK(1);
      goto error;
    }
    SET_TOP(Py_NewRef(err ? Py_False : Py_True));
    DISPATCH();
  }

#define BINARY_TARGET(name, nb)            \
  TARGET(name) {                           \
    PyObject* rhs = POP();                 \
    PyObject* lhs = TOP();                 \
    PyObject* r = binary_op(nb, lhs, rhs); \
    Py_DECREF(lhs);                        \
    Py_DECREF(rhs);                        \
    SET_TOP(r);                            \
    if (r == nullptr) goto error;          \
    DISPATCH();                            \
  }
  BINARY_TARGET(BINARY_ADD, 0)
  BINARY_TARGET(BINARY_AND, 1)
  BINARY_TARGET(BINARY_FLOOR_DIVIDE, 2)
  BINARY_TARGET(BINARY_LSHIFT, 3)
  BINARY_TARGET(BINARY_MATRIX_MULTIPLY, 4)
  BINARY_TARGET(BINARY_MULTIPLY, 5)
  BINARY_TARGET(BINARY_MODULO, 6)
  BINARY_TARGET(BINARY_OR, 7)
  BINARY_TARGET(BINARY_POWER, 8)
  BINARY_TARGET(BINARY_RSHIFT, 9)
  BINARY_TARGET(BINARY_SUBTRACT, 10)
  BINARY_TARGET(BINARY_TRUE_DIVIDE, 11)
  BINARY_TARGET(BINARY_XOR, 12)
  BINARY_TARGET(INPLACE_AND, 14)
  BINARY_TARGET(INPLACE_FLOOR_DIVIDE, 15)
  BINARY_TARGET(INPLACE_LSHIFT, 16)
  BINARY_TARGET(INPLACE_MATRIX_MULTIPLY, 17)
  BINARY_TARGET(INPLACE_MULTIPLY, 18)
  BINARY_TARGET(INPLACE_MODULO, 19)
  BINARY_TARGET(INPLACE_OR, 20)
  BINARY_TARGET(INPLACE_POWER, 21)
  BINARY_TARGET(INPLACE_RSHIFT, 22)
  BINARY_TARGET(INPLACE_SUBTRACT, 23)
  BINARY_TARGET(INPLACE_TRUE_DIVIDE, 24)
  BINARY_TARGET(INPLACE_XOR, 25)
#undef BINARY_TARGET

  TARGET(INPLACE_ADD) {
    PyObject* rhs = POP();
    PyObject* lhs = TOP();
    // `s += t` where s is a local about to be overwritten: drop the local's
    // reference first so PyUnicode_Append can resize in place (CPython's
    // BINARY_OP_INPLACE_ADD_UNICODE), avoiding quadratic string building.
    if (PyUnicode_CheckExact(lhs) && PyUnicode_CheckExact(rhs) && ip->op == Op::STORE_FAST &&
        GETLOCAL(ip->arg) == lhs) {
      localsplus[ip->arg] = nullptr;
      Py_DECREF(lhs);  // the local's reference; the stack's remains
      PyUnicode_Append(&lhs, rhs);
      Py_DECREF(rhs);
      SET_TOP(lhs);
      if (lhs == nullptr) goto error;
      DISPATCH();
    }
    PyObject* r = binary_op(13, lhs, rhs);
    Py_DECREF(lhs);
    Py_DECREF(rhs);
    SET_TOP(r);
    if (r == nullptr) goto error;
    DISPATCH();
  }

  TARGET(BINARY_SUBSCR) {
    PyObject* sub = POP();
    PyObject* container = TOP();
    PyObject* r = nullptr;
    if (PyList_CheckExact(container) && is_compact_long(sub)) {
      long i = compact_value(sub);
      if (i < 0) i += PyList_GET_SIZE(container);
      if (i >= 0 && i < PyList_GET_SIZE(container)) r = Py_NewRef(PyList_GET_ITEM(container, i));
    } else if (PyTuple_CheckExact(container) && is_compact_long(sub)) {
      long i = compact_value(sub);
      if (i < 0) i += PyTuple_GET_SIZE(container);
      if (i >= 0 && i < PyTuple_GET_SIZE(container)) r = Py_NewRef(PyTuple_GET_ITEM(container, i));
    }
    if (r == nullptr) r = PyObject_GetItem(container, sub);
    Py_DECREF(container);
    Py_DECREF(sub);
    SET_TOP(r);
    if (r == nullptr) goto error;
    DISPATCH();
  }
  TARGET(STORE_SUBSCR) {
    PyObject* sub = TOP();
    PyObject* container = SECOND();
    PyObject* v = THIRD();
    STACK_SHRINK(3);
    int err = PyObject_SetItem(container, sub, v);
    Py_DECREF(v);
    Py_DECREF(container);
    Py_DECREF(sub);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(DELETE_SUBSCR) {
    PyObject* sub = TOP();
    PyObject* container = SECOND();
    STACK_SHRINK(2);
    int err = PyObject_DelItem(container, sub);
    Py_DECREF(container);
    Py_DECREF(sub);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(COMPARE_OP) {
    PyObject* rhs = POP();
    PyObject* lhs = TOP();
    const int c = fast_compare(static_cast<int>(oparg), lhs, rhs);
    PyObject* r = c >= 0 ? Py_NewRef(c ? Py_True : Py_False)
                         : PyObject_RichCompare(lhs, rhs, static_cast<int>(oparg));
    Py_DECREF(lhs);
    Py_DECREF(rhs);
    SET_TOP(r);
    if (r == nullptr) goto error;
    DISPATCH();
  }
  TARGET(IS_OP) {
    PyObject* rhs = POP();
    PyObject* lhs = TOP();
    const bool res = (lhs == rhs) ^ (oparg != 0);
    Py_DECREF(lhs);
    Py_DECREF(rhs);
    SET_TOP(Py_NewRef(res ? Py_True : Py_False));
    DISPATCH();
  }
  TARGET(CONTAINS_OP) {
    PyObject* rhs = POP();
    PyObject* lhs = TOP();
    int res = PySequence_Contains(rhs, lhs);
    Py_DECREF(lhs);
    Py_DECREF(rhs);
    if (res < 0) {
      STACK_SHRINK(1);
      goto error;
    }
    SET_TOP(Py_NewRef((res ^ static_cast<int>(oparg)) ? Py_True : Py_False));
    DISPATCH();
  }

  // ---- building ------------------------------------------------------------------------------
  TARGET(BUILD_TUPLE) {
    PyObject* tup = PyTuple_New(oparg);
    if (tup == nullptr) goto error;
    for (uint32_t i = oparg; i > 0; --i) PyTuple_SET_ITEM(tup, i - 1, POP());
    PUSH(tup);
    DISPATCH();
  }
  TARGET(BUILD_LIST) {
    PyObject* list = PyList_New(oparg);
    if (list == nullptr) goto error;
    for (uint32_t i = oparg; i > 0; --i) PyList_SET_ITEM(list, i - 1, POP());
    PUSH(list);
    DISPATCH();
  }
  TARGET(BUILD_SET) {
    PyObject* set = PySet_New(nullptr);
    int err = set == nullptr ? -1 : 0;
    for (uint32_t i = oparg; i > 0; --i) {
      PyObject* item = PEEK(i);
      if (err == 0) err = PySet_Add(set, item);
      Py_DECREF(item);
    }
    STACK_SHRINK(oparg);
    if (err != 0) {
      Py_XDECREF(set);
      goto error;
    }
    PUSH(set);
    DISPATCH();
  }
  TARGET(BUILD_MAP) {
    PyObject* map = _PyDict_NewPresized(static_cast<Py_ssize_t>(oparg));
    int err = map == nullptr ? -1 : 0;
    for (uint32_t i = oparg; i > 0 && err == 0; --i)
      err = PyDict_SetItem(map, PEEK(2 * i), PEEK(2 * i - 1));
    for (uint32_t i = 0; i < 2 * oparg; ++i) Py_DECREF(POP());
    if (err != 0) {
      Py_XDECREF(map);
      goto error;
    }
    PUSH(map);
    DISPATCH();
  }
  TARGET(BUILD_CONST_KEY_MAP) {
    PyObject* keys = TOP();
    if (!PyTuple_CheckExact(keys) || PyTuple_GET_SIZE(keys) != static_cast<Py_ssize_t>(oparg)) {
      PyErr_SetString(PyExc_SystemError, "bad BUILD_CONST_KEY_MAP keys argument");
      goto error;
    }
    PyObject* map = _PyDict_NewPresized(static_cast<Py_ssize_t>(oparg));
    int err = map == nullptr ? -1 : 0;
    for (uint32_t i = 0; i < oparg && err == 0; ++i)
      err = PyDict_SetItem(map, PyTuple_GET_ITEM(keys, i), PEEK(oparg + 1 - i));
    Py_DECREF(POP());
    for (uint32_t i = 0; i < oparg; ++i) Py_DECREF(POP());
    if (err != 0) {
      Py_XDECREF(map);
      goto error;
    }
    PUSH(map);
    DISPATCH();
  }
  TARGET(BUILD_STRING) {
    PyObject* str = _PyUnicode_JoinArray(empty_str, sp - oparg, oparg);
    for (uint32_t i = 0; i < oparg; ++i) Py_DECREF(POP());
    if (str == nullptr) goto error;
    PUSH(str);
    DISPATCH();
  }
  TARGET(BUILD_SLICE) {
    PyObject* step = oparg == 3 ? POP() : nullptr;
    PyObject* stop = POP();
    PyObject* start = TOP();
    PyObject* slice = PySlice_New(start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_XDECREF(step);
    SET_TOP(slice);
    if (slice == nullptr) goto error;
    DISPATCH();
  }
  TARGET(LIST_APPEND) {
    PyObject* v = POP();
    PyObject* list = PEEK(oparg);
    int err = PyList_Append(list, v);
    Py_DECREF(v);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(SET_ADD) {
    PyObject* v = POP();
    PyObject* set = PEEK(oparg);
    int err = PySet_Add(set, v);
    Py_DECREF(v);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(MAP_ADD) {
    PyObject* value = POP();
    PyObject* key = POP();
    PyObject* map = PEEK(oparg);
    int err = PyDict_SetItem(map, key, value);
    Py_DECREF(value);
    Py_DECREF(key);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(LIST_EXTEND) {
    PyObject* iterable = POP();
    PyObject* list = PEEK(oparg);
    PyObject* none = _PyList_Extend(reinterpret_cast<PyListObject*>(list), iterable);
    if (none == nullptr) {
      if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(iterable)->tp_iter == nullptr &&
          !PySequence_Check(iterable)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s", Py_TYPE(iterable)->tp_name);
      }
      Py_DECREF(iterable);
      goto error;
    }
    Py_DECREF(none);
    Py_DECREF(iterable);
    DISPATCH();
  }
  TARGET(SET_UPDATE) {
    PyObject* iterable = POP();
    PyObject* set = PEEK(oparg);
    int err = _PySet_Update(set, iterable);
    Py_DECREF(iterable);
    if (err < 0) goto error;
    DISPATCH();
  }
  TARGET(DICT_UPDATE) {
    PyObject* update = POP();
    PyObject* dict = PEEK(oparg);
    if (PyDict_Update(dict, update) < 0) {
      if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping", Py_TYPE(update)->tp_name);
      }
      Py_DECREF(update);
      goto error;
    }
    Py_DECREF(update);
    DISPATCH();
  }
  TARGET(DICT_MERGE) {
    PyObject* update = POP();
    PyObject* dict = PEEK(oparg);
    if (_PyDict_MergeEx(dict, update, 2) < 0) {
      format_kwargs_error(PEEK(2 + oparg), update);
      Py_DECREF(update);
      goto error;
    }
    Py_DECREF(update);
    DISPATCH();
  }
  TARGET(LIST_TO_TUPLE) {
    PyObject* list = POP();
    PyObject* tuple = PyList_AsTuple(list);
    Py_DECREF(list);
    if (tuple == nullptr) goto error;
    PUSH(tuple);
    DISPATCH();
  }
  TARGET(FORMAT_VALUE) {
    const bool have_spec = (oparg & 0x04) == 0x04;
    PyObject* spec = have_spec ? POP() : nullptr;
    PyObject* value = POP();
    PyObject* conv = nullptr;
    switch (oparg & 0x03) {
      case 1: conv = PyObject_Str(value); break;
      case 2: conv = PyObject_Repr(value); break;
      case 3: conv = PyObject_ASCII(value); break;
      default: break;
    }
    if ((oparg & 0x03) != 0) {
      Py_DECREF(value);
      if (conv == nullptr) {
        Py_XDECREF(spec);
        goto error;
      }
      value = conv;
    }
    PyObject* result;
    if (PyUnicode_CheckExact(value) && spec == nullptr) {
      result = value;
    } else {
      result = PyObject_Format(value, spec);
      Py_DECREF(value);
      Py_XDECREF(spec);
      if (result == nullptr) goto error;
    }
    PUSH(result);
    DISPATCH();
  }
  TARGET(UNPACK_SEQUENCE) {
    PyObject* seq = POP();
    if (PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == static_cast<Py_ssize_t>(oparg)) {
      for (uint32_t i = oparg; i > 0; --i) PUSH(Py_NewRef(PyTuple_GET_ITEM(seq, i - 1)));
    } else if (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == static_cast<Py_ssize_t>(oparg)) {
      for (uint32_t i = oparg; i > 0; --i) PUSH(Py_NewRef(PyList_GET_ITEM(seq, i - 1)));
    } else if (unpack_iterable(seq, static_cast<int>(oparg), -1, &sp) < 0) {
      Py_DECREF(seq);
      goto error;
    }
    Py_DECREF(seq);
    DISPATCH();
  }
  TARGET(UNPACK_EX) {
    PyObject* seq = POP();
    int err = unpack_iterable(seq, static_cast<int>(oparg & 0xFF), static_cast<int>(oparg >> 8), &sp);
    Py_DECREF(seq);
    if (err < 0) goto error;
    DISPATCH();
  }

  // ---- control flow ------------------------------------------------------------------------------
  TARGET(JUMP) {
    JUMP_TO(oparg);
    DISPATCH();
  }
  TARGET(JUMP_BACKWARD) {
    if (ec->warmup < 0) ++ec->warmup;
    JUMP_TO(oparg);
    CHECK_BREAKER();
    DISPATCH();
  }
#define COND_JUMP_TARGET(name, jump_if_true)                   \
  TARGET(name) {                                               \
    PyObject* cond = POP();                                    \
    int truth;                                                 \
    if (cond == Py_True) {                                     \
      truth = 1;                                               \
    } else if (cond == Py_False || cond == Py_None) {          \
      truth = 0;                                               \
    } else {                                                   \
      truth = PyObject_IsTrue(cond);                           \
      if (truth < 0) {                                         \
        Py_DECREF(cond);                                       \
        goto error;                                            \
      }                                                        \
    }                                                          \
    Py_DECREF(cond);                                           \
    if (truth == (jump_if_true)) {                             \
      JUMP_TO(oparg);                                          \
      if (instr->flags & kInstrBackward) CHECK_BREAKER();      \
    }                                                          \
    DISPATCH();                                                \
  }
  COND_JUMP_TARGET(POP_JUMP_IF_FALSE, 0)
  COND_JUMP_TARGET(POP_JUMP_IF_TRUE, 1)
#undef COND_JUMP_TARGET
#define NONE_JUMP_TARGET(name, jump_if_none)              \
  TARGET(name) {                                         \
    PyObject* v = POP();                                 \
    const bool is_none = v == Py_None;                   \
    Py_DECREF(v);                                        \
    if (is_none == (jump_if_none)) {                     \
      JUMP_TO(oparg);                                    \
      if (instr->flags & kInstrBackward) CHECK_BREAKER(); \
    }                                                    \
    DISPATCH();                                          \
  }
  NONE_JUMP_TARGET(POP_JUMP_IF_NONE, true)
  NONE_JUMP_TARGET(POP_JUMP_IF_NOT_NONE, false)
#undef NONE_JUMP_TARGET
#define OR_POP_TARGET(name, jump_if_true)                                             \
  TARGET(name) {                                                                      \
    PyObject* cond = TOP();                                                           \
    int truth = cond == Py_True ? 1 : cond == Py_False ? 0 : PyObject_IsTrue(cond);   \
    if (truth < 0) goto error;                                                        \
    if (truth == (jump_if_true)) {                                                    \
      JUMP_TO(oparg);                                                                 \
    } else {                                                                          \
      STACK_SHRINK(1);                                                                \
      Py_DECREF(cond);                                                                \
    }                                                                                 \
    DISPATCH();                                                                       \
  }
  OR_POP_TARGET(JUMP_IF_FALSE_OR_POP, 0)
  OR_POP_TARGET(JUMP_IF_TRUE_OR_POP, 1)
#undef OR_POP_TARGET
  TARGET(GET_ITER) {
    PyObject* iterable = TOP();
    PyObject* iter = PyObject_GetIter(iterable);
    Py_DECREF(iterable);
    SET_TOP(iter);
    if (iter == nullptr) goto error;
    DISPATCH();
  }
  TARGET(FOR_ITER) {
    PyObject* iter = TOP();
    // A VM generator runs in this activation, as 3.12's FOR_ITER_GEN: its
    // YIELD_VALUE comes back here (without the host's gen_send_ex2 and a
    // new eval()). Not while tracing: the host's path makes the events.
    if (Py_IS_TYPE(iter, &PyGen_Type) && !*use_tracing) {
      if (Frame* gen_frame = rt::begin_inline_resume(iter, Py_None, tstate)) {
        SAVE_FRAME();
        gen_frame->back = f;
        f = gen_frame;
        LOAD_FRAME();
        goto start_frame;
      }
    }
    // Compiled code always has GET_ITER's result here; crafted (but
    // verified) code may not, e.g. a comprehension's `.0` argument.
    iternextfunc iternext = Py_TYPE(iter)->tp_iternext;
    if (iternext == nullptr) {
      PyErr_Format(PyExc_TypeError, "'%.200s' object is not an iterator", Py_TYPE(iter)->tp_name);
      goto error;
    }
    PyObject* next = iternext(iter);
    if (next != nullptr) {
      PUSH(next);
      DISPATCH();
    }
    if (PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_StopIteration)) goto error;
      if (*use_tracing) events::exception(f, sp);   // as ceval: the tracer sees the StopIteration
      PyErr_Clear();
    }
    STACK_SHRINK(1);
    Py_DECREF(iter);
    JUMP_TO(oparg);
    DISPATCH();
  }

  // ---- calls -------------------------------------------------------------------------------------
  TARGET(KW_NAMES) {
    kwnames = consts[oparg];
    DISPATCH();
  }
  TARGET(CALL) {
    int is_meth = PEEK(oparg + 2) != nullptr;
    PyObject* callable = PEEK(oparg + 1);
    if (!is_meth && Py_TYPE(callable) == &PyMethod_Type) {
      PEEK(oparg + 1) = Py_NewRef(PyMethod_GET_SELF(callable));
      PEEK(oparg + 2) = Py_NewRef(PyMethod_GET_FUNCTION(callable));
      Py_DECREF(callable);
      is_meth = 1;
    }
    const uint32_t total = oparg + static_cast<uint32_t>(is_meth);
    callable = PEEK(total + 1);
    PyObject* kw = kwnames;
    kwnames = nullptr;
    const Py_ssize_t npos = static_cast<Py_ssize_t>(total) - (kw ? PyTuple_GET_SIZE(kw) : 0);
    if (is_inlined_vm_call(callable)) {
      // Interpreted -> interpreted: a new frame in this same loop.
      PyObject** args = sp - total;
      STACK_SHRINK(oparg + 2);  // args move into the callee; callable/NULL slots go
      SAVE_FRAME();
      // As 3.11's inlined call: while the callee runs, the caller's
      // prev_instr is the CALL's last cache unit (the unit before the next
      // instruction), which f_lasti and tb_lasti show.
      hf->prev_instr = code_units + unit_of[ip - instrs] - 1;
      Frame* callee = make_call_frame(t, callable, args, npos, kw);
      Py_DECREF(callable);
      if (callee == nullptr) goto error;
      callee->back = f;
      f = callee;
      goto start_frame;
    }
    SAVE_FRAME();
    PyObject* res = *use_tracing ? events::call_host(f, callable, sp - total, npos, kw)
                                 : call_object(callable, sp - total, npos, kw, ec->warmup == 0);
    for (uint32_t i = 0; i < total; ++i) Py_DECREF(POP());
    Py_DECREF(callable);
    STACK_SHRINK(2 - is_meth);
    PUSH(res);
    if (res == nullptr) {
      STACK_SHRINK(1);
      goto error;
    }
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(CALL_FUNCTION_EX) {
    PyObject* kwargs = nullptr;
    if (oparg & 1) {
      kwargs = POP();
      if (!PyDict_CheckExact(kwargs)) {
        PyObject* d = PyDict_New();
        if (d == nullptr || _PyDict_MergeEx(d, kwargs, 2) < 0) {
          Py_XDECREF(d);
          format_kwargs_error(SECOND(), kwargs);
          Py_DECREF(kwargs);
          goto error;
        }
        Py_DECREF(kwargs);
        kwargs = d;
      }
    }
    PyObject* callargs = POP();
    PyObject* func = TOP();
    if (!PyTuple_CheckExact(callargs)) {
      if (check_args_iterable(func, callargs) < 0) {
        Py_DECREF(callargs);
        Py_XDECREF(kwargs);
        goto error;
      }
      PyObject* tup = PySequence_Tuple(callargs);
      Py_DECREF(callargs);
      if (tup == nullptr) {
        Py_XDECREF(kwargs);
        goto error;
      }
      callargs = tup;
    }
    SAVE_FRAME();
    PyObject* res = *use_tracing ? events::call_host_ex(f, func, callargs, kwargs) : PyObject_Call(func, callargs, kwargs);
    Py_DECREF(callargs);
    Py_XDECREF(kwargs);
    Py_DECREF(func);
    STACK_SHRINK(1);  // func; below it the NULL slot takes the result
    SET_TOP(res);
    if (res == nullptr) {
      STACK_SHRINK(1);
      goto error;
    }
    CHECK_BREAKER();
    DISPATCH();
  }
  TARGET(MAKE_FUNCTION) {
    // The attributes come off the stack as the compiler built them (a
    // tuple of defaults, a dict of keyword defaults, an even tuple or a dict
    // of annotations); crafted code may push anything there, and bind_args
    // and the host's __annotations__ read them without checking.
    {
      int k = 2;   // below the code object
      if (oparg & 0x08) ++k;   // the closure: checked by the verifier
      const char* bad = nullptr;
      if ((oparg & 0x04) && !bad) {
        PyObject* ann = PEEK(k++);
        if (!PyDict_Check(ann) && !(PyTuple_Check(ann) && PyTuple_GET_SIZE(ann) % 2 == 0))
          bad = "annotations are not a dict or a tuple of pairs";
      }
      if ((oparg & 0x02) && !bad && !PyDict_Check(PEEK(k++))) bad = "keyword-only defaults are not a dict";
      if ((oparg & 0x01) && !bad && !PyTuple_Check(PEEK(k++))) bad = "defaults are not a tuple";
      if (bad != nullptr) {
        PyErr_Format(PyExc_SystemError, "xpython: MAKE_FUNCTION: %s", bad);
        goto error;
      }
    }
    PyObject* codeobj = POP();
    PyObject* func = rt::make_function(codeobj, f->globals());
    Py_DECREF(codeobj);
    if (func == nullptr) goto error;
    auto* fn = reinterpret_cast<PyFunctionObject*>(func);
    if (oparg & 0x08) Py_XSETREF(fn->func_closure, POP());
    if (oparg & 0x04) Py_XSETREF(fn->func_annotations, POP());
    if (oparg & 0x02) Py_XSETREF(fn->func_kwdefaults, POP());
    if (oparg & 0x01) Py_XSETREF(fn->func_defaults, POP());
    PUSH(func);
    DISPATCH();
  }
  TARGET(RETURN_VALUE) {
    retval = POP();
    goto return_from_frame;
  }
  TARGET(RETURN_GENERATOR) {
    // The verifier keeps RETURN_GENERATOR in the prologue, out of reach of
    // jumps; an exception handler covering the prologue could still lead
    // back. A generator's own frame cannot become a second generator (it
    // is not in the arena, and the first generator owns it).
    if (f->owner == FrameOwner::Generator) {
      PyErr_SetString(PyExc_SystemError, "xpython: RETURN_GENERATOR in a frame that is already a generator");
      goto error;
    }
    SAVE_FRAME();
    // (A frame the host pushed keeps a function reference of its own for the
    // host's clear; the generator may replace its function.)
    PyObject* host_call_func = f->owner == FrameOwner::HostCall ? Py_NewRef(f->func()) : nullptr;
    PyObject* gen = rt::make_generator(t, f);
    if (gen == nullptr) {
      Py_XDECREF(host_call_func);
      goto error;
    }
    // The generator owns the frame's data and references now; this call
    // returns the generator.
    Frame* const back = f->back;
    const bool was_entry = f->is_entry;
    set_host_current_frame(tstate, f->host->previous);
    if (host_call_func != nullptr)   // (its vm::Frame is run_host_entered_frame's)
      rt::leave_moved_host_call_frame(f->host, host_call_func, code_units + ec->entry_return_unit - 1);
    else
      t.arena.free(f);
    tstate->recursion_remaining++;
    if (was_entry) {
      t.current = saved_current;
      return gen;
    }
    f = back;
    t.current = f;
    LOAD_FRAME();
    PUSH(gen);
    DISPATCH();
  }

  // ---- exceptions ----------------------------------------------------------------------------------
  TARGET(RAISE_VARARGS) {
    PyObject* cause = oparg == 2 ? POP() : nullptr;
    PyObject* exc = oparg >= 1 ? POP() : nullptr;
    if (oparg == 0) {
      do_reraise();
      goto exception_unwind;  // a bare raise adds no traceback entry
    }
    do_raise(exc, cause);
    Py_XDECREF(exc);
    Py_XDECREF(cause);
    goto error;
  }
  TARGET(RERAISE) {
    if (oparg) {
      PyObject* lasti = PEEK(oparg + 1);
      if (!PyLong_Check(lasti)) {
        PyErr_SetString(PyExc_SystemError, "lasti is not an int");
        goto error;
      }
      // Tracebacks and later lasti pushes see the original instruction.
      hf->prev_instr = code_units + PyLong_AsLong(lasti);
    }
    if (!is_exception(TOP())) goto error;
    PyObject* val = POP();
    PyErr_Restore(Py_NewRef(PyExceptionInstance_Class(val)), val, PyException_GetTraceback(val));
    goto exception_unwind;
  }
  TARGET(PUSH_EXC_INFO) {
    PyObject* value = TOP();
    if (!is_exception(value)) goto error;
    _PyErr_StackItem* exc_info = tstate->exc_info;
    SET_TOP(exc_info->exc_value != nullptr ? exc_info->exc_value : Py_NewRef(Py_None));
    PUSH(Py_NewRef(value));
    exc_info->exc_value = value;
    DISPATCH();
  }
  TARGET(POP_EXCEPT) {
    if (TOP() != Py_None && !is_exception(TOP())) goto error;
    _PyErr_StackItem* exc_info = tstate->exc_info;
    PyObject* old = exc_info->exc_value;
    exc_info->exc_value = POP();
    Py_XDECREF(old);
    DISPATCH();
  }
  TARGET(CHECK_EXC_MATCH) {
    PyObject* right = POP();
    PyObject* left = TOP();
    if (check_except_type_valid(right) < 0) {
      Py_DECREF(right);
      goto error;
    }
    int res = PyErr_GivenExceptionMatches(left, right);
    Py_DECREF(right);
    PUSH(Py_NewRef(res ? Py_True : Py_False));
    DISPATCH();
  }
  TARGET(CHECK_EG_MATCH) {
    PyObject* match_type = POP();
    if (check_except_star_type_valid(match_type) < 0) {
      Py_DECREF(match_type);
      goto error;
    }
    PyObject* exc_value = TOP();
    PyObject* match = nullptr;
    PyObject* rest = nullptr;
    int res = exception_group_match(exc_value, match_type, &match, &rest);
    Py_DECREF(match_type);
    if (res < 0) goto error;
    if (match == Py_None) {
      Py_XDECREF(rest);
      PUSH(match);
    } else {
      // [val] -> [rest, match]; the match becomes the handled exception.
      SET_TOP(rest);
      PUSH(match);
      PyErr_SetHandledException(match);
      Py_DECREF(exc_value);
    }
    DISPATCH();
  }
  TARGET(PREP_RERAISE_STAR) {
    PyObject* excs = POP();
    PyObject* orig = POP();
    PyObject* val = prep_reraise_star(orig, excs);
    Py_DECREF(excs);
    Py_DECREF(orig);
    if (val == nullptr) goto error;
    PUSH(val);
    DISPATCH();
  }
  TARGET(BEFORE_WITH) {
    // [mgr] -> [exit, enter()]
    PyObject* mgr = TOP();
    PyObject* exit = nullptr;
    SAVE_FRAME();
    PyObject* res = enter_context(mgr, false, &exit);
    if (res == nullptr) goto error;
    SET_TOP(exit);
    Py_DECREF(mgr);
    PUSH(res);
    DISPATCH();
  }
  TARGET(WITH_EXCEPT_START) {
    // Stack: [exit, lasti, prev_exc, exc] -> [..., exit(type, exc, tb)]
    PyObject* val = TOP();
    if (!is_exception(val)) goto error;
    PyObject* exit_func = PEEK(4);
    PyObject* tb = PyException_GetTraceback(val);
    PyObject* stack[4] = {nullptr, PyExceptionInstance_Class(val), val, tb ? tb : Py_None};
    SAVE_FRAME();
    PyObject* res = PyObject_Vectorcall(exit_func, stack + 1, 3 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
    Py_XDECREF(tb);
    if (res == nullptr) goto error;
    PUSH(res);
    DISPATCH();
  }

  // ---- generators and coroutines ------------------------------------------------------------------
  TARGET(YIELD_VALUE) {
    // Generator frames are always entry frames (resumed by send()). The
    // verifier allows YIELD_VALUE only in code that starts with
    // RETURN_GENERATOR, but a handler covering that prologue could reach
    // one before the frame became a generator.
    if (f->owner != FrameOwner::Generator) {
      PyErr_SetString(PyExc_SystemError, "xpython: YIELD_VALUE in a frame that is not a generator's");
      goto error;
    }
    retval = POP();
    SAVE_FRAME();
    // Suspended before the 'return' event, as ceval (a tracer may jump from it).
    rt::set_generator_suspended(f);
    if ((tools_listen || *use_tracing) && events::frame_return(f, &sp, retval, tools_listen) < 0) {
      Py_DECREF(retval);   // a tracer raised: the generator ends with its error
      goto exit_unwind;
    }
    // (A tracer's f_lineno from that event moved prev_instr and popped
    // through sp: resume_generator goes on from there, as ceval.)
    SAVE_FRAME();
    f->state = FrameState::Suspended;
    hf->stacktop = static_cast<int>(sp - localsplus);   // the host's send()/throw()/gc walk it
    tstate->recursion_remaining++;
    set_host_current_frame(tstate, hf->previous);
    if (!f->is_entry) {
      // Resumed by this activation's FOR_ITER or SEND: the value is its result.
      rt::end_inline_yield(f, tstate);
      f = f->back;
      t.current = f;
      LOAD_FRAME();
      PUSH(retval);
      DISPATCH();
    }
    // gen_send_ex2 unlinks `previous` when this returns.
    t.current = saved_current;
    return retval;
  }
  TARGET(GET_YIELD_FROM_ITER) {
    PyObject* iterable = TOP();
    if (rt::is_coroutine(iterable)) {
      if (!rt::code_allows_coroutine_yield_from(ec->flags)) {
        PyErr_SetString(PyExc_TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
        goto error;
      }
    } else if (!PyGen_CheckExact(iterable)) {
      PyObject* iter = PyObject_GetIter(iterable);
      if (iter == nullptr) goto error;
      Py_DECREF(iterable);
      SET_TOP(iter);
    }
    DISPATCH();
  }
  TARGET(SEND) {
    // As FOR_ITER: a VM generator or coroutine runs in this activation.
    if ((Py_IS_TYPE(SECOND(), &PyGen_Type) || Py_IS_TYPE(SECOND(), &PyCoro_Type)) && !*use_tracing) {
      if (Frame* gen_frame = rt::begin_inline_resume(SECOND(), TOP(), tstate)) {
        PyObject* sent = POP();   // (the generator's stack has its own reference)
        Py_DECREF(sent);
        SAVE_FRAME();
        gen_frame->back = f;
        f = gen_frame;
        LOAD_FRAME();
        goto start_frame;
      }
    }
    PyObject* v = POP();
    PyObject* receiver = TOP();
    PyObject* result = nullptr;
    SAVE_FRAME();
    PySendResult status = *use_tracing ? events::traced_send(f, sp, receiver, v, &result) : PyIter_Send(receiver, v, &result);
    Py_DECREF(v);
    if (status == PYGEN_ERROR) goto error;
    if (status == PYGEN_RETURN) {
      Py_DECREF(receiver);
      SET_TOP(result);
      JUMP_TO(oparg);
      DISPATCH();
    }
    PUSH(result);
    DISPATCH();
  }
  TARGET(GET_AWAITABLE) {
    PyObject* iterable = TOP();
    PyObject* iter = rt::get_awaitable_iter(iterable);
    if (iter == nullptr) {
      format_awaitable_error(Py_TYPE(iterable), static_cast<int>(oparg));
      goto error;
    }
    Py_DECREF(iterable);
    if (rt::is_coroutine(iter) && rt::delegate_of(iter) != nullptr) {
      Py_DECREF(iter);
      STACK_SHRINK(1);
      PyErr_SetString(PyExc_RuntimeError, "coroutine is being awaited already");
      goto error;
    }
    SET_TOP(iter);
    DISPATCH();
  }
  TARGET(GET_AITER) {
    PyObject* obj = TOP();
    PyTypeObject* type = Py_TYPE(obj);
    if (type->tp_as_async == nullptr || type->tp_as_async->am_aiter == nullptr) {
      PyErr_Format(PyExc_TypeError, "'async for' requires an object with __aiter__ method, got %.100s",
                   type->tp_name);
      goto error;
    }
    PyObject* iter = (*type->tp_as_async->am_aiter)(obj);
    if (iter == nullptr) goto error;
    if (Py_TYPE(iter)->tp_as_async == nullptr || Py_TYPE(iter)->tp_as_async->am_anext == nullptr) {
      PyErr_Format(PyExc_TypeError,
                   "'async for' received an object from __aiter__ that does not implement __anext__: %.100s",
                   Py_TYPE(iter)->tp_name);
      Py_DECREF(iter);
      goto error;
    }
    Py_DECREF(obj);
    SET_TOP(iter);
    DISPATCH();
  }
  TARGET(GET_ANEXT) {
    PyObject* aiter = TOP();
    PyTypeObject* type = Py_TYPE(aiter);
    if (type->tp_as_async == nullptr || type->tp_as_async->am_anext == nullptr) {
      PyErr_Format(PyExc_TypeError, "'async for' requires an iterator with __anext__ method, got %.100s",
                   type->tp_name);
      goto error;
    }
    PyObject* next_iter = (*type->tp_as_async->am_anext)(aiter);
    if (next_iter == nullptr) goto error;
    PyObject* awaitable = rt::get_awaitable_iter(next_iter);
    if (awaitable == nullptr) {
      _PyErr_FormatFromCause(PyExc_TypeError, "'async for' received an invalid object from __anext__: %.100s",
                             Py_TYPE(next_iter)->tp_name);
      Py_DECREF(next_iter);
      goto error;
    }
    Py_DECREF(next_iter);
    PUSH(awaitable);
    DISPATCH();
  }
  TARGET(END_ASYNC_FOR) {
    if (!is_exception(TOP())) goto error;
    PyObject* val = POP();
    if (PyErr_GivenExceptionMatches(val, PyExc_StopAsyncIteration)) {
      Py_DECREF(val);
      Py_DECREF(POP());
      DISPATCH();
    }
    PyErr_Restore(Py_NewRef(PyExceptionInstance_Class(val)), val, PyException_GetTraceback(val));
    goto exception_unwind;
  }
  TARGET(BEFORE_ASYNC_WITH) {
    // [mgr] -> [aexit, aenter()]
    PyObject* mgr = TOP();
    PyObject* exit = nullptr;
    SAVE_FRAME();
    PyObject* res = enter_context(mgr, true, &exit);
    if (res == nullptr) goto error;
    SET_TOP(exit);
    Py_DECREF(mgr);
    PUSH(res);
    DISPATCH();
  }
  TARGET(ASYNC_GEN_WRAP) {
    PyObject* v = TOP();
    PyObject* w = rt::wrap_async_gen_value(v);
    if (w == nullptr) {
      STACK_SHRINK(1);
      goto error;
    }
    SET_TOP(w);
    DISPATCH();
  }

  // ---- pattern matching ------------------------------------------------------------------------------
  TARGET(GET_LEN) {
    Py_ssize_t len = PyObject_Length(TOP());
    if (len < 0) goto error;
    PyObject* l = PyLong_FromSsize_t(len);
    if (l == nullptr) goto error;
    PUSH(l);
    DISPATCH();
  }
  TARGET(MATCH_MAPPING) {
    const bool m = Py_TYPE(TOP())->tp_flags & Py_TPFLAGS_MAPPING;
    PUSH(Py_NewRef(m ? Py_True : Py_False));
    DISPATCH();
  }
  TARGET(MATCH_SEQUENCE) {
    const bool m = Py_TYPE(TOP())->tp_flags & Py_TPFLAGS_SEQUENCE;
    PUSH(Py_NewRef(m ? Py_True : Py_False));
    DISPATCH();
  }
  TARGET(MATCH_KEYS) {
    PyObject* values = match_keys(SECOND(), TOP());
    if (values == nullptr) goto error;
    PUSH(values);
    DISPATCH();
  }
  TARGET(MATCH_CLASS) {
    PyObject* kw_names = POP();
    PyObject* type = POP();
    PyObject* subject = TOP();
    PyObject* attrs = match_class(subject, type, static_cast<Py_ssize_t>(oparg), kw_names);
    Py_DECREF(kw_names);
    Py_DECREF(type);
    if (attrs == nullptr) {
      if (PyErr_Occurred()) goto error;
      attrs = Py_NewRef(Py_None);
    }
    Py_DECREF(subject);
    SET_TOP(attrs);
    DISPATCH();
  }

  // ---- modules ------------------------------------------------------------------------------------------
  TARGET(IMPORT_NAME) {
    PyObject* fromlist = POP();
    PyObject* level = TOP();
    SAVE_FRAME();
    PyObject* res = import_name(f->builtins(), f->globals(), f->locals() ? f->locals() : Py_None, names[oparg], fromlist, level);
    Py_DECREF(level);
    Py_DECREF(fromlist);
    SET_TOP(res);
    if (res == nullptr) {
      STACK_SHRINK(1);
      goto error;
    }
    DISPATCH();
  }
  TARGET(IMPORT_FROM) {
    PyObject* res = import_from(TOP(), names[oparg]);
    if (res == nullptr) goto error;
    PUSH(res);
    DISPATCH();
  }
  TARGET(IMPORT_STAR) {
    PyObject* from = POP();
    if (f->locals() == nullptr) {
      PyErr_SetString(PyExc_SystemError, "no locals found during 'import *'");
      Py_DECREF(from);
      goto error;
    }
    int err = import_all_from(f->locals(), from);
    Py_DECREF(from);
    if (err != 0) goto error;
    DISPATCH();
  }
  TARGET(PRINT_EXPR) {
    PyObject* value = POP();
    PyObject* hook = PySys_GetObject("displayhook");
    if (hook == nullptr) {
      PyErr_SetString(PyExc_RuntimeError, "lost sys.displayhook");
      Py_DECREF(value);
      goto error;
    }
    PyObject* res = PyObject_CallOneArg(hook, value);
    Py_DECREF(value);
    if (res == nullptr) goto error;
    Py_DECREF(res);
    DISPATCH();
  }

// ---- leaving frames --------------------------------------------------------------------------------------
return_from_frame:
  if ((tools_listen || *use_tracing) && events::frame_return(f, &sp, retval, tools_listen) < 0) {
    Py_DECREF(retval);   // a tracer raised in the 'return' event: the frame raises
    goto exit_unwind;
  }
  tstate->recursion_remaining++;
  SAVE_FRAME();
  f->state = FrameState::Completed;
  set_host_current_frame(tstate, f->host->previous);
  if (f->is_entry) {
    if (f->owner == FrameOwner::Thread)
      pop_frame(t, f);
    else if (f->owner == FrameOwner::Generator)
      end_generator_frame(f, sp);
    else
      end_host_call_frame(f, sp);
    t.current = saved_current;
    return retval;
  }
  if (f->owner == FrameOwner::Generator) {
    // A generator resumed by FOR_ITER or SEND returned: SEND's result is
    // the value; FOR_ITER ends its loop (the value would only be a
    // StopIteration's, which FOR_ITER drops).
    end_generator_frame(f, sp);
    rt::end_inline_finish(f, tstate, false);
    f = f->back;
    t.current = f;
    LOAD_FRAME();
    PyObject* receiver = TOP();
    if ((ip - 1)->op == Op::SEND) {
      SET_TOP(retval);
    } else {
      STACK_SHRINK(1);
      Py_DECREF(retval);
    }
    Py_DECREF(receiver);
    JUMP_TO((ip - 1)->arg);
    DISPATCH();
  }
  {
    Frame* caller = f->back;
    pop_frame(t, f);
    f = caller;
    t.current = f;
    LOAD_FRAME();
    PUSH(retval);
    DISPATCH();
  }

error:
  // The instruction `instr` raised: record this frame in the traceback.
  if (!PyErr_Occurred())
    PyErr_SetString(PyExc_SystemError, "xpython: error return without exception set");
  rt::add_traceback_entry(f);
  if (*use_tracing) events::exception(f, sp);

exception_unwind: {
  kwnames = nullptr;
  const uint32_t index = static_cast<uint32_t>(instr - ec->instrs);
  const ExceptionEntry* h = ec->prog->handler_for(index);
  if (h != nullptr) {
    PyObject** new_sp = f->stack_base() + h->depth;
    while (sp > new_sp) {
      PyObject* v = POP();
      Py_XDECREF(v);
    }
    if (h->lasti) {
      PyObject* lasti = PyLong_FromLong(static_cast<long>(f->host->prev_instr - code_units));
      if (lasti == nullptr) goto exit_unwind;
      PUSH(lasti);
    }
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    if (tb != nullptr) PyException_SetTraceback(value, tb);
    Py_XDECREF(tb);
    Py_XDECREF(type);
    PUSH(value);
    JUMP_TO(h->target);
    DISPATCH();
  }
  // The frame is left by the exception.
  if (*use_tracing) events::frame_unwind(f, sp);
}

exit_unwind:
  // No handler here: the frame is done; the exception moves to the caller.
  {
    // As ceval, the value stack is emptied top first, before the exit is
    // traced; clear_frame then releases the locals in slot order.
    while (sp > f->stack_base()) {
      PyObject* v = POP();
      Py_XDECREF(v);
    }
    if (dispatch == trace_table) tools::trace_frame_end(f, sp);
    tstate->recursion_remaining++;
    SAVE_FRAME();
    f->state = FrameState::Completed;
    set_host_current_frame(tstate, f->host->previous);
    if (f->is_entry) {
      PyObject* result = nullptr;
      if (f->owner == FrameOwner::Thread)
        pop_frame(t, f);
      else if (f->owner == FrameOwner::Generator)
        end_generator_frame(f, sp);
      else
        result = end_host_call_frame_raising(f, sp, *use_tracing != 0);
      t.current = saved_current;
      return result;
    }
    Frame* caller = f->back;
    if (f->owner == FrameOwner::Generator) {   // resumed by FOR_ITER or SEND
      end_generator_frame(f, sp);
      rt::end_inline_finish(f, tstate, true);
    } else {
      pop_frame(t, f);
    }
    f = caller;
    t.current = f;
    LOAD_FRAME();
    instr = ip - 1;  // the CALL (or FOR_ITER) that entered the failed frame
    goto error;
  }

#undef LOAD_FRAME
#undef SAVE_FRAME
#undef DISPATCH
#undef TARGET
#undef TOP
#undef SECOND
#undef THIRD
#undef PEEK
#undef PUSH
#undef POP
#undef SET_TOP
#undef SET_SECOND
#undef STACK_SHRINK
#undef GETLOCAL
#undef SETLOCAL
#undef JUMP_TO
#undef CHECK_BREAKER
}

PyObject* run_code(PyObject* shell, PyObject* globals, PyObject* locals) {
  ExecCode* ec = exec_code_of(shell);
  if (ec == nullptr) {
    PyErr_SetString(PyExc_SystemError, "xpython: run_code needs a code object prepared for the VM");
    return nullptr;
  }
  // As CPython's PyEval_EvalCode: a function object holds the code, globals
  // and builtins (the frame borrows the latter two from it).
  PyObject* func = PyFunction_New(shell, globals);
  if (func == nullptr) return nullptr;
  ThreadCtx& t = thread_ctx();
  Frame* f = push_frame(t, ec, func, locals);
  Py_DECREF(func);
  if (f == nullptr) return nullptr;
  f->is_entry = true;
  return eval(t, f, false);
}

}  // namespace xp::vm
