// repr() of constants as the Python that wrote the .pyc would print them.
//
// Constants are host (3.11) objects; 3.1+ reprs are the host's. 2.x differs:
// its str is loaded as host bytes (Py2StrMode::Bytes) and prints without the
// b prefix, unicode prints as u'...' with non-ASCII escaped, ints beyond 64
// bits are longs ("...L"), frozensets print as frozenset([...]). 2.4-2.6 and
// 3.0 print floats with 17 significant digits. A 2.x long that fits in 64
// bits cannot be told from an int after loading and prints without the L.
#pragma once

#include "core/python.h"
#include "core/version.h"
#include "pyc/code.h"

#include <string>

namespace xp::tools {

std::string const_repr(PyObject* obj, PyVersion v);
// dis's repr of a code object: <code object NAME at 0xADDR, file "FILE", line N>.
std::string code_repr(const Code& code);

}  // namespace xp::tools
