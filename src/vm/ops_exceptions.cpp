// Exception helpers of the eval loop: `except`/`except*` type checks,
// CHECK_EG_MATCH, PREP_RERAISE_STAR and RAISE_VARARGS, as CPython 3.11's
// ceval.c (check_except_type_valid, check_except_star_type_valid,
// exception_group_match, do_raise) and Objects/exceptions.c
// (_PyExc_PrepReraiseStar, which the host does not export).
#include "core/ref.h"
#include "vm/ops_internal.h"
#include "vm/ops_support.h"

#include <utility>

namespace xp::vm {
namespace {

constexpr const char* kCannotCatchMsg =
    "catching classes that do not inherit from BaseException is not allowed";
constexpr const char* kCannotExceptStarEg =
    "catching ExceptionGroup with except* is not allowed. Use except instead.";

bool is_exception_group(PyObject* exc) { return _PyBaseExceptionGroup_Check(exc); }

// BaseExceptionGroup(msg, excs): the host picks ExceptionGroup when every
// member is an Exception (as CPython's _PyExc_CreateExceptionGroup).
Ref create_exception_group(const char* msg, PyObject* excs) {
  Ref msg_obj = steal(PyUnicode_FromString(msg));
  if (!msg_obj) return {};
  Ref args = steal(PyTuple_Pack(2, msg_obj.get(), excs));
  if (!args) return {};
  return steal(PyObject_CallObject(PyExc_BaseExceptionGroup, args.get()));
}

// Adds id() of every leaf exception of `exc` (a group or a leaf) to `ids`.
int collect_leaf_ids(PyObject* exc, PyObject* ids) {
  if (exc == Py_None) return 0;
  if (!is_exception_group(exc)) {
    Ref id = steal(PyLong_FromVoidPtr(exc));
    if (!id) return -1;
    return PySet_Add(ids, id.get());
  }
  PyObject* excs = reinterpret_cast<PyBaseExceptionGroupObject*>(exc)->excs;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
    if (Py_EnterRecursiveCall(" in collect_exception_group_leaf_ids")) return -1;
    int res = collect_leaf_ids(PyTuple_GET_ITEM(excs, i), ids);
    Py_LeaveRecursiveCall();
    if (res < 0) return -1;
  }
  return 0;
}

// A group like `orig` (its derive(), so subclasses keep their type) holding
// `excs`, with orig's traceback, context, cause and a copy of its notes;
// empty if `excs` is empty. CPython's exceptiongroup_subset().
int exceptiongroup_subset(PyObject* orig, PyObject* excs, Ref* result) {
  static PyObject* const notes_name = detail::interned("__notes__");
  Py_ssize_t num_excs = PySequence_Size(excs);
  if (num_excs < 0) return -1;
  if (num_excs == 0) return 0;
  Ref eg = steal(PyObject_CallMethod(orig, "derive", "(O)", excs));
  if (!eg) return -1;
  if (!is_exception_group(eg.get())) {
    PyErr_SetString(PyExc_TypeError, "derive must return an instance of BaseExceptionGroup");
    return -1;
  }
  Ref tb = steal(PyException_GetTraceback(orig));
  if (tb && PyException_SetTraceback(eg.get(), tb.get()) < 0) return -1;
  PyException_SetContext(eg.get(), PyException_GetContext(orig));   // both steal/return new refs
  PyException_SetCause(eg.get(), PyException_GetCause(orig));       // also sets __suppress_context__
  PyObject* notes_raw = nullptr;
  if (_PyObject_LookupAttr(orig, notes_name, &notes_raw) < 0) return -1;
  Ref notes = steal(notes_raw);
  // Notes that are not a sequence are ignored, as CPython does.
  if (notes && PySequence_Check(notes.get())) {
    Ref copy = steal(PySequence_List(notes.get()));   // parts get independent lists
    if (!copy || PyObject_SetAttr(eg.get(), notes_name, copy.get()) < 0) return -1;
  }
  *result = std::move(eg);
  return 0;
}

// The part of `exc` made of the leaves whose id() is in `ids`, keeping the
// nesting (CPython's exceptiongroup_split_recursive with the interpreter-only
// EXCEPTION_GROUP_MATCH_INSTANCE_IDS matcher and no rest). The host exposes
// this matcher to no caller, and 3.11's subgroup() takes only a Python
// function as predicate, which would show up in tracing and profiling: hence
// the re-implementation.
int split_by_leaf_ids(PyObject* exc, PyObject* ids, Ref* match) {
  if (!is_exception_group(exc)) {
    Ref id = steal(PyLong_FromVoidPtr(exc));
    if (!id) return -1;
    int found = PySet_Contains(ids, id.get());
    if (found < 0) return -1;
    if (found) *match = borrow(exc);
    return 0;
  }
  PyObject* excs = reinterpret_cast<PyBaseExceptionGroupObject*>(exc)->excs;
  Ref match_list = steal(PyList_New(0));
  if (!match_list) return -1;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(excs); i++) {
    Ref part;
    if (Py_EnterRecursiveCall(" in exceptiongroup_split_recursive")) return -1;
    int res = split_by_leaf_ids(PyTuple_GET_ITEM(excs, i), ids, &part);
    Py_LeaveRecursiveCall();
    if (res < 0) return -1;
    if (part && PyList_Append(match_list.get(), part.get()) < 0) return -1;
  }
  return exceptiongroup_subset(exc, match_list.get(), match);
}

