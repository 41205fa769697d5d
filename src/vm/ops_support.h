// Slow-path helpers of the eval loop: the parts of CPython 3.11's ceval.c
// (and exceptions.c) semantics that are too big to sit inline in the loop,
// with CPython's exact behaviour and error messages.
//
// Conventions: functions returning PyObject* return a new reference or
// nullptr with a Python exception set (unless stated otherwise); functions
// returning int return 0 on success, -1 with an exception set.
#pragma once

#include "core/python.h"

namespace xp::vm {

// ---- pattern matching (MATCH_CLASS, MATCH_KEYS) -----------------------------
// Returns a tuple of the matched attributes (positional then keyword), or
// nullptr: with an exception set on error, without one if no match.
PyObject* match_class(PyObject* subject, PyObject* type, Py_ssize_t nargs, PyObject* kwargs_names);
// Returns a tuple of the values for `keys` (a tuple), or None (new ref) if
// some key is missing; nullptr on error (e.g. duplicate keys: ValueError).
PyObject* match_keys(PyObject* subject, PyObject* keys);

// ---- exceptions ---------------------------------------------------------------
// `except T:` type check: TypeError "catching classes that do not inherit from
// BaseException is not allowed".
int check_except_type_valid(PyObject* right);
// `except* T:` type check (also rejects ExceptionGroup subclasses).
int check_except_star_type_valid(PyObject* right);
// CHECK_EG_MATCH: on success *match and *rest are new references (None when
// absent), as CPython's exception_group_match().
int exception_group_match(PyObject* exc_value, PyObject* match_type, PyObject** match, PyObject** rest);
// PREP_RERAISE_STAR: CPython's _PyExc_PrepReraiseStar(orig, excs).
PyObject* prep_reraise_star(PyObject* orig, PyObject* excs);
// RAISE_VARARGS with 1 or 2 arguments: sets the exception (with context
// chaining) and returns -1; never "succeeds". `cause` may be nullptr (no
// `from`). Steals nothing.
int do_raise(PyObject* exc, PyObject* cause);
// Bare `raise`: re-raises the handled exception (returns -1 with it set), or
// RuntimeError "No active exception to reraise".
int do_reraise();

// ---- calls ------------------------------------------------------------------------
// CALL_FUNCTION_EX / DICT_MERGE error formatting (CPython's
// check_args_iterable / format_kwargs_error).
int check_args_iterable(PyObject* func, PyObject* args);
void format_kwargs_error(PyObject* func, PyObject* kwargs);

// ---- imports ---------------------------------------------------------------------
// IMPORT_NAME: calls builtins.__import__ (fast path when it is the original).
PyObject* import_name(PyObject* builtins, PyObject* globals, PyObject* locals, PyObject* name,
                      PyObject* fromlist, PyObject* level);
// IMPORT_FROM, with CPython's messages for circular / unknown-location imports.
PyObject* import_from(PyObject* module, PyObject* name);
// IMPORT_STAR into `locals` (a mapping).
int import_all_from(PyObject* locals, PyObject* module);

// ---- unpacking --------------------------------------------------------------------
// UNPACK_SEQUENCE (argcnt_after < 0) / UNPACK_EX: pushes the items onto the
// stack ending at `*sp` (first item on top), advancing *sp. On error nothing
// is left pushed.
int unpack_iterable(PyObject* v, int argcnt, int argcnt_after, PyObject*** sp);

// ---- with / async with ------------------------------------------------------------
// Looks up a special method on the type and binds it (CPython's
// _PyObject_LookupSpecial); nullptr without an exception if missing.
PyObject* lookup_special(PyObject* obj, PyObject* name);
// GET_AWAITABLE / async with errors for an object that is not awaitable.
void format_awaitable_error(PyTypeObject* type, int oparg);

// ---- misc -------------------------------------------------------------------------
// LOAD_NAME / LOAD_GLOBAL miss: NameError "name 'x' is not defined" (with
// 3.11's "Did you mean" left to the host's traceback printer).
void format_name_error(PyObject* name);
// Unbound local / free variable errors (LOAD_FAST, LOAD_DEREF, DELETE_*):
// `is_free` selects the free-variable message.
void format_unbound_error(PyObject* name, bool is_free);

// Interned strings used by the loop ("__build_class__", "__enter__", ...).
struct Names {
  PyObject* build_class;
  PyObject* enter;
  PyObject* exit;
  PyObject* aenter;
  PyObject* aexit;
  PyObject* annotations;
  PyObject* import;
  PyObject* name;
  PyObject* all;
  PyObject* dict;
  PyObject* displayhook;
  PyObject* class_;
  PyObject* classcell;
  PyObject* qualname;
  PyObject* module;
  PyObject* send;
  PyObject* throw_;
  PyObject* close;
};
const Names& names();
void init_names();   // once, at start-up

}  // namespace xp::vm
