// frame.clear() for frames of VM generators, coroutines and async generators.
//
// CPython's frame_clear finalises the generator of a generator-owned frame
// (FRAME_OWNED_BY_GENERATOR) and refuses thread-owned frames as executing.
// Our generator frames are VM frames (owner: thread, as the host sees them),
// so the host's method would always say "cannot clear an executing frame".
// The replacement handles exactly those frames and hands every other frame
// to the host's own method.
#include "runtime/frame_clear.h"

#include "core/python.h"
#include "runtime/generator.h"
#include "runtime/host_frame.h"
#include "vm/exec_code.h"
#include "vm/frame.h"

namespace xp::rt {

namespace {

PyCFunction g_host_clear = nullptr;   // the host's frame_clear

constexpr int kGeneratorFlags = CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR;

// The owning generator if `frame_obj` shows a VM generator frame. The host
// never runs generator code in a thread-owned frame past RETURN_GENERATOR
// (its generator frames are generator-owned), so a thread-owned frame of
// generator code with our ExecCode is a vm::Frame.
PyObject* vm_generator_of(PyObject* frame_obj) {
  vm::HostFrame* h = frame_object_data(frame_obj);
  if (h->owner != 0 /* FRAME_OWNED_BY_THREAD */ || (h->f_code->co_flags & kGeneratorFlags) == 0) return nullptr;
  if (vm::exec_code_of(reinterpret_cast<PyObject*>(h->f_code)) == nullptr) return nullptr;
  vm::Frame* f = vm::Frame::from_host(h);
  return f->owner == vm::FrameOwner::Generator ? f->gen : nullptr;
}

PyObject* frame_clear(PyObject* self, PyObject* unused) {
  if (PyObject* gen = vm_generator_of(self)) {
    if (clear_generator_frame(gen) < 0) return nullptr;
    Py_RETURN_NONE;
  }
  return g_host_clear(self, unused);
}

PyMethodDef clear_def = {"clear", frame_clear, METH_NOARGS, "F.clear(): clear most references held by the frame"};

}  // namespace

void install_frame_clear() {
  PyObject* dict = PyFrame_Type.tp_dict;
  PyObject* host = PyDict_GetItemString(dict, "clear");   // borrowed
  if (host == nullptr || !PyObject_TypeCheck(host, &PyMethodDescr_Type)) return;  // host changed: keep its method
  const PyMethodDef* def = reinterpret_cast<PyMethodDescrObject*>(host)->d_method;
  if (def->ml_meth == frame_clear || (def->ml_flags & METH_NOARGS) == 0) return;
  g_host_clear = def->ml_meth;
  clear_def.ml_doc = def->ml_doc;
  Ref mine = steal(PyDescr_NewMethod(&PyFrame_Type, &clear_def));
  if (!mine || PyDict_SetItemString(dict, "clear", mine.get()) < 0) return;
  PyType_Modified(&PyFrame_Type);
}

}  // namespace xp::rt
