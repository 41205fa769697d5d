#include "runtime/traceback.h"

#include "runtime/host_frame.h"

namespace xp::rt {

int add_traceback_entry(vm::Frame* f) {
  // Making the frame object may fail; keep the exception being raised.
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  PyObject* frame = host_frame_object(f->host);
  if (frame == nullptr) PyErr_Clear();
  PyErr_Restore(type, value, tb);
  if (frame == nullptr) return -1;
  return PyTraceBack_Here(reinterpret_cast<PyFrameObject*>(frame));
}

}  // namespace xp::rt
