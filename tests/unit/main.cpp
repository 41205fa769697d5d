// GoogleTest main: the unit tests need an initialised host interpreter
// (constants become host objects).
#include "core/python.h"

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  Py_InitializeEx(0);
  int rc = RUN_ALL_TESTS();
  if (Py_FinalizeEx() < 0) rc = rc ? rc : 1;
  return rc;
}
