#include "bytecode/verifier_flow.h"

#include "core/error.h"

#include <algorithm>

namespace xp::verifier {

namespace {

constexpr size_t kMaxStatesPerInstr = 16;

bool uses_finally_protocol(Op op) {
  switch (op) {
    case Op::SETUP_FINALLY_2X:
    case Op::SETUP_WITH_2X:
    case Op::SETUP_FINALLY_30:
    case Op::SETUP_WITH_32:
    case Op::SETUP_ASYNC_WITH_35:
    case Op::BEGIN_FINALLY:
    case Op::CALL_FINALLY:
    case Op::SETUP_FINALLY_PYPY35:
    case Op::SETUP_WITH_PYPY35:
    case Op::SETUP_ASYNC_WITH_PYPY35:
    case Op::SETUP_FINALLY_PYPY38:
    case Op::SETUP_WITH_PYPY38:
    case Op::SETUP_ASYNC_WITH_PYPY38:
    case Op::BEGIN_FINALLY_PYPY:
    case Op::WITH_CLEANUP_25:
    case Op::WITH_CLEANUP_2X:
    case Op::WITH_CLEANUP_30:
    case Op::WITH_CLEANUP_32:
    case Op::WITH_CLEANUP_START:
    case Op::WITH_CLEANUP_START_PYPY:
      return true;
    default:
      return false;
  }
}

// Ops after which two different stack shapes may continue.
// Ops whose every way of raising is modelled by the block protocol itself
// (they re-raise the exception on the stack).
bool raises_explicitly(Op op) {
  switch (op) {
    case Op::END_FINALLY:
    case Op::END_FINALLY_38:
    case Op::END_FINALLY_PYPY35:
    case Op::END_FINALLY_PYPY38:
    case Op::RERAISE_39:
    case Op::RERAISE_PYPY:
    case Op::END_ASYNC_FOR_38:
    case Op::END_ASYNC_FOR_PYPY:
      return true;
    default:
      return false;
  }
}

bool may_fork(Op op) {
  switch (op) {
    case Op::WITH_CLEANUP_2X:
    case Op::WITH_CLEANUP_25:
    case Op::WITH_CLEANUP_30:
    case Op::WITH_CLEANUP_32:
    case Op::WITH_CLEANUP_FINISH:
    case Op::WITH_CLEANUP_FINISH_38:
    case Op::WITH_CLEANUP_FINISH_PYPY:
    case Op::CALL_FINALLY:
      return true;
    default:
      return false;
  }
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::Obj: return "an object";
    case Kind::Null: return "NULL";
    case Kind::Maybe: return "a possibly-NULL value";
    case Kind::Saved: return "a saved exception value";
    case Kind::FinNull: return "a finally status";
    case Kind::FuncNoClosure: return "a function whose closure is not set yet";
    default: return "a block-protocol value";
  }
}

}  // namespace

Flow::Flow(const Program& prog)
    : prog_(prog), code_(*prog.code), n_(prog.size()) {
  table_era_ = code_.version.at_least(3, 11);
  multistate_ = false;
  for (const Instr& in : prog.instrs) multistate_ = multistate_ || uses_finally_protocol(in.op);
  stacksize_ = code_.stacksize < 0 ? 0 : static_cast<uint32_t>(code_.stacksize);
  leader_.assign(n_ + 1, 0);
  leader_[0] = 1;
  for (size_t i = 0; i < n_; ++i) {
    const Instr& in = prog.instrs[i];
    if (in.flags & kInstrJumpTarget) leader_[i] = 1;
    if (may_fork(in.op)) leader_[i + 1] = 1;
  }
  for (const ExceptionEntry& e : prog.exception_table) leader_[e.target] = 1;
  states_.resize(n_);
}

void Flow::fail(size_t i, const std::string& why) const {
  throw VerifyError(describe_location(code_, prog_.info[i].offset) + ": " + prog_.opname(i) + ": " + why);
}