// The sub-group of `eg` holding every leaf found in the exceptions of `keep`
// (a list), with eg's nesting; None if there are none. CPython's
// exception_group_projection().
Ref exception_group_projection(PyObject* eg, PyObject* keep) {
  Ref ids = steal(PySet_New(nullptr));
  if (!ids) return {};
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keep); i++) {
    if (collect_leaf_ids(PyList_GET_ITEM(keep, i), ids.get()) < 0) return {};
  }
  Ref match;
  if (split_by_leaf_ids(eg, ids.get(), &match) < 0) return {};
  return match ? std::move(match) : borrow(Py_None);
}

// Same traceback/cause/context/notes objects: `e` is (part of) the caught
// group re-raised with a bare `raise`, not a newly raised exception.
bool is_same_exception_metadata(PyObject* exc1, PyObject* exc2) {
  auto* e1 = reinterpret_cast<PyBaseExceptionObject*>(exc1);
  auto* e2 = reinterpret_cast<PyBaseExceptionObject*>(exc2);
  return e1->notes == e2->notes && e1->traceback == e2->traceback && e1->cause == e2->cause &&
         e1->context == e2->context;
}

}  // namespace

int check_except_type_valid(PyObject* right) {
  if (PyTuple_Check(right)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right); i++) {
      if (!PyExceptionClass_Check(PyTuple_GET_ITEM(right, i))) {
        PyErr_SetString(PyExc_TypeError, kCannotCatchMsg);
        return -1;
      }
    }
  } else if (!PyExceptionClass_Check(right)) {
    PyErr_SetString(PyExc_TypeError, kCannotCatchMsg);
    return -1;
  }
  return 0;
}

int check_except_star_type_valid(PyObject* right) {
  if (check_except_type_valid(right) < 0) return -1;
  int is_subclass = 0;
  if (PyTuple_Check(right)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(right) && !is_subclass; i++) {
      is_subclass = PyObject_IsSubclass(PyTuple_GET_ITEM(right, i), PyExc_BaseExceptionGroup);
      if (is_subclass < 0) return -1;
    }
  } else {
    is_subclass = PyObject_IsSubclass(right, PyExc_BaseExceptionGroup);
    if (is_subclass < 0) return -1;
  }
  if (is_subclass) {
    PyErr_SetString(PyExc_TypeError, kCannotExceptStarEg);
    return -1;
  }
  return 0;
}

int exception_group_match(PyObject* exc_value, PyObject* match_type, PyObject** match,
                          PyObject** rest) {
  *match = nullptr;
  *rest = nullptr;
  if (exc_value == Py_None) {
    *match = Py_NewRef(Py_None);
    *rest = Py_NewRef(Py_None);
    return 0;
  }
  if (PyErr_GivenExceptionMatches(exc_value, match_type)) {
    // The whole exception matches; a naked exception is wrapped so the
    // handler always sees a group.
    if (is_exception_group(exc_value)) {
      *match = Py_NewRef(exc_value);
    } else {
      Ref excs = steal(PyTuple_Pack(1, exc_value));
      if (!excs) return -1;
      Ref wrapped = create_exception_group("", excs.get());
      if (!wrapped) return -1;
      *match = wrapped.release();
    }
    *rest = Py_NewRef(Py_None);
    return 0;
  }
  if (is_exception_group(exc_value)) {
    // Partial match: the group's own (possibly overridden) split().
    Ref pair = steal(PyObject_CallMethod(exc_value, "split", "(O)", match_type));
    if (!pair) return -1;
    // CPython only asserts this (undefined behaviour in a release build when
    // a subclass's split() returns something else); we raise instead.
    if (!PyTuple_CheckExact(pair.get()) || PyTuple_GET_SIZE(pair.get()) != 2) {
      PyErr_Format(PyExc_TypeError, "%.200s.split() must return a 2-tuple, not %.200s",
                   Py_TYPE(exc_value)->tp_name, Py_TYPE(pair.get())->tp_name);
      return -1;
    }
    *match = Py_NewRef(PyTuple_GET_ITEM(pair.get(), 0));
    *rest = Py_NewRef(PyTuple_GET_ITEM(pair.get(), 1));
    return 0;
  }
  *match = Py_NewRef(Py_None);   // no match
  *rest = Py_NewRef(Py_None);
  return 0;
}

