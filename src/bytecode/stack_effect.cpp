#include "bytecode/stack_effect.h"

#include "pyc/code.h"

#include <algorithm>
#include <bit>
#include <vector>

namespace xp {

namespace {

constexpr StackIO io(int pop, int push) {
  StackIO s;
  s.pop = pop;
  s.push = push;
  s.need = pop;
  return s;
}
constexpr StackIO io_need(int need, int pop, int push) {
  StackIO s = io(pop, push);
  s.need = need;
  return s;
}
constexpr StackIO branch(int pop, int push, int jpop, int jpush) {
  StackIO s = io(pop > jpop ? pop : jpop, 0);
  s.pop = pop;
  s.push = push;
  s.need = pop > jpop ? pop : jpop;
  s.has_jump = true;
  s.jpop = jpop;
  s.jpush = jpush;
  return s;
}
constexpr StackIO bad() {
  StackIO s;
  s.ok = false;
  return s;
}

// Arguments beyond this count are rejected (they would need more stack than
// any code object may have; keeps the arithmetic below in int range).
constexpr uint32_t kMaxCount = 1u << 24;

// <= 3.5 call argument word: npos | nkw << 8 (keyword pairs).
int kw_pairs_args(uint32_t arg) { return static_cast<int>(arg & 0xff) + 2 * static_cast<int>((arg >> 8) & 0xff); }

}  // namespace

StackIO stack_io(Op op, uint32_t arg) {
  const int n = static_cast<int>(arg < kMaxCount ? arg : 0);
  const bool big = arg >= kMaxCount;
  switch (op) {
    // ---- markers
    case Op::NOP:
    case Op::RESUME:
    case Op::CACHE:
    case Op::EXTENDED_ARG:
    case Op::UNKNOWN_OPCODE:
    case Op::KW_NAMES:
    case Op::MAKE_CELL:
    case Op::COPY_FREE_VARS:
    case Op::SETUP_ANNOTATIONS:
    case Op::DELETE_NAME:
    case Op::DELETE_GLOBAL:
    case Op::DELETE_FAST:
    case Op::DELETE_DEREF:
    case Op::PRINT_NEWLINE:
      return io(0, 0);
    case Op::PRECALL:
      return big ? bad() : io_need(n + 2, 0, 0);

    // ---- stack manipulation
    case Op::POP_TOP:
      return io(1, 0);
    case Op::PUSH_NULL:
      return io(0, 1);
    case Op::COPY:
      return (big || n < 1) ? bad() : io_need(n, 0, 1);
    case Op::SWAP:
      return (big || n < 2) ? bad() : io(n, n);
    case Op::ROT_N:
      return (big || n < 1) ? bad() : io(n, n);
    case Op::DUP_TOPX:
      return (n < 1 || n > 5) ? bad() : io_need(n, 0, n);

    // ---- loads and stores
    case Op::LOAD_CONST:
    case Op::LOAD_SMALL_INT:
    case Op::LOAD_COMMON_CONSTANT:
    case Op::LOAD_NAME:
    case Op::LOAD_GLOBAL:
    case Op::LOAD_LOCALS:
    case Op::LOAD_FAST:
    case Op::LOAD_FAST_AND_CLEAR:
    case Op::LOAD_CLOSURE:
    case Op::LOAD_DEREF:
    case Op::LOAD_CLASSDEREF:
    case Op::LOAD_BUILD_CLASS:
    case Op::LOAD_ASSERTION_ERROR:
    case Op::LOAD_REVDB_VAR:
      return io(0, 1);
    case Op::LOAD_GLOBAL_PUSH_NULL:
    case Op::LOAD_GLOBAL_NULL_313:
    case Op::LOAD_FAST_LOAD_FAST:
      return io(0, 2);
    case Op::RETURN_CONST:
      return io(0, 0);
    case Op::STORE_NAME:
    case Op::STORE_GLOBAL:
    case Op::STORE_FAST:
    case Op::STORE_DEREF:
    case Op::STORE_LOCALS:
    case Op::STORE_ANNOTATION:
    case Op::DELETE_ATTR:
    case Op::IMPORT_STAR:
    case Op::PRINT_EXPR:
    case Op::PRINT_ITEM:
    case Op::PRINT_NEWLINE_TO:
    case Op::EXIT_INIT_CHECK:
    case Op::GEN_START:
    case Op::INTERPRETER_EXIT:
      return io(1, 0);
    case Op::STORE_FAST_LOAD_FAST:
    case Op::LOAD_FROM_DICT_OR_GLOBALS:
    case Op::LOAD_FROM_DICT_OR_DEREF:
    case Op::LOAD_ATTR:
      return io(1, 1);
    case Op::STORE_FAST_STORE_FAST:
    case Op::STORE_ATTR:
    case Op::DELETE_SUBSCR:
    case Op::PRINT_ITEM_TO:
      return io(2, 0);
    case Op::LOAD_METHOD:
    case Op::LOAD_METHOD_313:
    case Op::LOAD_SPECIAL:
      return io(1, 2);
    case Op::LOAD_SUPER_ATTR:
    case Op::LOAD_ZERO_SUPER_ATTR:
      return io(3, 1);
    case Op::LOAD_SUPER_METHOD:
    case Op::LOAD_ZERO_SUPER_METHOD:
    case Op::LOAD_SUPER_METHOD_313:
    case Op::LOAD_ZERO_SUPER_METHOD_313:
      return io(3, 2);
    case Op::BUILD_CLASS:
      return io(3, 1);

    // ---- operators
    case Op::UNARY_POSITIVE:
    case Op::UNARY_NEGATIVE:
    case Op::UNARY_NOT:
    case Op::UNARY_INVERT:
    case Op::UNARY_CONVERT:
    case Op::TO_BOOL:
    case Op::GET_ITER:
    case Op::GET_YIELD_FROM_ITER:
    case Op::GET_AWAITABLE:
    case Op::GET_AITER:
    case Op::LIST_TO_TUPLE:
    case Op::ASYNC_GEN_WRAP:
    case Op::CONVERT_VALUE:
    case Op::FORMAT_SIMPLE:
    case Op::MAKE_FUNCTION_313:
    case Op::INTRINSIC_PRINT:
    case Op::INTRINSIC_IMPORT_STAR:
    case Op::INTRINSIC_STOPITERATION_ERROR:
    case Op::INTRINSIC_TYPEVAR:
    case Op::INTRINSIC_PARAMSPEC:
    case Op::INTRINSIC_TYPEVARTUPLE:
    case Op::INTRINSIC_SUBSCRIPT_GENERIC:
    case Op::INTRINSIC_TYPEALIAS:
      if (op == Op::CONVERT_VALUE && (arg < 1 || arg > 3)) return bad();
      if (op == Op::GET_AWAITABLE && arg > 2) return bad();
      return io(1, 1);
    case Op::BINARY_ADD:
    case Op::BINARY_AND:
    case Op::BINARY_FLOOR_DIVIDE:
    case Op::BINARY_LSHIFT:
    case Op::BINARY_MATRIX_MULTIPLY:
    case Op::BINARY_MULTIPLY:
    case Op::BINARY_MODULO:
    case Op::BINARY_OR:
    case Op::BINARY_POWER:
    case Op::BINARY_RSHIFT:
    case Op::BINARY_SUBTRACT:
    case Op::BINARY_TRUE_DIVIDE:
    case Op::BINARY_XOR:
    case Op::INPLACE_ADD:
    case Op::INPLACE_AND:
    case Op::INPLACE_FLOOR_DIVIDE:
    case Op::INPLACE_LSHIFT:
    case Op::INPLACE_MATRIX_MULTIPLY:
    case Op::INPLACE_MULTIPLY:
    case Op::INPLACE_MODULO:
    case Op::INPLACE_OR:
    case Op::INPLACE_POWER:
    case Op::INPLACE_RSHIFT:
    case Op::INPLACE_SUBTRACT:
    case Op::INPLACE_TRUE_DIVIDE:
    case Op::INPLACE_XOR:
    case Op::BINARY_DIVIDE:
    case Op::INPLACE_DIVIDE:
    case Op::BINARY_SUBSCR:
    case Op::EXC_MATCH:
    case Op::EXC_MATCH_2X:
    case Op::PREP_RERAISE_STAR:
    case Op::FORMAT_WITH_SPEC:
    case Op::BUILD_TEMPLATE:
    case Op::END_SEND:
    case Op::IMPORT_NAME:
    case Op::SET_FUNCTION_ATTRIBUTE:
    case Op::INTRINSIC_TYPEVAR_WITH_BOUND:
    case Op::INTRINSIC_TYPEVAR_WITH_CONSTRAINTS:
    case Op::INTRINSIC_SET_FUNCTION_TYPE_PARAMS:
    case Op::INTRINSIC_SET_TYPEPARAM_DEFAULT:
      if (op == Op::SET_FUNCTION_ATTRIBUTE && !(arg == 1 || arg == 2 || arg == 4 || arg == 8 || arg == 16))
        return bad();
      return io(2, 1);
    case Op::IMPORT_NAME_24:
      return io(1, 1);
    case Op::COMPARE_OP:
    case Op::COMPARE_OP_BOOL:
      return arg > 5 ? bad() : io(2, 1);
    case Op::IS_OP:
    case Op::CONTAINS_OP:
      return arg > 1 ? bad() : io(2, 1);
    case Op::CHECK_EXC_MATCH:
    case Op::CHECK_EG_MATCH:
      return io(2, 2);
    case Op::JUMP_IF_NOT_EXC_MATCH:
      return branch(2, 0, 2, 0);
    case Op::STORE_SUBSCR:
      return io(3, 0);
    case Op::BINARY_SLICE:
      return io(3, 1);
    case Op::STORE_SLICE:
      return io(4, 0);
    case Op::SLICE_2X:
      return arg > 3 ? bad() : io(1 + std::popcount(arg), 1);
    case Op::STORE_SLICE_2X:
      return arg > 3 ? bad() : io(2 + std::popcount(arg), 0);
    case Op::DELETE_SLICE_2X:
      return arg > 3 ? bad() : io(1 + std::popcount(arg), 0);

    // ---- builders
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_STRING:
    case Op::BUILD_TUPLE_UNPACK:
    case Op::BUILD_LIST_UNPACK:
    case Op::BUILD_SET_UNPACK:
    case Op::BUILD_MAP_UNPACK:
      return big ? bad() : io(n, 1);
    case Op::BUILD_TUPLE_UNPACK_WITH_CALL:
      return big ? bad() : io_need(n + 1, n, 1);
    case Op::BUILD_MAP_UNPACK_WITH_CALL:
      return big ? bad() : io_need(n + 2, n, 1);
    case Op::BUILD_MAP_UNPACK_WITH_CALL_35: {
      const int maps = static_cast<int>(arg & 0xff);
      const int loc = static_cast<int>((arg >> 8) & 0xff);
      if (arg > 0xffff) return bad();
      return io_need(maps + loc > maps ? maps + loc : maps, maps, 1);
    }
    case Op::BUILD_MAP:
      return big ? bad() : io(2 * n, 1);
    case Op::BUILD_MAP_EMPTY:
      return io(0, 1);
    case Op::STORE_MAP:
      return io_need(3, 2, 0);
    case Op::BUILD_CONST_KEY_MAP:
      return big ? bad() : io(n + 1, 1);
    case Op::BUILD_SLICE:
      return (arg == 2 || arg == 3) ? io(n, 1) : bad();
    case Op::LIST_APPEND:
    case Op::SET_ADD:
    case Op::LIST_EXTEND:
    case Op::SET_UPDATE:
    case Op::DICT_UPDATE:
      return (big || n < 1) ? bad() : io_need(n + 1, 1, 0);
    case Op::LIST_APPEND_24:
      return io(2, 0);
    case Op::MAP_ADD:
    case Op::MAP_ADD_27:
      return (big || n < 1) ? bad() : io_need(n + 2, 2, 0);
    case Op::DICT_MERGE:
      return (big || n < 1) ? bad() : io_need(n + 3, 1, 0);
    case Op::DICT_MERGE_313:
      return (big || n < 1) ? bad() : io_need(n + 4, 1, 0);
    case Op::BUILD_LIST_FROM_ARG:
      return io(1, 2);
    case Op::FORMAT_VALUE:
      return arg > 7 ? bad() : io((arg & 4) ? 2 : 1, 1);
    case Op::BUILD_INTERPOLATION:
      return arg > 15 ? bad() : io((arg & 1) ? 3 : 2, 1);
    case Op::UNPACK_SEQUENCE:
      return big ? bad() : io(1, n);
    case Op::UNPACK_EX:
      return arg > 0xffff ? bad() : io(1, static_cast<int>(arg & 0xff) + static_cast<int>(arg >> 8) + 1);

    // ---- control flow
    case Op::JUMP:
    case Op::JUMP_BACKWARD:
      return branch(0, 0, 0, 0);
    case Op::POP_JUMP_IF_FALSE:
    case Op::POP_JUMP_IF_TRUE:
    case Op::POP_JUMP_IF_NONE:
    case Op::POP_JUMP_IF_NOT_NONE:
      return branch(1, 0, 1, 0);
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
      return branch(1, 0, 1, 1);
    case Op::JUMP_IF_FALSE:
    case Op::JUMP_IF_TRUE:
      return branch(1, 1, 1, 1);
    case Op::JUMP_IF_NOT_DEBUG:
      return branch(0, 0, 0, 0);
    case Op::FOR_ITER:
      return branch(1, 2, 1, 0);
    case Op::FOR_ITER_314:
      return branch(1, 2, 1, 1);
    case Op::END_FOR:
      return io(2, 0);
    case Op::POP_ITER:
      return io(1, 0);
    case Op::RETURN_VALUE:
      return io(1, 0);

    // ---- calls
    case Op::CALL_FUNCTION_KW_PAIRS:
      return arg > 0xffff ? bad() : io(1 + kw_pairs_args(arg), 1);
    case Op::CALL_FUNCTION_KW_PAIRS_VAR:
    case Op::CALL_FUNCTION_KW_PAIRS_KW:
      return arg > 0xffff ? bad() : io(2 + kw_pairs_args(arg), 1);
    case Op::CALL_FUNCTION_KW_PAIRS_VAR_KW:
      return arg > 0xffff ? bad() : io(3 + kw_pairs_args(arg), 1);
    case Op::CALL_METHOD_KW_PAIRS:
      return arg > 0xffff ? bad() : io(2 + kw_pairs_args(arg), 1);
    case Op::CALL_FUNCTION:
      return big ? bad() : io(n + 1, 1);
    case Op::CALL_FUNCTION_KW:
      return big ? bad() : io(n + 2, 1);
    case Op::CALL_FUNCTION_EX_36:
      return arg > 1 ? bad() : io(2 + n, 1);
    case Op::CALL:
    case Op::CALL_313:
      return big ? bad() : io(n + 2, 1);
    case Op::CALL_KW_313:
      return big ? bad() : io(n + 3, 1);
    case Op::CALL_FUNCTION_EX:
    case Op::CALL_FUNCTION_EX_313:
      return arg > 1 ? bad() : io(3 + n, 1);
    case Op::CALL_FUNCTION_EX_314:
      return io(4, 1);
    case Op::MAKE_FUNCTION_2X:
      return big ? bad() : io(n + 1, 1);
    case Op::MAKE_CLOSURE_2X:
      return big ? bad() : io(n + 2, 1);
    case Op::MAKE_CLOSURE_24:
      // Without the cells: their number comes from the code operand (the
      // verifier and compiler_max_depth add them).
      return big ? bad() : io(n + 1, 1);
    case Op::MAKE_FUNCTION_30:
    case Op::MAKE_CLOSURE_30:
    case Op::MAKE_FUNCTION_33:
    case Op::MAKE_CLOSURE_33: {
      const int items = kw_pairs_args(arg & 0xffff) + static_cast<int>((arg >> 16) & 0x7fff);
      const int extra = 1 + (op == Op::MAKE_CLOSURE_30 || op == Op::MAKE_CLOSURE_33) +
                        (op == Op::MAKE_FUNCTION_33 || op == Op::MAKE_CLOSURE_33);
      return arg > 0x7fffffff ? bad() : io(items + extra, 1);
    }
    case Op::MAKE_FUNCTION_36:
      return arg > 0xf ? bad() : io(std::popcount(arg) + 2, 1);
    case Op::MAKE_FUNCTION:
      return arg > 0xf ? bad() : io(std::popcount(arg) + 1, 1);
    case Op::RETURN_GENERATOR:
      return io(0, 1);

    // ---- exceptions, 3.11+
    case Op::RAISE_VARARGS:
      return arg > 2 ? bad() : io(n, 0);
    case Op::RAISE_VARARGS_2X:
      return arg > 3 ? bad() : io(n, 0);
    case Op::RERAISE:
      return arg > 2 ? bad() : io_need(n + 1, 1, 0);
    case Op::PUSH_EXC_INFO:
      return io(1, 2);
    case Op::POP_EXCEPT:
      return io(1, 0);
    case Op::BEFORE_WITH:
    case Op::BEFORE_ASYNC_WITH:
      return io(1, 2);
    case Op::GET_LEN:
    case Op::MATCH_MAPPING:
    case Op::MATCH_SEQUENCE:
    case Op::GET_ANEXT:
    case Op::IMPORT_FROM:
      return io_need(1, 0, 1);
    case Op::WITH_EXCEPT_START:
      return io_need(4, 0, 1);
    case Op::WITH_EXCEPT_START_314:
      return io_need(5, 0, 1);
    case Op::WITH_EXCEPT_START_39:
      return io_need(7, 0, 1);
    case Op::WITH_EXCEPT_START_PYPY:
      return io(2, 2);
    case Op::CLEANUP_THROW:
      return io(3, 2);
    case Op::END_ASYNC_FOR:
      return io(2, 0);

    // ---- <= 3.10 block stack (normal flow; the verifier models the rest)
    case Op::SETUP_LOOP:
    case Op::SETUP_EXCEPT_2X:
    case Op::SETUP_FINALLY_2X:
    case Op::SETUP_EXCEPT:
    case Op::SETUP_FINALLY_30:
    case Op::SETUP_EXCEPT_PYPY35:
    case Op::SETUP_FINALLY_PYPY35:
    case Op::SETUP_EXCEPT_PYPY38:
    case Op::SETUP_FINALLY_PYPY38:
      return branch(0, 0, 0, 0);
    case Op::SETUP_WITH_2X:
    case Op::SETUP_WITH_32:
    case Op::SETUP_WITH:
    case Op::SETUP_WITH_PYPY35:
    case Op::SETUP_WITH_PYPY38:
      return branch(1, 2, 1, 1);
    case Op::SETUP_ASYNC_WITH_35:
    case Op::SETUP_ASYNC_WITH:
    case Op::SETUP_ASYNC_WITH_PYPY35:
    case Op::SETUP_ASYNC_WITH_PYPY38:
      return branch(1, 1, 1, 0);
    case Op::POP_BLOCK:
    case Op::POP_BLOCK_UNWIND:
    case Op::POP_EXCEPT_30:
    case Op::POP_EXCEPT_38:
    case Op::POP_EXCEPT_PYPY35:
    case Op::POP_EXCEPT_PYPY38:
    case Op::BREAK_LOOP:
      return io(0, 0);
    case Op::CONTINUE_LOOP:
      return branch(0, 0, 0, 0);
    case Op::END_FINALLY:
    case Op::END_FINALLY_38:
    case Op::END_FINALLY_PYPY35:
    case Op::END_FINALLY_PYPY38:
      return io(1, 0);
    case Op::BEGIN_FINALLY:
    case Op::BEGIN_FINALLY_PYPY:
      return io(0, 1);
    case Op::CALL_FINALLY:
      return branch(0, 0, 0, 1);
    case Op::POP_FINALLY:
    case Op::POP_FINALLY_PYPY:
      return arg > 1 ? bad() : io(1 + n, n);
    case Op::WITH_CLEANUP_2X:
    case Op::WITH_CLEANUP_30:
    case Op::WITH_CLEANUP_32:
      return io(2, 1);
    case Op::WITH_CLEANUP_25:
      return io(2, 1);
    case Op::WITH_CLEANUP_START:
      return io(2, 3);
    case Op::WITH_CLEANUP_FINISH:
    case Op::WITH_CLEANUP_FINISH_38:
      return io(2, 0);
    case Op::WITH_CLEANUP_START_PYPY:
      return io(2, 3);
    case Op::WITH_CLEANUP_FINISH_PYPY:
      return io(3, 1);
    case Op::RERAISE_39:
      return arg > 1 ? bad() : io(3, 0);
    case Op::RERAISE_PYPY:
      return io(1, 0);
    case Op::END_ASYNC_FOR_38:
      return io(7, 0);
    case Op::END_ASYNC_FOR_PYPY:
      return io(4, 0);

    // ---- generators
    case Op::YIELD_VALUE:
      return io(1, 1);
    case Op::YIELD_VALUE_24:
      return io(1, 0);
    case Op::YIELD_FROM:
      return io(2, 1);
    case Op::SEND:
      return branch(2, 2, 2, 1);
    case Op::SEND_312:
      return branch(2, 2, 2, 2);

    // ---- pattern matching
    case Op::MATCH_KEYS:
      return io_need(2, 0, 1);
    case Op::MATCH_KEYS_310:
      return io_need(2, 0, 2);
    case Op::MATCH_CLASS:
      return big ? bad() : io(3, 1);
    case Op::MATCH_CLASS_310:
      return big ? bad() : io(3, 2);
    case Op::COPY_DICT_WITHOUT_KEYS:
      return io(2, 2);

    // ---- statements
    case Op::EXEC_STMT:
      return io(3, 0);

    case Op::COUNT_:
      break;
  }
  return bad();
}

}  // namespace xp

