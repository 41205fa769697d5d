// This file alone compiles against CPython 3.11's internal headers: making a
// frame object for an interpreter frame and handing the frame's data over to
// it when the frame ends have no public API (CPython's own
// _PyFrame_MakeAndSetFrameObject and take_ownership are not exported).
#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_frame.h>
#undef Py_BUILD_CORE

#include "runtime/host_frame.h"

#include <cstring>

namespace xp::rt {

using vm::HostFrame;

// vm::HostFrame mirrors _PyInterpreterFrame: the VM writes it directly.
static_assert(sizeof(HostFrame) == offsetof(_PyInterpreterFrame, localsplus), "HostFrame size");
static_assert(offsetof(HostFrame, f_func) == offsetof(_PyInterpreterFrame, f_func));
static_assert(offsetof(HostFrame, f_globals) == offsetof(_PyInterpreterFrame, f_globals));
static_assert(offsetof(HostFrame, f_builtins) == offsetof(_PyInterpreterFrame, f_builtins));
static_assert(offsetof(HostFrame, f_locals) == offsetof(_PyInterpreterFrame, f_locals));
static_assert(offsetof(HostFrame, f_code) == offsetof(_PyInterpreterFrame, f_code));
static_assert(offsetof(HostFrame, frame_obj) == offsetof(_PyInterpreterFrame, frame_obj));
static_assert(offsetof(HostFrame, previous) == offsetof(_PyInterpreterFrame, previous));
static_assert(offsetof(HostFrame, prev_instr) == offsetof(_PyInterpreterFrame, prev_instr));
static_assert(offsetof(HostFrame, stacktop) == offsetof(_PyInterpreterFrame, stacktop));
static_assert(offsetof(HostFrame, is_entry) == offsetof(_PyInterpreterFrame, is_entry));
static_assert(offsetof(HostFrame, owner) == offsetof(_PyInterpreterFrame, owner));
static_assert(offsetof(HostFrame, localsplus) == offsetof(_PyInterpreterFrame, localsplus));

namespace {

_PyInterpreterFrame* real(HostFrame* f) { return reinterpret_cast<_PyInterpreterFrame*>(f); }

}  // namespace

PyObject* host_frame_object(HostFrame* hf) {
  _PyInterpreterFrame* frame = real(hf);
  if (frame->frame_obj != nullptr) return reinterpret_cast<PyObject*>(frame->frame_obj);
  PyObject *et, *ev, *etb;
  PyErr_Fetch(&et, &ev, &etb);
  // PyFrame_New allocates a frame object with room for this code's frame
  // (used if it ever takes the data over) and fills that room with its own
  // specials, which we release before pointing it at the live frame.
  PyFrameObject* f = PyFrame_New(PyThreadState_Get(), frame->f_code, frame->f_globals, nullptr);
  if (f == nullptr) {
    Py_XDECREF(et);
    Py_XDECREF(ev);
    Py_XDECREF(etb);
    return nullptr;
  }
  PyErr_Restore(et, ev, etb);
  auto* own = reinterpret_cast<_PyInterpreterFrame*>(f->_f_frame_data);
  for (int i = 0; i < own->stacktop; ++i) Py_CLEAR(own->localsplus[i]);
  own->stacktop = 0;
  Py_CLEAR(own->f_func);
  Py_CLEAR(own->f_locals);
  PyCodeObject* own_code = own->f_code;
  own->f_code = nullptr;
  Py_XDECREF(own_code);
  if (frame->frame_obj != nullptr) {
    // A collection triggered by the allocation made one already (GH-97002).
    Py_DECREF(f);
    return reinterpret_cast<PyObject*>(frame->frame_obj);
  }
  f->f_frame = frame;
  frame->frame_obj = f;
  return reinterpret_cast<PyObject*>(f);
}

bool release_host_frame_object(HostFrame* hf) {
  _PyInterpreterFrame* frame = real(hf);
  PyFrameObject* f = frame->frame_obj;
  if (f == nullptr) return false;
  frame->frame_obj = nullptr;
  if (Py_REFCNT(f) == 1) {
    Py_DECREF(f);  // it points at our (thread-owned) data: dealloc leaves it alone
    return false;
  }
  // CPython's take_ownership: the frame object keeps the frame alive.
  const size_t size = reinterpret_cast<char*>(&frame->localsplus[frame->stacktop]) - reinterpret_cast<char*>(frame);
  std::memcpy(static_cast<void*>(f->_f_frame_data), static_cast<const void*>(frame), size);
  _PyInterpreterFrame* copy = reinterpret_cast<_PyInterpreterFrame*>(f->_f_frame_data);
  f->f_frame = copy;
  copy->owner = FRAME_OWNED_BY_FRAME_OBJECT;
  if (_PyFrame_IsIncomplete(copy)) copy->prev_instr = _PyCode_CODE(copy->f_code) + copy->f_code->_co_firsttraceable;
  // f_back now goes through frame objects, not the (dying) frame chain.
  _PyInterpreterFrame* prev = copy->previous;
  while (prev != nullptr && _PyFrame_IsIncomplete(prev)) prev = prev->previous;
  if (prev != nullptr && f->f_back == nullptr) {
    PyObject* back = host_frame_object(reinterpret_cast<HostFrame*>(prev));
    if (back == nullptr)
      PyErr_Clear();  // as CPython: a memory error here only loses f_back
    else
      f->f_back = reinterpret_cast<PyFrameObject*>(Py_NewRef(back));
  }
  copy->previous = nullptr;
  if (!PyObject_GC_IsTracked(reinterpret_cast<PyObject*>(f))) PyObject_GC_Track(f);
  Py_DECREF(f);
  return true;
}

HostFrame* frame_object_data(PyObject* frame_obj) {
  return reinterpret_cast<HostFrame*>(reinterpret_cast<PyFrameObject*>(frame_obj)->f_frame);
}

void host_frame_moved(HostFrame* hf) {
  _PyInterpreterFrame* frame = real(hf);
  if (frame->frame_obj != nullptr) frame->frame_obj->f_frame = frame;
}

}  // namespace xp::rt
