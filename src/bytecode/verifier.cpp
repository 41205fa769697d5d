#include "bytecode/verifier.h"

#include "bytecode/verifier_flow.h"
#include "core/error.h"

namespace xp {

namespace {

[[noreturn]] void fail(const Program& p, size_t i, const std::string& why) {
  throw VerifyError(describe_location(*p.code, p.info[i].offset) + ": " + p.opname(i) + ": " + why);
}

[[noreturn]] void fail_code(const Program& p, const std::string& why) {
  throw VerifyError(describe_location(*p.code, -1) + ": " + why);
}

// What a canonical op's (normalised) argument indexes.
enum class Operand { None, Const, KwNames, Name, Local, LocalPair, Cell, FreeCount };

Operand operand_of(Op op) {
  switch (op) {
    case Op::LOAD_CONST:
    case Op::RETURN_CONST:
      return Operand::Const;
    case Op::KW_NAMES:
      return Operand::KwNames;
    case Op::LOAD_NAME:
    case Op::STORE_NAME:
    case Op::DELETE_NAME:
    case Op::LOAD_GLOBAL:
    case Op::LOAD_GLOBAL_PUSH_NULL:
    case Op::LOAD_GLOBAL_NULL_313:
    case Op::STORE_GLOBAL:
    case Op::DELETE_GLOBAL:
    case Op::LOAD_FROM_DICT_OR_GLOBALS:
    case Op::LOAD_ATTR:
    case Op::STORE_ATTR:
    case Op::DELETE_ATTR:
    case Op::LOAD_METHOD:
    case Op::LOAD_METHOD_313:
    case Op::LOAD_SUPER_ATTR:
    case Op::LOAD_ZERO_SUPER_ATTR:
    case Op::LOAD_SUPER_METHOD:
    case Op::LOAD_ZERO_SUPER_METHOD:
    case Op::LOAD_SUPER_METHOD_313:
    case Op::LOAD_ZERO_SUPER_METHOD_313:
    case Op::IMPORT_NAME:
    case Op::IMPORT_NAME_24:
    case Op::IMPORT_FROM:
    case Op::STORE_ANNOTATION:
      return Operand::Name;
    case Op::LOAD_FAST:
    case Op::STORE_FAST:
    case Op::DELETE_FAST:
    case Op::LOAD_FAST_AND_CLEAR:
    case Op::MAKE_CELL:
      return Operand::Local;
    case Op::LOAD_FAST_LOAD_FAST:
    case Op::STORE_FAST_LOAD_FAST:
    case Op::STORE_FAST_STORE_FAST:
      return Operand::LocalPair;
    case Op::LOAD_CLOSURE:
    case Op::LOAD_DEREF:
    case Op::STORE_DEREF:
    case Op::DELETE_DEREF:
    case Op::LOAD_CLASSDEREF:
    case Op::LOAD_FROM_DICT_OR_DEREF:
      return Operand::Cell;
    case Op::COPY_FREE_VARS:
      return Operand::FreeCount;
    default:
      return Operand::None;
  }
}

// Extra argument checks that stack_io() does not make.
const char* bad_argument(Op op, uint32_t arg) {
  switch (op) {
    case Op::LOAD_SMALL_INT:
      return arg > 256 ? "not a small int" : nullptr;
    case Op::LOAD_COMMON_CONSTANT:
      return arg > 4 ? "not a common constant" : nullptr;
    case Op::LOAD_SPECIAL:
      return arg > 3 ? "not a special method" : nullptr;
    case Op::RERAISE_39:
      return arg > 1 ? "not 0 or 1" : nullptr;
    default:
      return nullptr;
  }
}

void check_code_object(const Program& p) {
  const Code& c = *p.code;
  if (c.stacksize < 0 || c.stacksize > (1 << 24)) fail_code(p, "co_stacksize " + std::to_string(c.stacksize) + " is out of range");
  if (c.argcount < 0 || c.posonlyargcount < 0 || c.kwonlyargcount < 0 || c.nlocals < 0)
    fail_code(p, "negative argument or local count");
  const size_t args = static_cast<size_t>(c.argcount) + static_cast<size_t>(c.kwonlyargcount) +
                      ((c.flags & kCoVarargs) ? 1 : 0) + ((c.flags & kCoVarkeywords) ? 1 : 0);
  if (args > c.varnames.size())
    fail_code(p, "the code object has " + std::to_string(args) + " arguments but only " +
                     std::to_string(c.varnames.size()) + " local names");
  if (c.posonlyargcount > c.argcount) fail_code(p, "co_posonlyargcount is above co_argcount");
  if (c.version.at_least(3, 11)) {
    if (c.localspluskinds.size() != c.localsplusnames.size())
      fail_code(p, "co_localspluskinds and co_localsplusnames differ in length");
  } else if (static_cast<size_t>(c.nlocals) > c.varnames.size()) {
    fail_code(p, "co_nlocals " + std::to_string(c.nlocals) + " is above len(co_varnames) " +
                     std::to_string(c.varnames.size()));
  }
}

void check_operands(const Program& p) {
  const Code& c = *p.code;
  const size_t nconsts = c.consts.size();
  const size_t nnames = c.names.size();
  const size_t nlocalsplus = c.nlocalsplus();
  const size_t nvarnames = c.varnames.size();
  const bool fused = c.version.at_least(3, 11);
  // Plain locals: <= 3.10 LOAD_FAST indexes the co_nlocals fast slots
  // (<= len(co_varnames)); 3.11+ any localsplus slot.
  const size_t nfast = fused ? nlocalsplus : static_cast<size_t>(c.nlocals);
  auto is_cell_slot = [&](size_t i) {
    if (!fused) return i >= nvarnames && i < nlocalsplus;
    return i < nlocalsplus && (static_cast<uint8_t>(c.localspluskinds[i]) & (kLocalCell | kLocalFree)) != 0;
  };
  for (size_t i = 0; i < p.size(); ++i) {
    const Instr& in = p.instrs[i];
    const uint32_t a = in.arg;
    if (const char* why = bad_argument(in.op, a)) fail(p, i, "argument " + std::to_string(a) + " is " + why);
    switch (operand_of(in.op)) {
      case Operand::None:
        break;
      case Operand::Const:
        if (a >= nconsts)
          fail(p, i, "constant index " + std::to_string(a) + " out of range (" + std::to_string(nconsts) + " constants)");
        break;
      case Operand::KwNames: {
        if (a >= nconsts || c.consts[a].is_code() || !PyTuple_Check(c.consts[a].obj.get()))
          fail(p, i, "constant " + std::to_string(a) + " is not a tuple of keyword names");
        PyObject* t = c.consts[a].obj.get();
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t); ++k)
          if (!PyUnicode_Check(PyTuple_GET_ITEM(t, k))) fail(p, i, "a keyword name is not a str");
        break;
      }
      case Operand::Name:
        if (a >= nnames)
          fail(p, i, "name index " + std::to_string(a) + " out of range (" + std::to_string(nnames) + " names)");
        break;
      case Operand::Local:
        if (a >= nfast)
          fail(p, i, "local index " + std::to_string(a) + " out of range (" + std::to_string(nfast) + " locals)");
        break;
      case Operand::LocalPair:
        if ((a >> 4) >= nfast || (a & 15) >= nfast)
          fail(p, i, "local indices " + std::to_string(a >> 4) + ", " + std::to_string(a & 15) + " out of range (" +
                         std::to_string(nfast) + " locals)");
        break;
      case Operand::Cell:
        if (!is_cell_slot(a))
          fail(p, i, "index " + std::to_string(a) + " is not a cell or free variable (" +
                         std::to_string(nlocalsplus - (fused ? 0 : nvarnames)) + " cells and free variables)");
        break;
      case Operand::FreeCount:
        if (a != c.freevars.size())
          fail(p, i, "copies " + std::to_string(a) + " free variables, the code has " + std::to_string(c.freevars.size()));
        break;
    }
  }
}

