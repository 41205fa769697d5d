#include "core/python.h"
#include <cstdio>
int main() { Py_Initialize(); std::puts(Py_GetVersion()); return Py_FinalizeEx() < 0 ? 120 : 0; }