PyObject* prep_reraise_star(PyObject* orig, PyObject* excs) {
  if (!PyList_Check(excs)) {
    PyErr_SetString(PyExc_SystemError, "PREP_RERAISE_STAR: expected a list of exceptions");
    return nullptr;
  }
  // The list is built by the handlers' own code (LIST_APPEND), so mutated
  // bytecode can put anything in it; the metadata compare and the leaf
  // walk below read every item as an exception (CPython only asserts it).
  // The executor fuzzer found this (a heap-buffer-overflow read).
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(excs); i++) {
    PyObject* e = PyList_GET_ITEM(excs, i);
    if (e != Py_None && !PyExceptionInstance_Check(e)) {
      PyErr_Format(PyExc_SystemError, "PREP_RERAISE_STAR: expected an exception or None in the list, found %.200s",
                   Py_TYPE(e)->tp_name);
      return nullptr;
    }
  }
  Py_ssize_t numexcs = PyList_GET_SIZE(excs);
  if (numexcs == 0) return Py_NewRef(Py_None);

  if (!is_exception_group(orig)) {
    // A naked exception was caught and wrapped: at most one except* clause
    // ran, so the list is [raised-or-None] or [raised, None].
    return Py_NewRef(PyList_GET_ITEM(excs, 0));
  }

  // Split into exceptions re-raised unchanged (same metadata as orig) and
  // newly raised ones.
  Ref raised = steal(PyList_New(0));
  if (!raised) return nullptr;
  Ref reraised = steal(PyList_New(0));
  if (!reraised) return nullptr;
  for (Py_ssize_t i = 0; i < numexcs; i++) {
    PyObject* e = PyList_GET_ITEM(excs, i);
    if (e == Py_None) continue;
    PyObject* target = is_same_exception_metadata(e, orig) ? reraised.get() : raised.get();
    if (PyList_Append(target, e) < 0) return nullptr;
  }

  Ref reraised_eg = exception_group_projection(orig, reraised.get());
  if (!reraised_eg) return nullptr;
  if (PyList_GET_SIZE(raised.get()) == 0) return reraised_eg.release();

  // New exceptions become siblings of the re-raised part in a new group.
  if (reraised_eg.get() != Py_None && PyList_Append(raised.get(), reraised_eg.get()) < 0) {
    return nullptr;
  }
  if (PyList_GET_SIZE(raised.get()) > 1) return create_exception_group("", raised.get()).release();
  return Py_NewRef(PyList_GET_ITEM(raised.get(), 0));
}

int do_raise(PyObject* exc, PyObject* cause) {
  Ref type;
  Ref value;
  if (PyExceptionClass_Check(exc)) {
    type = borrow(exc);
    value = steal(PyObject_CallNoArgs(exc));
    if (!value) return -1;
    if (!PyExceptionInstance_Check(value.get())) {
      PyErr_Format(PyExc_TypeError,
                   "calling %R should have returned an instance of BaseException, not %R",
                   type.get(), Py_TYPE(value.get()));
      return -1;
    }
  } else if (PyExceptionInstance_Check(exc)) {
    value = borrow(exc);
    type = borrow(PyExceptionInstance_Class(exc));
  } else {
    PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
    return -1;
  }

  if (cause != nullptr) {
    Ref fixed_cause;
    if (PyExceptionClass_Check(cause)) {
      // Like CPython, the instance is not checked: whatever the class
      // returns becomes __cause__.
      fixed_cause = steal(PyObject_CallNoArgs(cause));
      if (!fixed_cause) return -1;
    } else if (PyExceptionInstance_Check(cause)) {
      fixed_cause = borrow(cause);
    } else if (cause != Py_None) {
      PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
      return -1;
    }
    // Steals the reference; also sets __suppress_context__ (even for None).
    PyException_SetCause(value.get(), fixed_cause.release());
  }
  // Chains the handled exception as __context__ (CPython's _PyErr_SetObject).
  PyErr_SetObject(type.get(), value.get());
  return -1;
}

int do_reraise() {
  Ref value = steal(PyErr_GetHandledException());
  if (!value || value.get() == Py_None) {
    PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
    return -1;
  }
  Ref type = borrow(PyExceptionInstance_Class(value.get()));
  PyObject* tb = PyException_GetTraceback(value.get());   // new reference or nullptr
  PyErr_Restore(type.release(), value.release(), tb);
  return -1;
}

}  // namespace xp::vm
