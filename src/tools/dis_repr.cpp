#include "tools/dis_repr.h"

#include "core/ref.h"
#include "tools/str_cat.h"

#include <cmath>
#include <cstdio>

namespace xp::tools {

namespace {

std::string host_repr(PyObject* obj) {
  Ref r = Ref::steal(PyObject_Repr(obj));
  if (!r) {
    PyErr_Clear();
    return std::string("<") + Py_TYPE(obj)->tp_name + " object (repr failed)>";
  }
  return utf8_of(r.get());
}

// Floats before the short repr (2.4-2.6, 3.0): "%.17g", with ".0" added
// when the result would read as an integer.
std::string old_float(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  std::string s = buf;
  if (s.find_first_not_of("-0123456789") == std::string::npos) s += ".0";
  return s;
}

std::string old_complex(Py_complex c) {
  auto part = [](double d) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", d);
    return std::string(buf);
  };
  if (c.real == 0.0 && !std::signbit(c.real)) return part(c.imag) + "j";
  std::string s = "(";
  s += part(c.real);
  std::string im = part(c.imag);
  if (im[0] != '-' && im[0] != '+') s += '+';
  s += im;
  s += "j)";
  return s;
}

struct Style {
  bool py2;        // 2.x reprs
  bool old_float;  // 17-digit floats
};

std::string repr_of(PyObject* o, Style st);

std::string join_items(PyObject* seq_or_set, Style st) {
  std::string s;
  Ref it = Ref::steal(PyObject_GetIter(seq_or_set));
  if (!it) {
    PyErr_Clear();
    return "?";
  }
  bool first = true;
  while (Ref item = Ref::steal(PyIter_Next(it.get()))) {
    if (!first) s += ", ";
    first = false;
    s += repr_of(item.get(), st);
  }
  PyErr_Clear();
  return s;
}

std::string repr_of(PyObject* o, Style st) {
  if (PyTuple_CheckExact(o)) {
    std::string s = "(";
    s += join_items(o, st);
    if (PyTuple_GET_SIZE(o) == 1) s += ",";
    return s + ")";
  }
  if (PyFrozenSet_CheckExact(o)) {
    if (!st.py2 && PySet_GET_SIZE(o) == 0) return "frozenset()";
    std::string s = st.py2 ? "frozenset([" : "frozenset({";
    s += join_items(o, st);
    return s + (st.py2 ? "])" : "})");
  }
  if (PyFloat_CheckExact(o) && st.old_float) return old_float(PyFloat_AS_DOUBLE(o));
  if (PyComplex_CheckExact(o) && st.old_float) return old_complex(PyComplex_AsCComplex(o));
  if (st.py2) {
    if (PyBytes_CheckExact(o)) return host_repr(o).substr(1);   // b'..' -> '..'
    if (PyUnicode_CheckExact(o)) {
      Ref a = Ref::steal(PyObject_ASCII(o));
      if (!a) {
        PyErr_Clear();
        return "u'?'";
      }
      std::string s = "u";
      return s + utf8_of(a.get());
    }
    if (PyLong_CheckExact(o)) {
      int overflow = 0;
      (void)PyLong_AsLongLongAndOverflow(o, &overflow);
      return host_repr(o) + (overflow ? "L" : "");
    }
  }
  return host_repr(o);
}

}  // namespace

std::string const_repr(PyObject* obj, PyVersion v) {
  if (obj == nullptr) return "<NULL>";
  Style st{v.major == 2, v.before(2, 7) || (v.major == 3 && v.minor == 0)};
  if (!st.py2 && !st.old_float) return host_repr(obj);
  return repr_of(obj, st);
}

std::string code_repr(const Code& code) {
  char addr[32];
  std::snprintf(addr, sizeof addr, "%p", static_cast<const void*>(&code));
  const std::string file = code.filename && PyUnicode_Check(code.filename.get())
                               ? cat("\"", code.filename_utf8(), "\"")
                               : std::string("???");
  return cat("<code object ", code.name_utf8(), " at ", addr, ", file ", file, ", line ",
             std::to_string(code.firstlineno), ">");
}

}  // namespace xp::tools
