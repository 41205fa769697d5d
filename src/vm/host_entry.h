// Host bytecode calling interpreted functions at native speed (issue 6,
// item 15; docs/vm.md "Host code at native speed").
//
// CPython 3.11 inlines Python-to-Python calls in its own loop (a frame
// pushed on its data stack, then its code run from the first unit) unless
// a PEP 523 frame function is installed. So that host code keeps that speed,
// xpython installs none while nothing traces; host code that calls an
// interpreted function then runs the function's shell code object itself.
// Each shell therefore carries an entry trampoline in its executable code
// units (co_code stays the original: the host's co_code cache holds it):
// after the prologue (MAKE_CELL/COPY_FREE_VARS, run by the host as they are),
// a jump to a tail of host instructions that call a tiny host function, the
// "entry callee", whose only instruction calls back into the VM with the
// shell's frame (its caller). The VM runs that frame in place and, before
// returning, points the frame's resume position at a RETURN_VALUE, or for
// an exception at the tail's RERAISE 1 with the frame's last position and
// the exception as the callee's result (the host's RERAISE restores both
// and unwinds the frame without a traceback entry of its own): the host
// re-reads a caller's position and stack top when an inlined callee
// returns, so it finishes the frame exactly as after its own evaluation.
#pragma once

#include "vm/frame.h"

#include <cstdint>
#include <string>

namespace xp::vm {

// The stack slots the trampoline's tail uses (a NULL and the entry callee):
// a shell's host co_stacksize is at least this (CPython 3.11 sizes the frames
// it pushes by co_stacksize; the attribute shows the original: shell_code.h).
inline constexpr int kEntryStackSlots = 2;

// Where a shell's trampoline lives, in code units.
struct EntryTrampoline {
  uint32_t entry_unit = 0;    // the first unit after the prologue (the jump)
  uint32_t return_unit = 0;   // the tail's RETURN_VALUE
  uint32_t reraise_unit = 0;  // the tail's RERAISE 1
  std::string jump;           // the jump's bytes (written at entry_unit)
};

// The code units the host executes for `faithful` (3.11 code bytes): the
// same bytes with the tail appended (the jump is written by
// install_entry_jump once the host has made the code object, whose first
// traceable instruction must be computed from the original bytes).
// `hidden_const` is the index the tail loads the entry callee from (one past
// the visible co_consts). Fills `where`.
std::string with_entry_tail(const std::string& faithful, Py_ssize_t hidden_const, EntryTrampoline* where);
// Writes the jump into the code's executable units and stops the host from
// ever quickening them (co_warmup 0, as after quickening).
void install_entry_jump(PyCodeObject* co, const EntryTrampoline& where);
// The host keeps a line per executable unit (_co_linearray, made when it
// traces a frame of the code) for the units it knows of: the tail, past the
// code's size, gets lines (none) too, so that the host may trace the tail's
// instructions (tracing started while the VM ran a host-entered frame).
void cover_entry_tail_lines(PyCodeObject* co, const ExecCode* ec);
// Whether a code unit is the host's RETURN_VALUE.
bool is_host_return_value(_Py_CODEUNIT unit);
// The entry callee (a borrowed reference), made by init_host_entry.
PyObject* entry_callee();
// Makes the entry callee; once, at start-up. -1 with an error set.
int init_host_entry();

// The VM side: runs the host-made frame `g` of an interpreted function
// (its caller frame being the entry callee's frame `x`).
PyObject* run_host_entered_frame(HostFrame* g, HostFrame* x);

}  // namespace xp::vm
