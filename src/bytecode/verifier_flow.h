// The verifier's data-flow pass (internal): an abstract interpretation of
// every path through the code, tracking the value stack slot by slot, the
// <= 3.10 block stack, 3.11+ cells and pending KW_NAMES.
#pragma once

#include "bytecode/program.h"
#include "bytecode/stack_effect.h"
#include "bytecode/verifier_state.h"

#include <string>
#include <utility>
#include <vector>

namespace xp::verifier {

class Flow {
 public:
  explicit Flow(const Program& prog);
  // Returns the largest stack depth reached; throws VerifyError.
  uint32_t run();

  // ---- used by the block-protocol part (verifier_blocks.cpp) ----
  enum class Why { Exception, Return, Break, Continue };
  [[noreturn]] void fail(size_t i, const std::string& why) const;
  // Sends a state to instruction `target` (merging with what is there).
  void emit(uint32_t target, State s, size_t from);
  // Non-local exit from instruction `from`: pops blocks as the version's
  // interpreter does and enters the first handler that takes `why`.
  void unwind(State s, Why why, uint32_t cont_target, size_t from);
  // CPython's UNWIND_EXCEPT_HANDLER for the innermost block of `s`.
  void pop_except_handler(State& s, size_t from);
  // Executes a block-protocol op; returns false if `i` is not one. Normal
  // successors are appended to `falls`.
  bool step_block_op(size_t i, State& s, std::vector<State>* falls);

  const Program& prog() const { return prog_; }
  bool tag_none() const { return multistate_; }

 private:
  void walk(uint32_t start, State s);
  // Executes instruction i on s; appends fallthrough states to `falls` and
  // emits all other successors.
  void step(size_t i, State& s, std::vector<State>* falls);
  void step_plain(size_t i, State& s, const StackIO& io, std::vector<State>* falls);
  void exception_edge(size_t i, const State& s, const StackIO& io);
  void require_objects(size_t i, const State& s, uint32_t count, uint32_t skip_top = 0) const;
  void require_kind(size_t i, const State& s, uint32_t from_top, bool allow_null, const char* what) const;
  void note_depth(size_t i, const State& s);
  // Operands that must be of a known origin (see Kind::Const..Func).
  void check_operands(size_t i, const State& s) const;
  const Const* const_of(const Slot& sl) const;
  const Code& code_operand(size_t i, const State& s, uint32_t from_top) const;
  void closure_operand(size_t i, const State& s, uint32_t from_top, const Code& fn) const;
  void no_closure(size_t i, const Code& fn) const;
  size_t str_tuple_operand(size_t i, const State& s, uint32_t from_top, const char* what) const;
  State initial_state() const;

  const Program& prog_;
  const Code& code_;
  const size_t n_;
  bool table_era_;     // 3.11+: exception table, localsplus cells
  bool multistate_;    // <= 3.8 finally protocol: several stack shapes may meet
  uint32_t stacksize_;
  uint32_t max_depth_ = 0;
  std::vector<uint8_t> leader_;
  std::vector<std::vector<State>> states_;      // per leader
  std::vector<std::pair<uint32_t, uint32_t>> work_;  // (instruction, state index)
  uint64_t steps_ = 0;
};

}  // namespace xp::verifier