namespace xp {

namespace {

// The compilers' stack-depth models, by era.
enum class Era { Py2, Py30, Py37, Py38, Py311 };

Era era_of(PyVersion v) {
  if (v.major == 2) return Era::Py2;
  if (v.before(3, 7)) return Era::Py30;
  if (v.before(3, 8)) return Era::Py37;
  if (v.before(3, 11)) return Era::Py38;
  return Era::Py311;
}

struct Effects {
  int fall;
  int jump;
};

// (fallthrough, jump) effect of an instruction in the compiler's model.
bool compiler_effects(PyVersion v, Op op, uint32_t arg, Effects* e) {
  const StackIO s = stack_io(op, arg);
  if (!s.ok) return false;
  e->fall = s.push - s.pop;
  e->jump = s.has_jump ? s.jpush - s.jpop : e->fall;
  // 2.5-2.6 and 3.0-3.1: the compilers' stackdepth_walk() entered every jump
  // target at the depth after the jump instruction (no FOR_ITER exit or
  // exception-handler adjustments).
  const bool flat_jumps = (v.major == 2 && v.minor >= 5 && v.minor <= 6) || (v.major == 3 && v.before(3, 2));
  switch (era_of(v)) {
    case Era::Py2:
      switch (op) {
        case Op::SETUP_EXCEPT_2X:
        case Op::SETUP_FINALLY_2X:
          *e = {0, 3};
          if (flat_jumps) *e = {3, 3};   // 2.5-2.6 count the exception on both edges
          break;
        case Op::SETUP_WITH_2X:
          *e = {4, 4};   // 2.7 counts the exit and the exception values on both edges
          break;
        case Op::END_FINALLY:
          *e = {-3, -3};
          break;
        default:
          break;
      }
      break;
    case Era::Py30:
      switch (op) {
        case Op::SETUP_EXCEPT:
        case Op::SETUP_FINALLY_30:
          *e = {6, 9};   // the walk adds 3 more on the handler edge
          break;
        case Op::SETUP_WITH_32:
          *e = {7, 7};
          break;
        case Op::SETUP_ASYNC_WITH_35:
          *e = {6, 6};
          break;
        case Op::END_FINALLY:
          *e = {-1, -1};
          break;
        case Op::WITH_CLEANUP_START:
          *e = {1, 1};
          break;
        case Op::WITH_CLEANUP_FINISH:
          *e = {-1, -1};
          break;
        case Op::POP_EXCEPT_30:
          *e = {0, 0};
          break;
        default:
          break;
      }
      break;
    case Era::Py37:
    case Era::Py38:
      switch (op) {
        case Op::SETUP_EXCEPT:
        case Op::SETUP_FINALLY_30:
          *e = {0, 6};
          break;
        case Op::SETUP_WITH_32:
        case Op::SETUP_WITH:
          *e = {1, 6};
          break;
        case Op::SETUP_ASYNC_WITH_35:
        case Op::SETUP_ASYNC_WITH:
          *e = {0, 5};
          break;
        case Op::END_FINALLY:
        case Op::END_FINALLY_38:
          *e = {-6, -6};
          break;
        case Op::BEGIN_FINALLY:
          *e = {6, 6};
          break;
        case Op::POP_FINALLY:
          *e = {-6, -6};
          break;
        case Op::WITH_CLEANUP_START:
          *e = {2, 2};
          break;
        case Op::WITH_CLEANUP_FINISH:
        case Op::WITH_CLEANUP_FINISH_38:
        case Op::POP_EXCEPT_30:
        case Op::POP_EXCEPT_38:
        case Op::RERAISE_39:
          *e = {-3, -3};
          break;
        case Op::END_ASYNC_FOR_38:
          *e = {-7, -7};
          break;
        default:
          break;
      }
      break;
    case Era::Py311:
      switch (op) {
        case Op::PRECALL:
          *e = {-static_cast<int>(arg), -static_cast<int>(arg)};   // 3.11 splits CALL's effect
          break;
        case Op::CALL:
          if (v.before(3, 12)) *e = {-1, -1};
          break;
        case Op::RETURN_GENERATOR:
          if (v.before(3, 13)) *e = {0, 0};
          break;
        case Op::FOR_ITER:
          if (v.at_least(3, 12)) e->jump = 1;   // lands on END_FOR with the item pushed
          break;
        case Op::FOR_ITER_314:
          e->jump = 1;
          break;
        default:
          break;
      }
      break;
  }
  if (flat_jumps) {
    // One number per opcode, used on both edges (no "-1 if the jump is not taken").
    if (op == Op::JUMP_IF_FALSE_OR_POP || op == Op::JUMP_IF_TRUE_OR_POP) e->fall = 0;
    e->jump = e->fall;
  }
  return true;
}

// Does the compiler's walk stop after this instruction (dead code follows)?
bool compiler_ends_block(Era era, Op op) {
  if (era == Era::Py2 || era == Era::Py30) return op == Op::JUMP || op == Op::JUMP_BACKWARD;
  return op_is_terminal(op);
}

// Effect along a resolved jump edge: the compiler's jump effect plus the
// effects of the instructions the decoder skips (SkipAfter: END_FOR, POP_TOP).
int jump_edge_effect(const Program& prog, size_t i, const Effects& e) {
  int eff = e.jump;
  const OpcodeRow* row = prog.table->row(prog.instrs[i].opcode);
  if (row->norm != Norm::SkipAfter) return eff;
  const int32_t enc = prog.index_of_offset(prog.info[i].jump_offset);
  for (int32_t k = enc; k >= 0 && static_cast<uint32_t>(k) < prog.instrs[i].arg; ++k) {
    Effects se{};
    if (compiler_effects(prog.version(), prog.instrs[static_cast<size_t>(k)].op, prog.instrs[static_cast<size_t>(k)].arg, &se))
      eff += se.fall;
  }
  return eff;
}

constexpr uint64_t kWorkBudget = 20'000'000;

// <= 3.6: CPython's recursive stackdepth_walk(): a depth-first walk over
// basic blocks that re-enters a block only when reached deeper and never
// while it is on the current path; only unconditional jumps end a block
// (dead code after return is walked too).
// 2.4 MAKE_CLOSURE also pops one cell per free variable of the code the
// LOAD_CONST before it loads.
int closure_cells_24(const Program& prog, size_t i) {
  if (i == 0 || prog.instrs[i - 1].op != Op::LOAD_CONST) return 0;
  const uint32_t k = prog.instrs[i - 1].arg;
  const Code& code = *prog.code;
  if (k >= code.consts.size() || !code.consts[k].is_code()) return 0;
  return static_cast<int>(code.consts[k].code->freevars.size());
}

int64_t walk_dfs(const Program& prog, Era era) {
  const size_t n = prog.size();
  std::vector<uint8_t> leader(n + 1, 0);
  leader[0] = 1;
  for (size_t i = 0; i < n; ++i) {
    if (op_is_jump(prog.instrs[i].op)) {
      leader[prog.instrs[i].arg] = 1;
      leader[i + 1] = 1;
    }
  }
  std::vector<int64_t> startdepth(n, INT64_MIN);
  std::vector<uint8_t> on_path(n, 0);
  struct Frame {
    size_t block;
    size_t pos;
    int64_t depth;
    bool ended;      // an unconditional jump ended the block
    bool next_done;  // the fallthrough block has been walked
  };
  std::vector<Frame> stack;
  int64_t maxdepth = 0;
  uint64_t work = 0;
  auto enter = [&](size_t b, int64_t depth) {
    if (b >= n || on_path[b] || startdepth[b] >= depth) return;
    on_path[b] = 1;
    startdepth[b] = depth;
    stack.push_back({b, b, depth, false, false});
  };
  enter(0, prog.size() && prog.instrs[0].op == Op::GEN_START ? 1 : 0);
  while (!stack.empty()) {
    if (++work > kWorkBudget) return -1;
    Frame& f = stack.back();
    if (!f.ended && f.pos < n && (f.pos == f.block || !leader[f.pos])) {
      const size_t i = f.pos++;
      Effects e{};
      if (!compiler_effects(prog.version(), prog.instrs[i].op, prog.instrs[i].arg, &e)) return -1;
      if (prog.instrs[i].op == Op::MAKE_CLOSURE_24) e.fall -= closure_cells_24(prog, i);
      const int64_t before = f.depth;
      f.depth += e.fall;
      maxdepth = std::max(maxdepth, f.depth);
      if (compiler_ends_block(era, prog.instrs[i].op)) f.ended = true;
      if (op_is_jump(prog.instrs[i].op)) {
        const int64_t target_depth = before + jump_edge_effect(prog, i, e);
        maxdepth = std::max(maxdepth, target_depth);
        enter(prog.instrs[i].arg, target_depth);   // may invalidate f
      }
      continue;
    }
    if (!f.ended && !f.next_done && f.pos < n) {
      f.next_done = true;
      const size_t next = f.pos;
      const int64_t depth = f.depth;
      enter(next, depth);
      continue;
    }
    on_path[f.block] = 0;
    stack.pop_back();
  }
  return maxdepth;
}

// 3.7+: CPython's worklist stackdepth(): each block is walked once from the
// largest depth it is reached with; 3.11+ exception handlers are entered at
// the depth their table entry gives (+1 for lasti, +1 for the exception).
// 3.11+ compilers compute the depth before adding the prefix instructions
// (COPY_FREE_VARS, MAKE_CELL, RETURN_GENERATOR + POP_TOP), so the replay
// starts after them.
int64_t walk_worklist(const Program& prog, Era era) {
  const size_t n = prog.size();
  std::vector<int64_t> startdepth(n, INT64_MIN);
  std::vector<uint8_t> reached(n, 0);
  std::vector<size_t> work;
  int64_t maxdepth = 0;
  auto push = [&](size_t b, int64_t depth) {
    if (b >= n || startdepth[b] >= depth) return;
    startdepth[b] = depth;
    work.push_back(b);
  };
  size_t entry = 0;
  int64_t entry_depth = prog.size() && prog.instrs[0].op == Op::GEN_START ? 1 : 0;   // 3.10 generators
  if (era == Era::Py311) {
    while (entry < n && (prog.instrs[entry].op == Op::COPY_FREE_VARS || prog.instrs[entry].op == Op::MAKE_CELL))
      ++entry;
    if (entry + 1 < n && prog.instrs[entry].op == Op::RETURN_GENERATOR && prog.instrs[entry + 1].op == Op::POP_TOP)
      entry += 2;
  }
  push(entry, entry_depth);
  uint64_t budget = 0;
  std::vector<uint8_t> seeded(prog.exception_table.size(), 0);
  for (;;) {
    while (!work.empty()) {
      size_t i = work.back();
      work.pop_back();
      int64_t depth = startdepth[i];
      for (;;) {
        if (++budget > kWorkBudget) return -1;
        reached[i] = 1;
        Effects e{};
        if (!compiler_effects(prog.version(), prog.instrs[i].op, prog.instrs[i].arg, &e)) return -1;
        const int64_t new_depth = depth + e.fall;
        maxdepth = std::max(maxdepth, new_depth);
        // 3.13 forms RETURN_CONST from LOAD_CONST + RETURN_VALUE after computing the depth.
        if (prog.instrs[i].op == Op::RETURN_CONST && prog.version() == PyVersion{3, 13})
          maxdepth = std::max(maxdepth, depth + 1);
        if (op_is_jump(prog.instrs[i].op)) {
          const int64_t target_depth = depth + jump_edge_effect(prog, i, e);
          maxdepth = std::max(maxdepth, target_depth);
          if (prog.instrs[i].op != Op::CONTINUE_LOOP) push(prog.instrs[i].arg, target_depth);
        }
        depth = new_depth;
        if (compiler_ends_block(era, prog.instrs[i].op) || i + 1 >= n) break;
        ++i;
        if (prog.instrs[i].flags & kInstrJumpTarget) {
          push(i, depth);
          break;
        }
      }
    }
    // Exception handlers whose protected range was reached.
    bool more = false;
    for (size_t k = 0; k < prog.exception_table.size(); ++k) {
      if (seeded[k]) continue;
      const ExceptionEntry& x = prog.exception_table[k];
      bool hit = false;
      for (uint32_t j = x.start; j < x.end && !hit; ++j) hit = reached[j];
      if (!hit) continue;
      seeded[k] = 1;
      const int64_t d = static_cast<int64_t>(x.depth) + (x.lasti ? 1 : 0) + 1;
      maxdepth = std::max(maxdepth, d);
      const size_t before = work.size();
      push(x.target, d);
      more = more || work.size() != before;
    }
    if (!more) break;
  }
  return maxdepth;
}

}  // namespace

int compiler_stack_effect(PyVersion v, Op op, uint32_t arg, int jump) {
  Effects e{};
  if (!compiler_effects(v, op, arg, &e)) return kNoStackEffect;
  const Era era = era_of(v);
  if (era == Era::Py2 || era == Era::Py30) {
    // One number per opcode before 3.7; the walk applied the JUMP_IF_*_OR_POP
    // "-1 when not taken" itself.
    if (op == Op::JUMP_IF_FALSE_OR_POP || op == Op::JUMP_IF_TRUE_OR_POP) return e.jump;
    return e.fall;
  }
  if (jump == 0) return e.fall;
  if (jump > 0) return e.jump;
  return std::max(e.fall, e.jump);
}

int64_t compiler_max_depth(const Program& prog) {
  const Era era = era_of(prog.version());
  if (era == Era::Py2 || era == Era::Py30) return walk_dfs(prog, era);
  return walk_worklist(prog, era);
}

}  // namespace xp