// 3.11+: the generator protocol's shape, which the VM's generator runtime
// relies on and no compiler departs from.
//  - RETURN_GENERATOR only as the compiler places it: first, after nothing
//    but COPY_FREE_VARS / MAKE_CELL, with no jump or exception handler
//    landing on it or before it -- so it runs once, in a frame that is not a
//    generator yet (run again, it would make a generator of a generator's
//    own frame).
//  - YIELD_VALUE only in code that starts with RETURN_GENERATOR.
//  - RESUME's argument says where it is: 0 start, 1 after a yield, 2 after
//    `yield from`, 3 after `await` (3.11-3.12; 3.13 adds flag bits). After
//    2 or 3, close() and throw() take the value below the suspended
//    YIELD_VALUE as the delegate and, when it finishes, resume at the SEND's
//    target; so (3.11) it must follow YIELD_VALUE, which must follow SEND
//    and be reached from it alone (then the delegate is SEND's receiver).
void check_generator_protocol(const Program& p) {
  const PyVersion v = p.code->version;
  if (v.is_pypy() || !v.at_least(3, 11)) return;
  const size_t n = p.size();
  std::vector<uint8_t> landed(n, 0);   // a jump or an exception handler goes here
  for (size_t i = 0; i < n; ++i) landed[i] = (p.instrs[i].flags & kInstrJumpTarget) != 0;
  for (const ExceptionEntry& e : p.exception_table)
    if (e.target < n) landed[e.target] = 1;
  size_t prologue = 0;
  while (prologue < n && (p.instrs[prologue].op == Op::COPY_FREE_VARS || p.instrs[prologue].op == Op::MAKE_CELL))
    ++prologue;
  const bool generator = prologue < n && p.instrs[prologue].op == Op::RETURN_GENERATOR;
  if (generator) {
    for (size_t k = 0; k <= prologue; ++k)
      if (landed[k])
        fail(p, k, "a jump or an exception handler lands in the generator prologue (RETURN_GENERATOR would run again)");
    // A handler of the prologue would run generator code in a frame that is
    // not a generator yet (the VM checks YIELD_VALUE too).
    for (const ExceptionEntry& e : p.exception_table)
      if (e.start <= prologue && e.end > e.start)
        fail(p, e.start, "an exception handler covers the generator prologue");
  }
  const bool location_only = v.before(3, 13);
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = p.instrs[i];
    if (in.op == Op::RETURN_GENERATOR && !(generator && i == prologue))
      fail(p, i, "outside the generator prologue (only COPY_FREE_VARS / MAKE_CELL may come before it)");
    if (in.op == Op::YIELD_VALUE && !generator)
      fail(p, i, "yields in code that does not start by making a generator (no RETURN_GENERATOR)");
    if (in.op != Op::RESUME || !location_only) continue;
    if (in.arg > 3) fail(p, i, "argument " + std::to_string(in.arg) + " is not 0-3");
    if (in.arg >= 2 && v == PyVersion{3, 11}) {
      if (i < 2 || p.instrs[i - 1].op != Op::YIELD_VALUE || p.instrs[i - 2].op != Op::SEND)
        fail(p, i, "argument " + std::to_string(in.arg) + " (after yield from / await) but it does not follow SEND, YIELD_VALUE");
      if (landed[i - 1])
        fail(p, i - 1, "the YIELD_VALUE of a yield from / await loop is reached other than from its SEND");
    }
  }
}

