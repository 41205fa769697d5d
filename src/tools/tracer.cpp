// -v / -vv: one line per executed instruction on stderr, in the format of
// x-python's README:
//   L. 1   @  0: LOAD_CONST (2, 3)
//          @  4: STORE_NAME (2) x
//          @ 12: BINARY_OP (2, 3) **=
// The operand values shown are those the instruction consumes (read from
// the stack before it runs) or the constant/name it uses. -vv adds the value
// stack after each instruction and a line when a frame starts.
//
// Written with C stdio (not sys.stderr) so tracing never runs Python code of
// the program; reprs are computed with tracing suspended.
#include "tools/tracer.h"

#include "tools/opcode_stats.h"

#include <cstdio>
#include <string>
#include <vector>

namespace xp::tools {

namespace {

TraceOptions g_opts;
bool g_in_trace = false;   // suspends tracing while we compute reprs

constexpr size_t kMaxRepr = 80;

std::string short_repr(PyObject* o) {
  if (o == nullptr) return "<NULL>";
  PyObject *et, *ev, *etb;
  PyErr_Fetch(&et, &ev, &etb);
  std::string s;
  PyObject* r = PyObject_Repr(o);
  if (r == nullptr) {
    PyErr_Clear();
    s = std::string("<") + Py_TYPE(o)->tp_name + " object (repr failed)>";
  } else {
    s = utf8_of(r);
    Py_DECREF(r);
  }
  PyErr_Restore(et, ev, etb);
  if (s.size() > kMaxRepr) s = s.substr(0, kMaxRepr - 3) + "...";
  return s;
}

// "(a, b)" from the top `n` stack values, bottom first.
std::string operands(PyObject** sp, int n) {
  std::string s = "(";
  for (int i = n; i >= 1; --i) {
    s += short_repr(sp[-i]);
    if (i > 1) s += ", ";
  }
  return s + ")";
}

const char* const kBinarySymbols[26] = {"+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",
                                        ">>", "-",  "/",   "^",   "+=", "&=", "//=", "<<=", "@=",
                                        "*=", "%=", "|=",  "**=", ">>=", "-=", "/=",  "^="};
const char* const kCompareSymbols[6] = {"<", "<=", "==", "!=", ">", ">="};

std::string name_at(const vm::ExecCode* ec, uint32_t i) {
  return i < static_cast<uint32_t>(PyTuple_GET_SIZE(ec->names_tuple.get())) ? utf8_of(ec->names[i]) : "?";
}
std::string local_name(const vm::ExecCode* ec, uint32_t i) {
  return i < static_cast<uint32_t>(ec->nlocalsplus) ? utf8_of(ec->localsplus_name(static_cast<int>(i))) : "?";
}

// What the instruction shows after its name.
std::string describe(vm::Frame* f, const Instr* in, PyObject** sp) {
  const vm::ExecCode* ec = f->ec;
  const uint32_t a = in->arg;
  const Op op = in->op;
  if (op >= Op::BINARY_ADD && op <= Op::INPLACE_XOR) {
    const int nb = static_cast<int>(op) - static_cast<int>(Op::BINARY_ADD);
    return operands(sp, 2) + " " + kBinarySymbols[nb];
  }
  switch (op) {
    case Op::LOAD_CONST: return short_repr(ec->consts[a]);
    case Op::KW_NAMES: return short_repr(ec->consts[a]);
    case Op::LOAD_NAME:
    case Op::LOAD_GLOBAL:
    case Op::LOAD_GLOBAL_PUSH_NULL:
    case Op::DELETE_NAME:
    case Op::DELETE_GLOBAL:
    case Op::IMPORT_NAME:
    case Op::IMPORT_FROM:
      return name_at(ec, a);
    case Op::LOAD_ATTR:
    case Op::LOAD_METHOD:
    case Op::DELETE_ATTR:
      return operands(sp, 1) + " " + name_at(ec, a);
    case Op::STORE_NAME:
    case Op::STORE_GLOBAL:
      return operands(sp, 1) + " " + name_at(ec, a);
    case Op::STORE_ATTR: return operands(sp, 2) + " " + name_at(ec, a);
    case Op::LOAD_FAST:
    case Op::DELETE_FAST:
    case Op::LOAD_DEREF:
    case Op::LOAD_CLOSURE:
    case Op::LOAD_CLASSDEREF:
    case Op::MAKE_CELL:
    case Op::DELETE_DEREF:
      return local_name(ec, a);
    case Op::STORE_FAST:
    case Op::STORE_DEREF:
      return operands(sp, 1) + " " + local_name(ec, a);
    case Op::COMPARE_OP: return operands(sp, 2) + " " + (a < 6 ? kCompareSymbols[a] : "?");
    case Op::IS_OP: return operands(sp, 2) + (a ? " is not" : " is");
    case Op::CONTAINS_OP: return operands(sp, 2) + (a ? " not in" : " in");
    case Op::BINARY_SUBSCR: return operands(sp, 2);
    case Op::STORE_SUBSCR: return operands(sp, 3);
    case Op::RETURN_VALUE:
    case Op::YIELD_VALUE:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_POSITIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::GET_ITER:
    case Op::POP_TOP:
      return operands(sp, 1);
    case Op::CALL: {
      // [NULL|meth, callable|self, args...]
      const bool is_meth = sp[-static_cast<int>(a) - 2] != nullptr;
      // The callable, then the arguments (self first for methods).
      return std::to_string(a) + " " + operands(sp, static_cast<int>(a) + 1 + (is_meth ? 1 : 0));
    }
    default: break;
  }
  if (op_is_jump(op)) {
    const uint32_t target = f->ec->prog->info[a].offset;
    if (op == Op::POP_JUMP_IF_FALSE || op == Op::POP_JUMP_IF_TRUE || op == Op::POP_JUMP_IF_NONE ||
        op == Op::POP_JUMP_IF_NOT_NONE || op == Op::JUMP_IF_FALSE_OR_POP || op == Op::JUMP_IF_TRUE_OR_POP)
      return std::to_string(target) + " " + operands(sp, 1);
    return std::to_string(target);
  }
  const OpcodeRow* row = ec->prog->table->row(in->opcode);
  if (row != nullptr && row->has_arg) return std::to_string(ec->prog->info[static_cast<size_t>(in - ec->instrs)].raw_arg);
  return "";
}

std::string stack_text(vm::Frame* f, PyObject** sp) {
  std::string s = "[";
  for (PyObject** p = f->stack_base(); p < sp; ++p) {
    if (p != f->stack_base()) s += ", ";
    s += short_repr(*p);
  }
  return s + "]";
}

// -vv: the frame whose stack is printed once its current instruction is done.
struct Pending {
  vm::Frame* frame;
};
std::vector<Pending> g_pending;

void flush_pending_for(vm::Frame* f, PyObject** sp) {
  if (!g_pending.empty() && g_pending.back().frame == f) {
    std::fprintf(stderr, "%*sstack: %s\n", 13, "", stack_text(f, sp).c_str());
    g_pending.pop_back();
  }
}

}  // namespace

namespace {
bool g_budget_on = false;
long long g_budget_left = 0;
}  // namespace

void set_trace_options(const TraceOptions& opts) { g_opts = opts; }
bool tracing_enabled() { return (g_opts.level > 0 || opcode_stats_enabled() || g_budget_on) && !g_in_trace; }

void set_instruction_budget(long long instructions) {
  g_budget_on = instructions > 0;
  g_budget_left = instructions;
}

bool charge_instruction() { return !g_budget_on || --g_budget_left >= 0; }

void trace_instruction(vm::Frame* f, const Instr* instr, PyObject** sp) {
  if (g_in_trace) return;
  if (opcode_stats_enabled()) count_instruction(f, instr);
  if (g_opts.level == 0) return;
  g_in_trace = true;
  if (g_opts.level >= 2) flush_pending_for(f, sp);
  const size_t index = static_cast<size_t>(instr - f->ec->instrs);
  const InstrInfo& info = f->ec->prog->info[index];
  char head[32];
  if ((instr->flags & kInstrLineStart) && info.line >= 0)
    std::snprintf(head, sizeof head, "L. %-3d @%3u: ", info.line, info.offset);
  else
    std::snprintf(head, sizeof head, "       @%3u: ", info.offset);
  std::string operand_text = describe(f, instr, sp);
  std::fprintf(stderr, "%s%s%s%s\n", head, f->ec->prog->opname(index), operand_text.empty() ? "" : " ",
               operand_text.c_str());
  if (g_opts.level >= 2) g_pending.push_back({f});
  g_in_trace = false;
}

void trace_frame_start(vm::Frame* f) {
  if (g_in_trace || g_opts.level < 2) return;
  g_in_trace = true;
  // A resumed caller is not "made"; only fresh frames get the line.
  if (f->instr_index() == 0)
    std::fprintf(stderr, "-- frame %s (%s:%d)\n", f->ec->code().qualname_utf8().c_str(),
                 f->ec->code().filename_utf8().c_str(), f->ec->code().firstlineno);
  g_in_trace = false;
}

void trace_frame_end(vm::Frame* f, PyObject** sp) {
  if (g_in_trace || g_opts.level < 2) return;
  g_in_trace = true;
  flush_pending_for(f, sp);
  g_in_trace = false;
}

}  // namespace xp::tools
