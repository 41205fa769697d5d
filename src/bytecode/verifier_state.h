// The verifier's abstract machine state (internal to the verifier).
//
// The value stack is modelled slot by slot: every slot is an object unless
// recorded otherwise (NULLs, and the <= 3.10 block-protocol values such as
// finally statuses and exception triples, whose exact kind decides what the
// protocol ops do). Only non-plain slots are stored, so states stay small.
#pragma once

#include "bytecode/program.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace xp::verifier {

enum class Kind : uint8_t {
  Obj,          // a (non-NULL) object
  Null,         // an empty slot
  Maybe,        // an object or an empty slot
  // Objects whose origin is tracked because some operands must be exactly
  // that (the VM relies on it: a function's code is a code constant, its
  // closure a tuple of as many cells as the code has free variables,
  // keyword-name operands are constant tuples of str). They are objects for
  // every other op; two different ones join to a plain object.
  Const,        // payload: the co_consts index it was loaded from
  Cell,         // a cell (LOAD_CLOSURE; 3.13+ LOAD_FAST of a cell slot)
  CellTuple,    // payload: length; BUILD_TUPLE of cells
  Tuple,        // payload: length; any other BUILD_TUPLE
  List,         // BUILD_LIST (3.9+ LIST_EXTEND needs a real list)
  Set,          // BUILD_SET (3.9+ SET_UPDATE needs a real set)
  Func,         // payload: const index of its code; a 3.13+ MAKE_FUNCTION result
  // 3.13+: a function whose code has free variables and whose closure has
  // not been set yet (payload: const index of its code). Not an object:
  // only SET_FUNCTION_ATTRIBUTE may take it.
  FuncNoClosure,
  // Objects with a known role in the <= 3.10 block protocol.
  NoneStatus,   // None as a finally status (normal entry into a finally block)
  WhyReturn,    // int status: WHY_RETURN (the return value is below it)
  WhyBreak,
  WhyContinue,  // payload: the jump target (the target int is below it)
  WhySilenced,  // 3.x with: the exception was swallowed by __exit__
  RetAddr,      // 3.8 CALL_FINALLY return address (payload: instruction index)
  ExcTb,        // an exception being handled: (tb, value, type), type on top
  ExcValue,
  ExcType,
  UnrollExc,    // PyPy unrollers
  UnrollReturn,
  UnrollBreak,
  UnrollContinue,  // payload: the jump target
  // Not objects for ordinary ops.
  Saved,        // a saved exception value (3.x EXCEPT_HANDLER, PyPy 3.5): may be NULL
  FinNull,      // 3.8 BEGIN_FINALLY's NULL status
};

struct Slot {
  Kind kind = Kind::Obj;
  uint32_t payload = 0;
  bool operator==(const Slot&) const = default;
};

// Objects of a tracked origin (see Const..Func).
inline bool is_typed(Kind k) {
  return k == Kind::Const || k == Kind::Cell || k == Kind::CellTuple || k == Kind::Tuple || k == Kind::List ||
         k == Kind::Set || k == Kind::Func;
}
// Ordinary ops may consume these (they are objects).
inline bool is_object(Kind k) {
  return k != Kind::Null && k != Kind::Maybe && k != Kind::Saved && k != Kind::FinNull && k != Kind::FuncNoClosure;
}
// Kinds that take part in the protocol (merging them with others would lose information).
inline bool is_tag(Kind k) { return k != Kind::Obj && k != Kind::Null && k != Kind::Maybe && !is_typed(k); }

enum class BlockKind : uint8_t {
  Loop,            // SETUP_LOOP
  Except2,         // 2.x except block
  Finally2,        // 2.x finally / with block
  Except3,         // 3.x block entered by exceptions only
  Finally3,        // 3.0-3.7 finally / with block
  ExceptHandler3,  // implicit EXCEPT_HANDLER
  ExceptPyPy35,
  FinallyPyPy35,
  HandlerPyPy35,   // implicit: the saved exception is at its level
  ExceptPyPy38,
  FinallyPyPy38,
  Restorer,        // implicit PyPy 3.8+ block: restores the handled exception
};

struct Block {
  BlockKind kind;
  uint32_t handler;  // instruction index (unused for implicit blocks)
  uint32_t level;    // stack depth to unwind to
  bool operator==(const Block&) const = default;
};

inline constexpr size_t kMaxBlocks = 20;   // CPython's CO_MAXBLOCKS

struct State {
  uint32_t depth = 0;
  std::vector<std::pair<uint32_t, Slot>> special;  // sorted by position; all other slots are Obj
  std::vector<Block> blocks;                       // <= 3.10 block stack, innermost last
  std::vector<uint64_t> cells;                     // 3.11+: localsplus slots known to hold a cell
  int32_t kwnames = -1;                            // 3.11-3.12: pending KW_NAMES constant

  Slot at(uint32_t pos) const;         // pos < depth
  void set(uint32_t pos, Slot s);
  void push(Slot s);
  void push(Kind k) { push(Slot{k, 0}); }
  void truncate(uint32_t new_depth);   // drop slots at and above new_depth
  Slot top(uint32_t k = 0) const { return at(depth - 1 - k); }

  bool cell(uint32_t i) const { return i / 64 < cells.size() && (cells[i / 64] >> (i % 64)) & 1; }
  void set_cell(uint32_t i, bool on) {
    if (i / 64 >= cells.size()) return;
    if (on) cells[i / 64] |= uint64_t{1} << (i % 64);
    else cells[i / 64] &= ~(uint64_t{1} << (i % 64));
  }

  bool operator==(const State&) const = default;
};

// Joins `b` into `a` when they differ only in NULL-ness of slots and in
// known cells (the lattice part); returns false if they cannot be joined
// (different depth, blocks, protocol tags or pending kwnames). Sets
// *changed if `a` became more general.
bool join(State& a, const State& b, bool* changed);

}  // namespace xp::verifier
