#include "pyc/code.h"

namespace xp {

std::string utf8_of(PyObject* obj) {
  if (obj == nullptr) return "<null>";
  if (PyUnicode_Check(obj)) {
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(obj, &n);
    if (s != nullptr) return std::string(s, static_cast<size_t>(n));
    PyErr_Clear();
    // Lone surrogates (2.x bytes decoded with surrogateescape): escape them.
    Ref b = steal(PyUnicode_AsEncodedString(obj, "utf-8", "backslashreplace"));
    if (b) return std::string(PyBytes_AS_STRING(b.get()), static_cast<size_t>(PyBytes_GET_SIZE(b.get())));
    PyErr_Clear();
    return "<unprintable str>";
  }
  Ref r = steal(PyObject_Repr(obj));
  if (!r) {
    PyErr_Clear();
    return "<unprintable>";
  }
  return utf8_of(r.get());
}

std::string Code::name_utf8() const { return utf8_of(name.get()); }
std::string Code::qualname_utf8() const { return utf8_of(qualname ? qualname.get() : name.get()); }
std::string Code::filename_utf8() const { return utf8_of(filename.get()); }

}  // namespace xp
