// The <= 3.10 block protocol in the verifier: SETUP_* blocks, unwinding
// for exceptions and return/break/continue, the finally statuses and the
// with-statement cleanup ops, for CPython 2.x, 3.0-3.7, 3.8, 3.9-3.10 and
// PyPy's variants. Each op is modelled exactly as that interpreter's ceval
// runs it, one successor state per possible outcome.
#include "bytecode/verifier_flow.h"

namespace xp::verifier {

namespace {

bool is_implicit(BlockKind k) {
  return k == BlockKind::ExceptHandler3 || k == BlockKind::HandlerPyPy35 || k == BlockKind::Restorer;
}

Kind unroll_kind(Flow::Why why) {
  switch (why) {
    case Flow::Why::Exception: return Kind::UnrollExc;
    case Flow::Why::Return: return Kind::UnrollReturn;
    case Flow::Why::Break: return Kind::UnrollBreak;
    case Flow::Why::Continue: return Kind::UnrollContinue;
  }
  return Kind::UnrollExc;
}

void push_exc_triple(State& s) {
  s.push(Kind::ExcTb);
  s.push(Kind::ExcValue);
  s.push(Kind::ExcType);
}

}  // namespace

void Flow::pop_except_handler(State& s, size_t from) {
  if (s.blocks.empty() || s.blocks.back().kind != BlockKind::ExceptHandler3)
    fail(from, "the innermost block is not an exception handler");
  const uint32_t level = s.blocks.back().level;
  if (s.depth < level + 3) fail(from, "the exception handler's saved values are gone from the stack");
  for (uint32_t k = level; k < level + 3; ++k)
    if (s.at(k).kind != Kind::Saved) fail(from, "the exception handler's saved values were overwritten");
  s.truncate(level);
  s.blocks.pop_back();
}

void Flow::unwind(State s, Why why, uint32_t cont_target, size_t from) {
  s.kwnames = -1;
  while (!s.blocks.empty()) {
    const Block b = s.blocks.back();
    if (why == Why::Continue && b.kind == BlockKind::Loop) {
      emit(cont_target, std::move(s), from);   // the loop block stays, the stack as it is
      return;
    }
    if (b.kind == BlockKind::ExceptHandler3) {
      pop_except_handler(s, from);
      continue;
    }
    if (b.kind == BlockKind::HandlerPyPy35) {
      if (s.depth < b.level + 1 || s.at(b.level).kind != Kind::Saved)
        fail(from, "the exception handler's saved value is gone from the stack");
      s.truncate(b.level);
      s.blocks.pop_back();
      continue;
    }
    s.blocks.pop_back();
    if (b.kind == BlockKind::Restorer) continue;
    if (s.depth < b.level)
      fail(from, "the stack is below the level of an enclosing block (" + std::to_string(s.depth) + " < " +
                     std::to_string(b.level) + ")");
    s.truncate(b.level);
    const bool exc = why == Why::Exception;
    switch (b.kind) {
      case BlockKind::Loop:
        if (why == Why::Break) {
          emit(b.handler, std::move(s), from);
          return;
        }
        continue;
      case BlockKind::Except2:
      case BlockKind::Except3:
      case BlockKind::ExceptPyPy35:
      case BlockKind::ExceptPyPy38:
        if (!exc) continue;
        break;
      default:
        break;
    }
    switch (b.kind) {
      case BlockKind::Except2:
      case BlockKind::Finally2:
        if (exc) {
          push_exc_triple(s);
        } else if (why == Why::Break) {
          s.push(Kind::WhyBreak);
        } else {
          s.push(Kind::Obj);   // the return value, or the continue target as an int
          s.push(Slot{why == Why::Return ? Kind::WhyReturn : Kind::WhyContinue, cont_target});
        }
        break;
      case BlockKind::Except3:
      case BlockKind::Finally3:
        if (exc) {
          s.blocks.push_back({BlockKind::ExceptHandler3, 0, b.level});
          for (int k = 0; k < 3; ++k) s.push(Kind::Saved);
          push_exc_triple(s);
        } else if (why == Why::Break) {
          s.push(Kind::WhyBreak);
        } else {
          s.push(Kind::Obj);
          s.push(Slot{why == Why::Return ? Kind::WhyReturn : Kind::WhyContinue, cont_target});
        }
        break;
      case BlockKind::ExceptPyPy35:
        s.push(Kind::Saved);
        s.blocks.push_back({BlockKind::HandlerPyPy35, 0, b.level});
        s.push(Kind::UnrollExc);
        s.push(Kind::ExcValue);
        s.push(Kind::ExcType);
        break;
      case BlockKind::FinallyPyPy35:
        s.push(Slot{unroll_kind(why), cont_target});
        break;
      case BlockKind::ExceptPyPy38:
        s.push(Kind::UnrollExc);
        s.push(Kind::ExcValue);
        s.push(Kind::ExcType);
        s.blocks.push_back({BlockKind::Restorer, 0, 0});
        break;
      case BlockKind::FinallyPyPy38:
        s.push(Slot{unroll_kind(why), cont_target});
        s.blocks.push_back({BlockKind::Restorer, 0, 0});
        break;
      default:
        break;
    }
    emit(b.handler, std::move(s), from);
    return;
  }
  // No block took it: an exception or a return leaves the frame.
  if (why == Why::Break || why == Why::Continue) fail(from, "break/continue outside a loop block");
}

bool Flow::step_block_op(size_t i, State& s, std::vector<State>* falls) {
  const Instr& in = prog_.instrs[i];
  const uint32_t a = in.arg;
  auto setup = [&](BlockKind k, uint32_t level) {
    if (s.blocks.size() >= kMaxBlocks) fail(i, "more than 20 nested blocks");
    s.blocks.push_back({k, a, level});
  };
  auto top_kind = [&](uint32_t k) { return s.top(k).kind; };
  auto need = [&](uint32_t k) {
    if (s.depth < k) fail(i, "stack underflow: it needs " + std::to_string(k) + " items");
  };
  auto require_exc_triple = [&](uint32_t from_top) {
    need(from_top + 3);
    if (top_kind(from_top) != Kind::ExcType || top_kind(from_top + 1) != Kind::ExcValue ||
        top_kind(from_top + 2) != Kind::ExcTb)
      fail(i, "expects the exception being handled (tb, value, type) on the stack");
  };
  auto require_obj = [&](uint32_t from_top, const char* what) {
    need(from_top + 1);
    if (!is_object(top_kind(from_top))) fail(i, std::string(what) + " is not an object");
  };
  // Pops a finally status and resumes what it stands for; returns true if
  // execution falls through (a None status).
  auto finish_status = [&]() -> bool {
    need(1);
    const Slot st = s.top();
    switch (st.kind) {
      case Kind::NoneStatus:
        s.truncate(s.depth - 1);
        return true;
      case Kind::WhyReturn:
      case Kind::WhyContinue: {
        need(2);
        State u = s;
        u.truncate(u.depth - 2);
        unwind(std::move(u), st.kind == Kind::WhyReturn ? Why::Return : Why::Continue, st.payload, i);
        return false;
      }
      case Kind::WhyBreak: {
        State u = s;
        u.truncate(u.depth - 1);
        unwind(std::move(u), Why::Break, 0, i);
        return false;
      }
      case Kind::WhySilenced:
        // 3.x with: the exception was swallowed; drop its handler block.
        s.truncate(s.depth - 1);
        pop_except_handler(s, i);
        return true;
      case Kind::ExcType: {
        require_exc_triple(0);
        State u = s;
        u.truncate(u.depth - 3);
        unwind(std::move(u), Why::Exception, 0, i);
        return false;
      }
      default:
        fail(i, "expects a finally status on the stack, found " +
                    std::string(is_object(st.kind) ? "another object" : "a non-object"));
    }
  };

  switch (in.op) {
    // ---- SETUP_*
    case Op::SETUP_LOOP:
      setup(BlockKind::Loop, s.depth);
      break;
    case Op::SETUP_EXCEPT_2X:
      setup(BlockKind::Except2, s.depth);
      break;
    case Op::SETUP_FINALLY_2X:
      setup(BlockKind::Finally2, s.depth);
      break;
    case Op::SETUP_EXCEPT:
      setup(BlockKind::Except3, s.depth);
      break;
    case Op::SETUP_FINALLY_30:
      setup(BlockKind::Finally3, s.depth);
      break;
    case Op::SETUP_EXCEPT_PYPY35:
      setup(BlockKind::ExceptPyPy35, s.depth);
      break;
    case Op::SETUP_FINALLY_PYPY35:
      setup(BlockKind::FinallyPyPy35, s.depth);
      break;
    case Op::SETUP_EXCEPT_PYPY38:
      setup(BlockKind::ExceptPyPy38, s.depth);
      break;
    case Op::SETUP_FINALLY_PYPY38:
      setup(BlockKind::FinallyPyPy38, s.depth);
      break;
    case Op::SETUP_WITH_2X:
    case Op::SETUP_WITH_32:
    case Op::SETUP_WITH:
    case Op::SETUP_WITH_PYPY35:
    case Op::SETUP_WITH_PYPY38: {
      // (mgr -- exit res), the block's level is below res
      require_obj(0, "the context manager");
      s.truncate(s.depth - 1);
      s.push(Kind::Obj);
      const BlockKind k = in.op == Op::SETUP_WITH_2X    ? BlockKind::Finally2
                          : in.op == Op::SETUP_WITH_32  ? BlockKind::Finally3
                          : in.op == Op::SETUP_WITH     ? BlockKind::Except3
                          : in.op == Op::SETUP_WITH_PYPY35 ? BlockKind::FinallyPyPy35
                                                           : BlockKind::FinallyPyPy38;
      setup(k, s.depth);
      s.push(Kind::Obj);
      break;
    }
    case Op::SETUP_ASYNC_WITH_35:
    case Op::SETUP_ASYNC_WITH:
    case Op::SETUP_ASYNC_WITH_PYPY35:
    case Op::SETUP_ASYNC_WITH_PYPY38: {
      // (exit res -- exit res), the block's level is below res
      require_obj(0, "the __aenter__ result");
      s.truncate(s.depth - 1);
      const BlockKind k = in.op == Op::SETUP_ASYNC_WITH_35 ? BlockKind::Finally3
                          : in.op == Op::SETUP_ASYNC_WITH  ? BlockKind::Except3
                          : in.op == Op::SETUP_ASYNC_WITH_PYPY35 ? BlockKind::FinallyPyPy35
                                                                 : BlockKind::FinallyPyPy38;
      setup(k, s.depth);
      s.push(Kind::Obj);
      break;
    }
    case Op::POP_BLOCK:
    case Op::POP_BLOCK_UNWIND: {
      if (s.blocks.empty() || is_implicit(s.blocks.back().kind)) fail(i, "no SETUP_* block to pop");
      const uint32_t level = s.blocks.back().level;
      if (s.depth < level)
        fail(i, "the stack has " + std::to_string(s.depth) + " items, below the block's level " + std::to_string(level));
      if (in.op == Op::POP_BLOCK_UNWIND) s.truncate(level);
      s.blocks.pop_back();
      break;
    }

    // ---- non-local exits
    case Op::BREAK_LOOP:
      unwind(s, Why::Break, 0, i);
      return true;
    case Op::CONTINUE_LOOP:
      unwind(s, Why::Continue, a, i);
      return true;
    case Op::RETURN_VALUE:
      if (s.blocks.empty()) return false;
      require_obj(0, "the return value");
      s.truncate(s.depth - 1);
      unwind(s, Why::Return, 0, i);
      return true;

    // ---- finally statuses
    case Op::END_FINALLY:
      if (!finish_status()) return true;
      break;
    case Op::END_FINALLY_38: {
      need(1);
      const Slot st = s.top();
      if (st.kind == Kind::FinNull) {
        s.truncate(s.depth - 1);
      } else if (st.kind == Kind::RetAddr) {
        s.truncate(s.depth - 1);
        emit(st.payload, s, i);
        return true;
      } else {
        if (st.kind != Kind::ExcType) fail(i, "expects a finally status on the stack");
        finish_status();
        return true;
      }
      break;
    }
    case Op::END_FINALLY_PYPY35:
    case Op::END_FINALLY_PYPY38: {
      if (in.op == Op::END_FINALLY_PYPY38) {
        if (s.blocks.empty() || s.blocks.back().kind != BlockKind::Restorer)
          fail(i, "the innermost block is not a handler");
        s.blocks.pop_back();
      }
      need(1);
      const Slot st = s.top();
      switch (st.kind) {
        case Kind::NoneStatus:
          s.truncate(s.depth - 1);
          break;
        case Kind::RetAddr:
          s.truncate(s.depth - 1);
          emit(st.payload, s, i);
          return true;
        case Kind::UnrollExc:
        case Kind::UnrollReturn:
        case Kind::UnrollBreak:
        case Kind::UnrollContinue: {
          State u = s;
          u.truncate(u.depth - 1);
          const Why why = st.kind == Kind::UnrollExc      ? Why::Exception
                          : st.kind == Kind::UnrollReturn ? Why::Return
                          : st.kind == Kind::UnrollBreak  ? Why::Break
                                                          : Why::Continue;
          unwind(std::move(u), why, st.payload, i);
          return true;
        }
        case Kind::ExcType: {
          need(3);
          if (top_kind(1) != Kind::ExcValue || top_kind(2) != Kind::UnrollExc)
            fail(i, "expects the exception being handled on the stack");
          State u = s;
          u.truncate(u.depth - 3);
          unwind(std::move(u), Why::Exception, 0, i);
          return true;
        }
        default:
          fail(i, "expects a finally status on the stack");
      }
      break;
    }
    case Op::BEGIN_FINALLY:
      s.push(Kind::FinNull);
      break;
    case Op::BEGIN_FINALLY_PYPY:
      s.push(Kind::NoneStatus);
      break;
    case Op::CALL_FINALLY: {
      State j = s;
      j.push(Slot{Kind::RetAddr, static_cast<uint32_t>(i + 1)});
      emit(a, std::move(j), i);
      return true;   // execution comes back after END_FINALLY
    }
    case Op::POP_FINALLY:
    case Op::POP_FINALLY_PYPY: {
      Slot keep{};
      if (a) {
        need(1);
        keep = s.top();
        s.truncate(s.depth - 1);
      }
      if (in.op == Op::POP_FINALLY_PYPY) {
        if (s.blocks.empty() || s.blocks.back().kind != BlockKind::Restorer)
          fail(i, "the innermost block is not a handler");
        s.blocks.pop_back();
      }
      need(1);
      const Kind st = top_kind(0);
      if (st == Kind::FinNull || st == Kind::RetAddr || st == Kind::NoneStatus || st == Kind::UnrollExc ||
          st == Kind::UnrollReturn || st == Kind::UnrollBreak || st == Kind::UnrollContinue) {
        s.truncate(s.depth - 1);
      } else if (st == Kind::ExcType && in.op == Op::POP_FINALLY) {
        require_exc_triple(0);
        s.truncate(s.depth - 3);
        if (s.blocks.empty() || s.blocks.back().kind != BlockKind::ExceptHandler3 ||
            s.depth != s.blocks.back().level + 3)
          fail(i, "the exception handler block does not match the stack");
        pop_except_handler(s, i);
      } else {
        fail(i, "expects a finally status on the stack");
      }
      if (a) s.push(keep);
      break;
    }
    case Op::POP_EXCEPT_30: {
      if (s.blocks.empty() || s.blocks.back().kind != BlockKind::ExceptHandler3)
        fail(i, "the innermost block is not an exception handler");
      const uint32_t level = s.blocks.back().level;
      if (s.depth < level + 3) fail(i, "the exception handler's saved values are gone from the stack");
      s.truncate(level + 3);   // CPython pops anything above them first
      pop_except_handler(s, i);
      break;
    }
    case Op::POP_EXCEPT_38: {
      if (s.blocks.empty() || s.blocks.back().kind != BlockKind::ExceptHandler3)
        fail(i, "the innermost block is not an exception handler");
      const uint32_t level = s.blocks.back().level;
      if (s.depth < level + 3 || s.depth > level + 4)
        fail(i, "the stack does not end with the exception handler's saved values");
      for (uint32_t k = 0; k < 3; ++k)
        if (top_kind(k) != Kind::Saved) fail(i, "the exception handler's saved values are not on top of the stack");
      s.truncate(s.depth - 3);
      s.blocks.pop_back();
      break;
    }
    case Op::POP_EXCEPT_PYPY35: {
      if (s.blocks.empty() || s.blocks.back().kind != BlockKind::HandlerPyPy35)
        fail(i, "the innermost block is not an exception handler");
      const uint32_t level = s.blocks.back().level;
      if (s.depth < level + 1 || s.at(level).kind != Kind::Saved)
        fail(i, "the exception handler's saved value is gone from the stack");
      s.truncate(level);
      s.blocks.pop_back();
      break;
    }
    case Op::POP_EXCEPT_PYPY38:
      if (s.blocks.empty() || s.blocks.back().kind != BlockKind::Restorer)
        fail(i, "the innermost block is not an exception handler");
      s.blocks.pop_back();
      break;

    // ---- with-statement cleanup
    case Op::WITH_CLEANUP_2X:
    case Op::WITH_CLEANUP_25:
    case Op::WITH_CLEANUP_30:
    case Op::WITH_CLEANUP_32: {
      const bool exit_on_top = in.op == Op::WITH_CLEANUP_25 || in.op == Op::WITH_CLEANUP_30;
      const bool py3 = in.op == Op::WITH_CLEANUP_30 || in.op == Op::WITH_CLEANUP_32;
      const uint32_t z = exit_on_top ? 1 : 0;   // the finally state starts this far from the top
      need(z + 1);
      const Kind st = top_kind(z);
      uint32_t zone;
      if (st == Kind::NoneStatus || st == Kind::WhyBreak) zone = 1;
      else if (st == Kind::WhyReturn || st == Kind::WhyContinue) zone = 2;
      else if (st == Kind::ExcType) zone = py3 ? 6 : 3;
      else fail(i, "expects a finally status on the stack");
      if (st == Kind::ExcType) require_exc_triple(z);
      if (exit_on_top) {
        require_obj(0, "__exit__");
        s.truncate(s.depth - 1);
      } else if (st == Kind::ExcType && in.op == Op::WITH_CLEANUP_32) {
        // 3.x: the handler block's saved values move down over exit; a
        // NULL fills the gap; the block's level drops by one.
        if (s.blocks.empty() || s.blocks.back().kind != BlockKind::ExceptHandler3 ||
            s.blocks.back().level + 6 != s.depth || s.blocks.back().level == 0)
          fail(i, "the exception handler block does not match the stack");
        Block& eh = s.blocks.back();
        require_obj(6, "__exit__");
        s.set(eh.level - 1, Slot{Kind::Saved, 0});
        s.set(eh.level + 2, Slot{Kind::Null, 0});
        eh.level -= 1;
      } else {
        require_obj(zone, "__exit__");
        std::vector<Slot> kept;
        for (uint32_t k = zone; k-- > 0;) kept.push_back(s.top(k));
        s.truncate(s.depth - zone - 1);
        for (const Slot& sl : kept) s.push(sl);
      }
      if (st == Kind::ExcType) {
        State silenced = s;
        if (in.op == Op::WITH_CLEANUP_32) {
          silenced.push(Kind::WhySilenced);
        } else {
          // The exception triple is replaced by None (2.x) or WHY_SILENCED (3.0-3.1).
          silenced.truncate(silenced.depth - 3);
          silenced.push(py3 ? Kind::WhySilenced : Kind::NoneStatus);
        }
        falls->push_back(std::move(silenced));
      }
      falls->push_back(std::move(s));
      return true;
    }
    case Op::WITH_CLEANUP_START: {
      need(2);
      const Kind st = top_kind(0);
      if (st == Kind::NoneStatus || st == Kind::FinNull || st == Kind::WhyBreak) {
        require_obj(1, "__exit__");
        const Slot keep = s.top();
        s.truncate(s.depth - 2);
        s.push(keep);
        s.push(Kind::NoneStatus);
      } else if (st == Kind::WhyReturn || st == Kind::WhyContinue) {
        require_obj(2, "__exit__");
        const Slot why = s.top(), val = s.top(1);
        s.truncate(s.depth - 3);
        s.push(val);
        s.push(why);
        s.push(Kind::NoneStatus);
      } else if (st == Kind::ExcType) {
        require_exc_triple(0);
        if (s.blocks.empty() || s.blocks.back().kind != BlockKind::ExceptHandler3 ||
            s.blocks.back().level + 6 != s.depth || s.blocks.back().level == 0)
          fail(i, "the exception handler block does not match the stack");
        require_obj(6, "__exit__");
        Block& eh = s.blocks.back();
        s.set(eh.level - 1, Slot{Kind::Saved, 0});
        s.set(eh.level + 2, Slot{Kind::Null, 0});
        eh.level -= 1;
        s.push(Kind::ExcType);   // the exception type, duplicated
      } else {
        fail(i, "expects a finally status on the stack");
      }
      s.push(Kind::Obj);   // __exit__'s result
      break;
    }
    case Op::WITH_CLEANUP_FINISH:
    case Op::WITH_CLEANUP_FINISH_38: {
      need(2);
      require_obj(0, "__exit__'s result");
      const Kind exc = top_kind(1);
      if (exc != Kind::NoneStatus && exc != Kind::ExcType) fail(i, "expects the exception or None below the result");
      s.truncate(s.depth - 2);
      if (exc == Kind::ExcType) {
        State silenced = s;
        if (in.op == Op::WITH_CLEANUP_FINISH) {
          silenced.push(Kind::WhySilenced);
        } else {
          pop_except_handler(silenced, i);
          silenced.push(Kind::FinNull);
        }
        falls->push_back(std::move(silenced));
      }
      falls->push_back(std::move(s));
      return true;
    }
    case Op::WITH_CLEANUP_START_PYPY: {
      need(2);
      const Slot u = s.top();
      if (!is_tag(u.kind) || u.kind == Kind::Saved) fail(i, "expects a finally status on the stack");
      require_obj(1, "__exit__");
      s.truncate(s.depth - 2);
      s.push(u);
      s.push(Kind::Obj);
      s.push(u);
      break;
    }
    case Op::WITH_CLEANUP_FINISH_PYPY: {
      need(3);
      const Slot u = s.top();
      s.truncate(s.depth - 2);
      if (u.kind == Kind::UnrollExc) {
        State silenced = s;
        silenced.set(silenced.depth - 1, Slot{Kind::NoneStatus, 0});
        falls->push_back(std::move(silenced));
      }
      falls->push_back(std::move(s));
      return true;
    }

    // ---- 3.9-3.10 exception handlers
    case Op::RERAISE_39: {
      require_exc_triple(0);
      State u = s;
      u.truncate(u.depth - 3);
      unwind(std::move(u), Why::Exception, 0, i);
      return true;
    }
    case Op::WITH_EXCEPT_START_39: {
      require_exc_triple(0);
      need(7);
      for (uint32_t k = 3; k < 6; ++k)
        if (top_kind(k) != Kind::Saved) fail(i, "expects the exception handler's saved values below the exception");
      require_obj(6, "__exit__");
      s.push(Kind::Obj);
      break;
    }
    case Op::END_ASYNC_FOR_38: {
      require_exc_triple(0);
      State raise = s;
      raise.truncate(raise.depth - 3);
      unwind(std::move(raise), Why::Exception, 0, i);
      // StopAsyncIteration: drop the handler block (and the exception) and the iterator.
      s.truncate(s.depth - 1);
      pop_except_handler(s, i);
      require_obj(0, "the async iterator");
      s.truncate(s.depth - 1);
      break;
    }
    case Op::RERAISE_PYPY: {
      need(1);
      if (top_kind(0) != Kind::UnrollExc) fail(i, "expects the exception being handled on the stack");
      State u = s;
      u.truncate(u.depth - 1);
      unwind(std::move(u), Why::Exception, 0, i);
      return true;
    }
    case Op::WITH_EXCEPT_START_PYPY: {
      need(2);
      if (top_kind(0) != Kind::UnrollExc) fail(i, "expects the exception being handled on the stack");
      require_obj(1, "__exit__");
      s.truncate(s.depth - 2);
      s.push(Kind::UnrollExc);
      s.push(Kind::Obj);
      break;
    }
    case Op::END_ASYNC_FOR_PYPY: {
      if (s.blocks.empty() || s.blocks.back().kind != BlockKind::Restorer)
        fail(i, "the innermost block is not a handler");
      s.blocks.pop_back();
      need(4);
      if (top_kind(0) != Kind::ExcType || top_kind(2) != Kind::UnrollExc)
        fail(i, "expects the exception being handled on the stack");
      State raise = s;
      raise.truncate(raise.depth - 1);
      unwind(std::move(raise), Why::Exception, 0, i);
      require_obj(3, "the async iterator");
      s.truncate(s.depth - 4);
      break;
    }
    default:
      return false;
  }
  falls->push_back(std::move(s));
  return true;
}

}  // namespace xp::verifier
