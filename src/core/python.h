// The one place that includes the host CPython's public headers.
#pragma once

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>

#if PY_VERSION_HEX < 0x030B0000 || PY_VERSION_HEX >= 0x030C0000
#error "xpython embeds CPython 3.11 (the host); see README.md"
#endif
