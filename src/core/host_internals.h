// Functions the host's libpython exports without declaring them in its
// public headers (checked with nm against 3.11.7). Kept in one place so a
// host upgrade shows at a glance what to re-check.
#pragma once

#include "core/python.h"

extern "C" {
PyAPI_FUNC(int) _Py_CheckRecursiveCall(PyThreadState* tstate, const char* where);
}

extern "C" {
PyAPI_FUNC(void) _PyErr_ChainStackItem(_PyErr_StackItem* exc_info);
}
