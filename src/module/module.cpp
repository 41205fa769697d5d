#include "core/python.h"
static struct PyModuleDef xp_module = {PyModuleDef_HEAD_INIT, "xpython", "xpython", -1, nullptr};
PyMODINIT_FUNC PyInit_xpython(void) { return PyModule_Create(&xp_module); }