State Flow::initial_state() const {
  State s;
  if (table_era_) s.cells.assign((code_.nlocalsplus() + 63) / 64, 0);
  // 3.10 generators are entered with the first sent value on the stack.
  if (n_ > 0 && prog_.instrs[0].op == Op::GEN_START) s.push(Kind::Obj);
  return s;
}

void Flow::note_depth(size_t i, const State& s) {
  if (s.depth > stacksize_)
    fail(i, "the value stack reaches " + std::to_string(s.depth) + " items, above co_stacksize " +
                std::to_string(stacksize_));
  max_depth_ = std::max(max_depth_, s.depth);
}

void Flow::emit(uint32_t target, State s, size_t from) {
  if (target >= n_) fail(from, "execution continues past the end of the code");
  note_depth(from, s);
  std::vector<State>& set = states_[target];
  for (size_t k = 0; k < set.size(); ++k) {
    bool changed = false;
    if (join(set[k], s, &changed)) {
      if (changed) work_.emplace_back(target, static_cast<uint32_t>(k));
      return;
    }
  }
  if (!set.empty() && !multistate_) {
    const State& o = set.front();
    std::string what;
    if (o.depth != s.depth)
      what = "the stack has " + std::to_string(s.depth) + " items on one path and " + std::to_string(o.depth) +
             " on another";
    else if (o.blocks != s.blocks)
      what = "the block stack differs between paths";
    else if (o.kwnames != s.kwnames)
      what = "a pending KW_NAMES differs between paths";
    else
      what = "stack values of different kinds meet";
    throw VerifyError(describe_location(code_, prog_.info[target].offset) + ": " + prog_.opname(target) +
                      ": inconsistent paths join here: " + what);
  }
  if (set.size() >= kMaxStatesPerInstr)
    throw VerifyError(describe_location(code_, prog_.info[target].offset) + ": " + prog_.opname(target) +
                      ": too many different stack shapes reach this instruction");
  set.push_back(std::move(s));
  leader_[target] = 1;
  work_.emplace_back(target, static_cast<uint32_t>(set.size() - 1));
}

uint32_t Flow::run() {
  emit(0, initial_state(), 0);
  while (!work_.empty()) {
    auto [i, k] = work_.back();
    work_.pop_back();
    walk(i, states_[i][k]);
  }
  return max_depth_;
}

void Flow::walk(uint32_t i, State s) {
  const uint64_t budget = 2'000'000 + 400ull * n_;
  std::vector<State> falls;
  for (;;) {
    if (++steps_ > budget) fail(i, "the code is too complex to verify");
    falls.clear();
    step(i, s, &falls);
    if (falls.empty()) return;
    const uint32_t next = i + 1;
    if (next >= n_) fail(i, "execution runs off the end of the code");
    if (falls.size() == 1 && !leader_[next]) {
      s = std::move(falls[0]);
      note_depth(i, s);
      i = next;
      continue;
    }
    for (State& f : falls) emit(next, std::move(f), i);
    return;
  }
}

void Flow::require_objects(size_t i, const State& s, uint32_t count, uint32_t skip_top) const {
  for (uint32_t k = skip_top; k < skip_top + count; ++k) {
    const Slot sl = s.top(k);
    if (!is_object(sl.kind))
      fail(i, "stack item " + std::to_string(k + 1) + " from the top is " + kind_name(sl.kind) + ", not an object");
  }
}

void Flow::require_kind(size_t i, const State& s, uint32_t from_top, bool allow_null, const char* what) const {
  const Slot sl = s.top(from_top);
  if (is_object(sl.kind)) return;
  if (allow_null && (sl.kind == Kind::Null || sl.kind == Kind::Maybe)) return;
  fail(i, std::string(what) + " is " + kind_name(sl.kind));
}

const Const* Flow::const_of(const Slot& sl) const {
  if (sl.kind != Kind::Const || sl.payload >= code_.consts.size()) return nullptr;
  return &code_.consts[sl.payload];
}

