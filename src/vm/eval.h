// The eval loop.
#pragma once

#include "vm/frame.h"

namespace xp::vm {

// Runs frame `f` (marked is_entry by the caller) until it returns, yields or
// raises, executing calls to other interpreted functions in the same loop.
//   returns a new reference and f->state == Completed: the frame returned;
//     a thread frame has been popped, a generator frame cleared;
//   returns a new reference and f->state == Suspended: the frame yielded
//     (generator frames only); ip/sp saved;
//   returns nullptr: an exception is set; f->state == Completed and the
//     frame is popped/cleared as above.
// If `throwflag` is set, the exception already set is raised at the frame's
// current instruction (generator.throw()).
PyObject* eval(ThreadCtx& t, Frame* f, bool throwflag);

// Installs the audit hook through which eval() learns that a host trace or
// profile function may appear ("sys.settrace"/"sys.setprofile"): untraced
// code then pays nothing per instruction. Once, at VM set-up; 0, or -1 with
// a Python error set. Without it every instruction passes the trace check.
int install_trace_watch();

// Runs a code object (no arguments) with explicit globals/locals, as exec()
// does: module bodies, class bodies, exec/eval of compiled strings.
// `locals` may be nullptr for an optimised code object. Returns a new
// reference or nullptr with an exception set.
PyObject* run_code(PyObject* shell, PyObject* globals, PyObject* locals);

}  // namespace xp::vm
