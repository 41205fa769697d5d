#include "runtime/traceback.h"

#include "runtime/host_frame.h"

namespace xp::rt {

PyObject* host_frame_for(vm::ThreadCtx& t, vm::Frame* f, uint32_t index) {
  if (f->host_frame == nullptr) {
    f->host_frame = new_host_frame(t.tstate, f->code, f->globals, f->locals);
    if (f->host_frame == nullptr) return nullptr;
  }
  set_host_frame_offset(f->host_frame, f->ec->prog->info[index].offset);
  return f->host_frame;
}

int add_traceback_entry(vm::ThreadCtx& t, vm::Frame* f, uint32_t index) {
  // Making the frame object may fail; keep the exception being raised.
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyObject* frame = host_frame_for(t, f, index);
  if (frame == nullptr) {
    PyErr_Clear();
    PyErr_Restore(type, value, tb);
    return -1;
  }
  PyErr_Restore(type, value, tb);
  return PyTraceBack_Here(reinterpret_cast<PyFrameObject*>(frame));
}

}  // namespace xp::rt