const Code& Flow::code_operand(size_t i, const State& s, uint32_t from_top) const {
  const Const* c = const_of(s.top(from_top));
  if (c == nullptr || !c->is_code()) fail(i, "the code operand is not a code-object constant");
  return *c->code;
}

void Flow::closure_operand(size_t i, const State& s, uint32_t from_top, const Code& fn) const {
  const Slot sl = s.top(from_top);
  const size_t nfree = fn.freevars.size();
  if (nfree == 0) fail(i, "gives a closure to code '" + fn.name_utf8() + "', which has no free variables");
  if (sl.kind != Kind::CellTuple || sl.payload != nfree)
    fail(i, "the closure is not a tuple of " + std::to_string(nfree) + " cells (the free variables of '" +
                fn.name_utf8() + "')");
}

void Flow::no_closure(size_t i, const Code& fn) const {
  if (!fn.freevars.empty())
    fail(i, "code '" + fn.name_utf8() + "' has free variables but the function gets no closure");
}

size_t Flow::str_tuple_operand(size_t i, const State& s, uint32_t from_top, const char* what) const {
  const Const* c = const_of(s.top(from_top));
  if (c == nullptr || c->is_code() || !PyTuple_CheckExact(c->obj.get()))
    fail(i, std::string(what) + " is not a constant tuple");
  PyObject* t = c->obj.get();
  for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(t); ++k)
    if (!PyUnicode_Check(PyTuple_GET_ITEM(t, k))) fail(i, std::string(what) + " holds a non-str");
  return static_cast<size_t>(PyTuple_GET_SIZE(t));
}

// Operand checks of ops whose stack effect is otherwise generic.
void Flow::check_operands(size_t i, const State& s) const {
  const Instr& in = prog_.instrs[i];
  const uint32_t a = in.arg;
  // 3.0-3.5: the tuple of annotated parameter names sits below code (and closure).
  auto annotation_names = [&](uint32_t from_top) {
    const uint32_t nann = (a >> 16) & 0x7fff;
    if (nann == 0) return;
    if (str_tuple_operand(i, s, from_top, "the annotation names") != nann - 1)
      fail(i, "the annotation names do not match the argument's count");
  };
  auto qualname = [&]() {
    const Const* c = const_of(s.top(0));
    if (c == nullptr || c->is_code() || !PyUnicode_Check(c->obj.get())) fail(i, "the qualname is not a str constant");
  };
  switch (in.op) {
    case Op::MAKE_FUNCTION_2X:
    case Op::MAKE_FUNCTION_30:
      no_closure(i, code_operand(i, s, 0));
      if (in.op == Op::MAKE_FUNCTION_30) annotation_names(1);
      break;
    case Op::MAKE_CLOSURE_2X:
    case Op::MAKE_CLOSURE_30:
      closure_operand(i, s, 1, code_operand(i, s, 0));
      if (in.op == Op::MAKE_CLOSURE_30) annotation_names(2);
      break;
    case Op::MAKE_FUNCTION_33:
      qualname();
      no_closure(i, code_operand(i, s, 1));
      annotation_names(2);
      break;
    case Op::MAKE_CLOSURE_33:
      qualname();
      closure_operand(i, s, 2, code_operand(i, s, 1));
      annotation_names(3);
      break;
    case Op::MAKE_FUNCTION_36: {
      qualname();
      const Code& fn = code_operand(i, s, 1);
      if (a & 8) closure_operand(i, s, 2, fn); else no_closure(i, fn);
      break;
    }
    case Op::MAKE_FUNCTION: {
      const Code& fn = code_operand(i, s, 0);
      if (a & 8) closure_operand(i, s, 1, fn); else no_closure(i, fn);
      break;
    }
    case Op::CALL_FUNCTION_KW:
      if (str_tuple_operand(i, s, 0, "the keyword names") > a) fail(i, "more keyword names than arguments");
      break;
    case Op::CALL_KW_313: {
      const uint32_t args = static_cast<uint32_t>(stack_io(in.op, a).pop) - 3;
      if (str_tuple_operand(i, s, 0, "the keyword names") > args) fail(i, "more keyword names than arguments");
      break;
    }
    case Op::BUILD_CONST_KEY_MAP: {
      const Const* c = const_of(s.top(0));
      if (c == nullptr || c->is_code() || !PyTuple_CheckExact(c->obj.get()) ||
          static_cast<uint32_t>(PyTuple_GET_SIZE(c->obj.get())) != a)
        fail(i, "the keys are not a constant tuple of " + std::to_string(a) + " items");
      break;
    }
    case Op::LIST_EXTEND:
      // list.extend / set.update on the container the compiler built.
      if (s.top(a).kind != Kind::List) fail(i, "extends something that is not a list built by BUILD_LIST");
      break;
    case Op::SET_UPDATE:
      if (s.top(a).kind != Kind::Set) fail(i, "updates something that is not a set built by BUILD_SET");
      break;
    case Op::MATCH_CLASS:
    case Op::MATCH_CLASS_310:
      str_tuple_operand(i, s, 0, "the keyword attribute names");
      break;
    case Op::MATCH_KEYS:
    case Op::MATCH_KEYS_310: {
      const Slot k = s.top(0);
      const Const* c = const_of(k);
      const bool tuple = k.kind == Kind::Tuple || k.kind == Kind::CellTuple ||
                         (c != nullptr && !c->is_code() && PyTuple_CheckExact(c->obj.get()));
      if (!tuple) fail(i, "the keys are not a tuple");
      break;
    }
    default:
      break;
  }
}

