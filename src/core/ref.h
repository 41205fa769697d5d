// RAII ownership of PyObject* references.
//
// Every strong reference the C++ code holds lives in a Ref (one owner per
// reference). Borrowed references stay plain PyObject*; when one must be kept,
// Ref::borrow() takes a new reference. Raw owned pointers only appear at the
// boundary to the C API (release() hands ownership over, steal() takes it).
#pragma once

#include "core/python.h"

#include <utility>

namespace xp {

class Ref {
 public:
  Ref() noexcept = default;
  Ref(std::nullptr_t) noexcept {}
  ~Ref() { Py_XDECREF(p_); }

  // Takes ownership of an owned (new) reference; nullptr allowed.
  static Ref steal(PyObject* p) noexcept { return Ref(p); }
  // Takes a new reference to a borrowed pointer; nullptr allowed.
  static Ref borrow(PyObject* p) noexcept {
    Py_XINCREF(p);
    return Ref(p);
  }

  Ref(const Ref& o) noexcept : p_(o.p_) { Py_XINCREF(p_); }
  Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
  Ref& operator=(const Ref& o) noexcept {
    Py_XINCREF(o.p_);
    PyObject* old = p_;
    p_ = o.p_;
    Py_XDECREF(old);
    return *this;
  }
  Ref& operator=(Ref&& o) noexcept {
    if (this != &o) {
      PyObject* old = p_;
      p_ = o.p_;
      o.p_ = nullptr;
      Py_XDECREF(old);
    }
    return *this;
  }

  PyObject* get() const noexcept { return p_; }
  // Hands the reference to the caller (e.g. to return it to the C API).
  [[nodiscard]] PyObject* release() noexcept {
    PyObject* p = p_;
    p_ = nullptr;
    return p;
  }
  // Returns a new reference for the caller, keeping ours.
  [[nodiscard]] PyObject* new_ref() const noexcept {
    Py_XINCREF(p_);
    return p_;
  }
  void reset(PyObject* owned = nullptr) noexcept {
    PyObject* old = p_;
    p_ = owned;
    Py_XDECREF(old);
  }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  PyObject* operator->() const noexcept { return p_; }

 private:
  explicit Ref(PyObject* p) noexcept : p_(p) {}
  PyObject* p_ = nullptr;
};

inline Ref steal(PyObject* p) noexcept { return Ref::steal(p); }
inline Ref borrow(PyObject* p) noexcept { return Ref::borrow(p); }

}  // namespace xp
