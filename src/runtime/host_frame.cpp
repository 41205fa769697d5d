// This file alone compiles against CPython 3.11's internal headers: a host
// frame object's instruction pointer has no public setter.
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_frame.h>
#undef Py_BUILD_CORE

#include "runtime/host_frame.h"

namespace xp::rt {

PyObject* new_host_frame(PyThreadState* tstate, PyObject* code, PyObject* globals, PyObject* locals) {
  return reinterpret_cast<PyObject*>(
      PyFrame_New(tstate, reinterpret_cast<PyCodeObject*>(code), globals, locals));
}

void set_host_frame_offset(PyObject* frame, uint32_t offset) {
  auto* f = reinterpret_cast<PyFrameObject*>(frame);
  _PyInterpreterFrame* iframe = f->f_frame;
  iframe->prev_instr = _PyCode_CODE(iframe->f_code) + offset / sizeof(_Py_CODEUNIT);
  f->f_lineno = 0;  // derive the line from prev_instr
}

}  // namespace xp::rt