void Flow::exception_edge(size_t i, const State& s, const StackIO& io) {
  // The lowest the stack can be when the instruction raises. A yield raises
  // (generator.throw()) after resuming, when the sent value has replaced the
  // yielded one.
  const bool yields = prog_.instrs[i].op == Op::YIELD_VALUE;
  const uint32_t low = yields ? s.depth : s.depth - static_cast<uint32_t>(io.pop);
  if (table_era_) {
    const ExceptionEntry* e = prog_.handler_for(static_cast<uint32_t>(i));
    if (e == nullptr) return;
    if (e->depth > low)
      fail(i, "its exception handler keeps " + std::to_string(e->depth) + " stack items, but only " +
                  std::to_string(low) + " are certain to be there when it raises");
    State h = s;
    h.truncate(e->depth);
    h.kwnames = -1;
    if (e->lasti) h.push(Kind::Obj);
    h.push(Kind::Obj);
    emit(e->target, std::move(h), i);
    return;
  }
  if (s.blocks.empty()) return;
  State u = s;
  u.truncate(low);
  u.kwnames = -1;
  unwind(std::move(u), Why::Exception, 0, i);
}

void Flow::step(size_t i, State& s, std::vector<State>* falls) {
  const Instr& in = prog_.instrs[i];
  const StackIO io = stack_io(in.op, in.arg);
  if (!io.ok) fail(i, "argument " + std::to_string(in.arg) + " is not valid");
  if (s.depth < static_cast<uint32_t>(io.need))
    fail(i, "stack underflow: it needs " + std::to_string(io.need) + " items, the stack has " +
                std::to_string(s.depth));
  if (s.kwnames >= 0 && in.op != Op::PRECALL && in.op != Op::CALL)
    fail(i, "a KW_NAMES is not followed by its CALL");
  if (!(op_flags(in.op) & OPF_NORAISE) && !raises_explicitly(in.op)) exception_edge(i, s, io);
  if (step_block_op(i, s, falls)) return;
  check_operands(i, s);
  step_plain(i, s, io, falls);
}