// 3.11: free variables as the host's frame code expects them. The host's
// f_locals / locals() (_PyFrame_FastToLocalsWithError) takes every free
// slot of a started frame to hold a cell and reads through it unchecked (a
// non-cell there is read as a cell and its "contents" stored and
// INCREF'd: a write through an arbitrary pointer; a NULL crashes). So free
// slots are filled first (COPY_FREE_VARS at offset 0, reached by nothing
// else) and never written or cleared by the *_FAST ops (no 3.11 compiler
// does either).
void check_free_vars(const Program& p) {
  const Code& c = *p.code;
  if (!(c.version == PyVersion{3, 11})) return;
  const size_t n = p.size();
  bool has_free = false;
  for (size_t k = 0; k < c.localspluskinds.size(); ++k)
    has_free = has_free || (static_cast<uint8_t>(c.localspluskinds[k]) & kLocalFree) != 0;
  if (has_free) {
    if (n == 0 || p.instrs[0].op != Op::COPY_FREE_VARS)
      fail_code(p, "the code has free variables but does not start with COPY_FREE_VARS");
    bool landed = (p.instrs[0].flags & kInstrJumpTarget) != 0;
    for (const ExceptionEntry& e : p.exception_table) landed = landed || e.target == 0;
    if (landed) fail(p, 0, "a jump or an exception handler lands on COPY_FREE_VARS");
  }
  for (size_t i = 0; i < n; ++i) {
    const Instr& in = p.instrs[i];
    if (in.op != Op::STORE_FAST && in.op != Op::DELETE_FAST) continue;
    if (in.arg < c.localspluskinds.size() && (static_cast<uint8_t>(c.localspluskinds[in.arg]) & kLocalFree))
      fail(p, i, "writes the free variable slot " + std::to_string(in.arg) + " (it must keep its cell)");
  }
}

}  // namespace

VerifyStats verify(const Program& prog) {
  check_code_object(prog);
  check_operands(prog);
  check_generator_protocol(prog);
  check_free_vars(prog);
  verifier::Flow flow(prog);
  VerifyStats stats;
  stats.max_depth = flow.run();
  return stats;
}

}  // namespace xp
