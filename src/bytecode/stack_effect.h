// Stack effects of canonical ops, in two models:
//
//  * stack_io(): what the instruction really does to the value stack at run
//    time (the verifier's model): how many items it reads, pops and pushes
//    on its normal and its jump edge. Block-protocol ops (<= 3.10 SETUP_*,
//    END_FINALLY, WITH_CLEANUP*, ...) report their normal-flow effect; the
//    verifier models their other edges itself.
//
//  * compiler_stack_effect(): what that version's compiler assumes when it
//    computes co_stacksize (CPython's stack_effect() in Python/compile.c,
//    i.e. dis.stack_effect(opcode, arg, jump=...)). It differs from the run
//    time model where compilers over-approximate (e.g. <= 3.6 SETUP_FINALLY
//    counts the 6 values an exception may push on the normal path too).
//    compiler_max_depth() replays the version's stackdepth() algorithm with
//    it, which reproduces co_stacksize for compiler output.
#pragma once

#include "bytecode/op.h"
#include "bytecode/program.h"
#include "core/version.h"

#include <climits>
#include <cstdint>

namespace xp {

struct StackIO {
  int32_t pop = 0;       // items removed from the top
  int32_t push = 0;      // items pushed afterwards
  int32_t need = 0;      // stack depth the op reads (>= pop): deeper items are peeked
  bool has_jump = false; // a jump/branch edge (for OPF_HANDLER ops: see the verifier)
  int32_t jpop = 0;      // along the jump edge
  int32_t jpush = 0;
  bool ok = true;        // false: the argument is not valid for this op
};

// Run-time stack effect of one instruction (normalised argument).
StackIO stack_io(Op op, uint32_t arg);

// The compiler model. jump: 0 = not taken, 1 = taken, -1 = the larger of
// both (dis.stack_effect's default). Returns kNoStackEffect when the op does
// not exist in that version's model or the argument is invalid.
inline constexpr int kNoStackEffect = INT_MIN;
int compiler_stack_effect(PyVersion v, Op op, uint32_t arg, int jump);

// co_stacksize as the version's compiler computes it for this code, from
// the decoded program (a replay of its stackdepth()); -1 if the replay does
// not terminate within its work budget.
int64_t compiler_max_depth(const Program& prog);

}  // namespace xp