void Flow::step_plain(size_t i, State& s, const StackIO& io, std::vector<State>* falls) {
  const Instr& in = prog_.instrs[i];
  const uint32_t a = in.arg;
  const uint32_t d = s.depth;
  auto pop = [&](uint32_t k) { s.truncate(s.depth - k); };
  auto fall = [&]() {
    if (!op_is_terminal(in.op)) falls->push_back(std::move(s));
  };
  auto cell_required = [&](uint32_t slot) {
    if (table_era_ && !s.cell(slot))
      fail(i, "localsplus slot " + std::to_string(slot) + " ('" +
                  utf8_of(slot < code_.localsplusnames.size() ? code_.localsplusnames[slot].get() : nullptr) +
                  "') may not hold a cell here (no MAKE_CELL / COPY_FREE_VARS on every path)");
  };
  auto store_any = [&](uint32_t from_top) {
    const Kind k = s.top(from_top).kind;
    if (k == Kind::Saved || k == Kind::FinNull) fail(i, std::string("stores ") + kind_name(k));
  };

  switch (in.op) {
    case Op::PUSH_NULL:
      s.push(Kind::Null);
      break;
    case Op::LOAD_GLOBAL_PUSH_NULL:
      s.push(Kind::Null);
      s.push(Kind::Obj);
      break;
    case Op::LOAD_GLOBAL_NULL_313:
      s.push(Kind::Obj);
      s.push(Kind::Null);
      break;
    case Op::LOAD_CONST: {
      bool none = false;
      if (multistate_ && a < code_.consts.size()) {
        const Const& c = code_.consts[a];
        none = !c.is_code() && c.obj.get() == Py_None;
      }
      s.push(none ? Slot{Kind::NoneStatus, 0} : Slot{Kind::Const, a});
      break;
    }
    case Op::LOAD_FAST:
      // 3.13+ builds closures with LOAD_FAST of the cell slots.
      s.push(table_era_ && s.cell(a) ? Kind::Cell : Kind::Obj);
      break;
    case Op::BUILD_TUPLE: {
      bool cells = a > 0;
      for (uint32_t k = 0; k < a && cells; ++k) cells = s.top(k).kind == Kind::Cell;
      require_objects(i, s, a);
      pop(a);
      s.push(Slot{cells ? Kind::CellTuple : Kind::Tuple, a});
      break;
    }
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
      require_objects(i, s, a);
      pop(a);
      s.push(in.op == Op::BUILD_LIST ? Kind::List : Kind::Set);
      break;
    case Op::MAKE_CLOSURE_24: {
      // (d1..dn cell1..cellk code -- f), k from the code operand.
      const Code& fn = code_operand(i, s, 0);
      const auto k = static_cast<uint32_t>(fn.freevars.size());
      if (s.depth < a + k + 1)
        fail(i, "stack underflow: it needs " + std::to_string(a + k + 1) + " items, the stack has " +
                    std::to_string(s.depth));
      for (uint32_t c = 1; c <= k; ++c)
        if (s.top(c).kind != Kind::Cell) fail(i, "the closure cells of '" + fn.name_utf8() + "' are not cells");
      require_objects(i, s, a, k + 1);
      pop(a + k + 1);
      s.push(Kind::Obj);
      break;
    }
    case Op::MAKE_FUNCTION_313: {
      const Code& fn = code_operand(i, s, 0);
      const uint32_t k = s.top(0).payload;   // the code's const index
      pop(1);
      s.push(Slot{fn.freevars.empty() ? Kind::Func : Kind::FuncNoClosure, k});
      break;
    }
    case Op::SET_FUNCTION_ATTRIBUTE: {
      // (attr f -- f): f must come from MAKE_FUNCTION (the VM sets the
      // attribute on it as a function); the closure, once, with one cell
      // per free variable of its code.
      const Slot f = s.top(0);
      if (f.kind != Kind::Func && f.kind != Kind::FuncNoClosure)
        fail(i, "the function operand does not come from MAKE_FUNCTION");
      require_objects(i, s, 1, 1);
      const Code& fn = *code_.consts[f.payload].code;
      Kind result = f.kind;
      if (a == 8) {
        if (f.kind != Kind::FuncNoClosure) fail(i, "sets a closure on a function that takes none (or has one)");
        closure_operand(i, s, 1, fn);
        result = Kind::Func;
      }
      pop(2);
      s.push(Slot{result, f.payload});
      break;
    }
    case Op::LOAD_METHOD:
    case Op::LOAD_SUPER_METHOD:
    case Op::LOAD_ZERO_SUPER_METHOD:
      require_objects(i, s, static_cast<uint32_t>(io.pop));
      pop(static_cast<uint32_t>(io.pop));
      s.push(Kind::Maybe);
      s.push(Kind::Obj);
      break;
    case Op::LOAD_METHOD_313:
    case Op::LOAD_SUPER_METHOD_313:
    case Op::LOAD_ZERO_SUPER_METHOD_313:
    case Op::LOAD_SPECIAL:
      require_objects(i, s, static_cast<uint32_t>(io.pop));
      pop(static_cast<uint32_t>(io.pop));
      s.push(Kind::Obj);
      s.push(Kind::Maybe);
      break;
    case Op::LOAD_FAST_AND_CLEAR:
      s.push(Kind::Maybe);
      if (table_era_) s.set_cell(a, false);
      break;
    case Op::POP_TOP:
      // Up to 3.13 POP_TOP is Py_DECREF (a NULL crashes); 3.14 closes with
      // XCLOSE and pops the possibly-NULL self slot of __exit__.
      if (code_.version.before(3, 14))
        require_objects(i, s, 1);
      else
        store_any(0);
      pop(1);
      break;
    case Op::STORE_FAST:
      store_any(0);
      pop(1);
      if (table_era_) s.set_cell(a, false);
      break;
    case Op::STORE_FAST_STORE_FAST:
      store_any(0);
      store_any(1);
      pop(2);
      s.set_cell(a >> 4, false);
      s.set_cell(a & 15, false);
      break;
    case Op::STORE_FAST_LOAD_FAST:
      store_any(0);
      pop(1);
      s.set_cell(a >> 4, false);
      s.push(Kind::Obj);
      break;
    case Op::DELETE_FAST:
      if (table_era_) s.set_cell(a, false);
      break;
    case Op::MAKE_CELL:
      s.set_cell(a, true);
      break;
    case Op::COPY_FREE_VARS:
      for (uint32_t k = 0; k < a; ++k) s.set_cell(static_cast<uint32_t>(code_.nlocalsplus()) - a + k, true);
      break;
    case Op::LOAD_CLOSURE:
      cell_required(a);
      s.push(Kind::Cell);
      break;
    case Op::LOAD_DEREF:
    case Op::LOAD_CLASSDEREF:
      cell_required(a);
      s.push(Kind::Obj);
      break;
    case Op::STORE_DEREF:
      cell_required(a);
      require_objects(i, s, 1);
      pop(1);
      break;
    case Op::DELETE_DEREF:
      cell_required(a);
      break;
    case Op::LOAD_FROM_DICT_OR_DEREF:
      cell_required(a);
      require_objects(i, s, 1);
      pop(1);
      s.push(Kind::Obj);
      break;
    case Op::COPY: {
      const Slot sl = s.at(d - a);
      if (!is_object(sl.kind)) fail(i, std::string("copies ") + kind_name(sl.kind));
      s.push(sl);
      break;
    }
    case Op::SWAP: {
      const Slot top = s.at(d - 1), other = s.at(d - a);
      s.set(d - 1, other);
      s.set(d - a, top);
      break;
    }
    case Op::ROT_N: {
      const Slot top = s.at(d - 1);
      for (uint32_t k = d - 1; k > d - a; --k) s.set(k, s.at(k - 1));
      s.set(d - a, top);
      break;
    }
    case Op::DUP_TOPX:
      for (uint32_t k = 0; k < a; ++k) {
        const Slot sl = s.at(d - a + k);
        if (!is_object(sl.kind)) fail(i, std::string("copies ") + kind_name(sl.kind));
        s.push(sl);
      }
      break;
    case Op::KW_NAMES: {
      if (s.kwnames >= 0) fail(i, "a second KW_NAMES before the CALL");
      s.kwnames = static_cast<int32_t>(a);
      break;
    }
    case Op::PRECALL:
      require_objects(i, s, a + 1);   // callable|self and the arguments
      require_kind(i, s, a + 1, true, "the method slot");
      break;
    case Op::CALL: {
      // (NULL|meth  callable|self  args..)
      require_objects(i, s, a + 1);
      require_kind(i, s, a + 1, true, "the method slot");
      if (s.kwnames >= 0) {
        const Const& c = code_.consts[static_cast<size_t>(s.kwnames)];
        const auto nkw = static_cast<uint32_t>(PyTuple_GET_SIZE(c.obj.get()));
        if (nkw > a) fail(i, "passes " + std::to_string(a) + " arguments but " + std::to_string(nkw) + " keyword names");
        s.kwnames = -1;
      }
      pop(a + 2);
      s.push(Kind::Obj);
      break;
    }
    case Op::CALL_313:
    case Op::CALL_KW_313:
    case Op::CALL_METHOD_KW_PAIRS: {
      // (callable  self|NULL  args.. [names])
      const uint32_t args = static_cast<uint32_t>(io.pop) - 2;
      require_objects(i, s, args);
      require_kind(i, s, args, true, "the self slot");
      require_kind(i, s, args + 1, false, "the callable");
      pop(static_cast<uint32_t>(io.pop));
      s.push(Kind::Obj);
      break;
    }
    case Op::CALL_FUNCTION_EX:
      // (NULL f args [kwargs]); the first slot is ignored (NULL in compiler output)
      require_objects(i, s, static_cast<uint32_t>(io.pop) - 1);
      require_kind(i, s, static_cast<uint32_t>(io.pop) - 1, true, "the slot below the callable");
      pop(static_cast<uint32_t>(io.pop));
      s.push(Kind::Obj);
      break;
    case Op::CALL_FUNCTION_EX_313:
    case Op::CALL_FUNCTION_EX_314: {
      // (f NULL args [kwargs])  /  3.14: (f NULL args kwargs_or_NULL)
      const uint32_t p = static_cast<uint32_t>(io.pop);
      if (in.op == Op::CALL_FUNCTION_EX_314) require_kind(i, s, 0, true, "the kwargs slot");
      else require_objects(i, s, p - 3);
      require_kind(i, s, p - 3, false, "the argument tuple");
      require_kind(i, s, p - 2, true, "the slot above the callable");
      require_kind(i, s, p - 1, false, "the callable");
      pop(p);
      s.push(Kind::Obj);
      break;
    }
    case Op::WITH_EXCEPT_START_314:
      require_objects(i, s, 3);
      require_kind(i, s, 3, true, "the __exit__ self slot");
      require_kind(i, s, 4, false, "__exit__");
      s.push(Kind::Obj);
      break;
    case Op::DICT_MERGE_313:
      require_objects(i, s, 1);
      require_kind(i, s, a, false, "the dict");
      require_kind(i, s, a + 3, false, "the callable");
      pop(1);
      break;
    case Op::DICT_MERGE:
      require_objects(i, s, 1);
      require_kind(i, s, a, false, "the dict");
      require_kind(i, s, a + 2, false, "the callable");
      pop(1);
      break;
    default: {
      // Generic: inputs and peeked items are objects, outputs are objects.
      require_objects(i, s, static_cast<uint32_t>(io.need));
      if (io.has_jump && op_is_jump(in.op)) {
        State j = s;
        j.truncate(j.depth - static_cast<uint32_t>(io.jpop));
        for (int k = 0; k < io.jpush; ++k) j.push(Kind::Obj);
        emit(a, std::move(j), i);
      }
      pop(static_cast<uint32_t>(io.pop));
      for (int k = 0; k < io.push; ++k) s.push(Kind::Obj);
      break;
    }
  }
  fall();
}

}  // namespace xp::verifier
