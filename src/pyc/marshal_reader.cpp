// Marshal objects of every version (code objects are in code_reader.cpp).
#include "pyc/marshal_reader.h"

#include "core/error.h"

#include <cstdio>
#include <cstring>

namespace xp::pyc {

std::string MarshalReader::type_name(uint8_t t) {
  char buf[16];
  if (t >= 0x20 && t < 0x7f)
    std::snprintf(buf, sizeof buf, "0x%02x '%c'", t, t);
  else
    std::snprintf(buf, sizeof buf, "0x%02x", t);
  return buf;
}

MarshalReader::MarshalReader(std::string_view data, size_t base, PyVersion version, std::string name,
                             const LoadOptions& opts)
    : data_(data), base_(base), version_(version), name_(std::move(name)), opts_(opts) {}

MarshalReader::~MarshalReader() = default;

void MarshalReader::fail(const std::string& msg, size_t at) const {
  throw LoadError(name_ + ": bad marshal data (Python " + version_.str() + "): " + msg, base_ + at);
}

void MarshalReader::fail_host(const std::string& what, size_t at) const {
  std::string detail = "unknown error";
  if (PyErr_Occurred()) {
    PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
    PyErr_Fetch(&type, &value, &tb);
    Ref t = steal(type), v = steal(value), b = steal(tb);
    detail = type ? std::string(reinterpret_cast<PyTypeObject*>(type)->tp_name) : "error";
    if (v) {
      Ref s = steal(PyObject_Str(v.get()));
      if (s) detail += ": " + utf8_of(s.get());
      PyErr_Clear();  // PyObject_Str itself may fail; never leave an error pending
    }
  }
  fail(what + " (" + detail + ")", at);
}

Ref MarshalReader::check(PyObject* created, const char* what, size_t at) const {
  Ref r = steal(created);
  if (!r) fail_host(std::string("cannot build ") + what, at);
  return r;
}

// ---- primitive reads --------------------------------------------------------

void MarshalReader::need(size_t n, const char* what) const {
  if (n > data_.size() - pos_)
    fail(std::string("truncated data: ") + what + " needs " + std::to_string(n) + " bytes, " +
             std::to_string(data_.size() - pos_) + " left",
         pos_);
}

uint8_t MarshalReader::byte(const char* what) {
  need(1, what);
  return static_cast<uint8_t>(data_[pos_++]);
}

int32_t MarshalReader::i32(const char* what) {
  need(4, what);
  const auto* p = reinterpret_cast<const uint8_t*>(data_.data() + pos_);
  pos_ += 4;
  return static_cast<int32_t>(static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
                              static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24);
}

int64_t MarshalReader::i64(const char* what) {
  need(8, what);
  const auto* p = reinterpret_cast<const uint8_t*>(data_.data() + pos_);
  pos_ += 8;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
  return static_cast<int64_t>(v);
}

std::string_view MarshalReader::bytes(size_t n, const char* what) {
  need(n, what);
  std::string_view s = data_.substr(pos_, n);
  pos_ += n;
  return s;
}

// A 32-bit length followed by that many items of at least `min_item_size`
// bytes each: rejected unless the rest of the input could hold them, so a
// forged length never drives an allocation.
size_t MarshalReader::length(const char* what, size_t min_item_size) {
  const size_t at = pos_;
  const int32_t n = i32(what);
  if (n < 0) fail(std::string(what) + " " + std::to_string(n) + " is negative", at);
  const size_t left = data_.size() - pos_;
  if (static_cast<uint64_t>(n) * min_item_size > left)
    fail(std::string(what) + " " + std::to_string(n) + " runs past the end of the data (" +
             std::to_string(left) + " bytes left)",
         at);
  return static_cast<size_t>(n);
}

// ---- which type codes each version's marshal knew ----------------------------

bool MarshalReader::type_known(uint8_t t) const {
  const bool py2 = version_.major == 2;
  const bool v34 = version_.at_least(3, 4);
  switch (t) {
    case '0': case 'N': case 'F': case 'T': case 'S': case '.':
    case 'i': case 'I': case 'l': case 'f': case 'x': case 's': case 'u':
    case '(': case '[': case '{': case 'c': case '<': case '>':
      return true;
    case 'g': case 'y':   // binary floats: marshal version 2 (2.5)
      return version_.at_least(2, 5);
    case 't':             // 2.x interned str; gone in 3.0-3.3; 3.4+ interned unicode
      return py2 || v34;
    case 'R':             // 2.x reference into the interned strings
      return py2;
    case 'r': case 'a': case 'A': case 'z': case 'Z': case ')':   // marshal 3/4 (3.4)
      return v34;
    case ':':             // slices: marshal 5 (3.14)
      return version_.at_least(3, 14);
    default:
      return false;
  }
}

// ---- objects -------------------------------------------------------------------

Ref MarshalReader::read_value() {
  return read_object(false).obj;
}

// The recursive path (read_object -> read_object_body -> read_sequence /
// read_code -> read_object) keeps its frames small: message building and the
// scalar cases live in separate, never-inlined functions, so that 2000
// levels fit the stack even in an unoptimised ASan build.
MarshalReader::Value MarshalReader::read_object(bool allow_code) {
  const size_t at = pos_;
  const uint8_t code = byte("type code");
  DepthGuard guard(depth_);
  if (depth_ > kMaxDepth) fail_depth(at);
  const bool flagged = code & kFlagRef;
  const uint8_t type = code & ~kFlagRef;
  if (flagged && version_.before(3, 4)) fail_flag(code, at);
  if (!type_known(type)) fail_unknown(type, at);
  return read_object_body(type, flagged, at, allow_code);
}

void MarshalReader::fail_depth(size_t at) const {
  fail("objects nested more than " + std::to_string(kMaxDepth) + " deep", at);
}
void MarshalReader::fail_flag(uint8_t code, size_t at) const {
  fail("type code " + type_name(code) + " has FLAG_REF, which marshal only has since 3.4", at);
}
void MarshalReader::fail_unknown(uint8_t type, size_t at) const {
  fail("type code " + type_name(type) + " is not a marshal type of Python " + version_.str(), at);
}
void MarshalReader::fail_plain(const char* msg, size_t at) const { fail(msg, at); }

MarshalReader::Value MarshalReader::read_object_body(uint8_t type, bool flagged, size_t at, bool allow_code) {
  // Singletons and back-references never take a slot (CPython ignores the flag).
  switch (type) {
    case '0': fail_plain("NULL object where a value is expected", at);
    case 'N': return {borrow(Py_None), nullptr};
    case 'F': return {borrow(Py_False), nullptr};
    case 'T': return {borrow(Py_True), nullptr};
    case '.': return {borrow(Py_Ellipsis), nullptr};
    case 'S': return {borrow(PyExc_StopIteration), nullptr};
    case 'r': return read_ref(at);
    case 'R': return {read_stringref(at), nullptr};
    default: break;
  }

  // Everything else may be referenced later: its slot is taken before its
  // children are read (CPython's order), and filled once it is complete.
  size_t slot = SIZE_MAX;
  if (flagged) {
    slot = refs_.size();
    refs_.emplace_back();
  }
  Value v;
  switch (type) {
    case '(':
    case '[':
    case '<':
    case '>':
      v.obj = read_sequence(type, length("length", 1), at);
      break;
    case ')':
      v.obj = read_sequence(type, byte("small tuple length"), at);
      break;
    case '{':
      v.obj = read_dict(at);
      break;
    case ':':
      v.obj = read_slice(at);
      break;
    case 'c':
      if (!allow_code) fail_plain("code object outside a code object's co_consts", at);
      v.code = read_code(at);
      break;
    default:
      v.obj = read_scalar(type, at);
      break;
  }
  if (flagged) {
    Slot& s = refs_[slot];
    if (v.code) {
      s.state = Slot::Unusable;  // see read_ref
    } else {
      s.state = Slot::Filled;
      s.obj = v.obj;
    }
  }
  return v;
}

Ref MarshalReader::read_stringref(size_t at) {
  const int32_t i = i32("string reference");
  if (i < 0 || static_cast<size_t>(i) >= interned_.size())
    fail("string reference " + std::to_string(i) + " out of range (" + std::to_string(interned_.size()) +
             " interned strings so far)", at);
  return interned_[static_cast<size_t>(i)];
}

// Objects without children.
Ref MarshalReader::read_scalar(uint8_t type, size_t at) {
  switch (type) {
    case 'i':
      return check(PyLong_FromLong(i32("int")), "int", at);
    case 'I':
      return check(PyLong_FromLongLong(i64("int64")), "int", at);
    case 'l':
      return read_long(at);
    case 'f':
      return check(PyFloat_FromDouble(read_text_float(at)), "float", at);
    case 'g':
      return check(PyFloat_FromDouble(read_binary_float(at)), "float", at);
    case 'x': {
      Py_complex c;
      c.real = read_text_float(at);
      c.imag = read_text_float(at);
      return check(PyComplex_FromCComplex(c), "complex", at);
    }
    case 'y': {
      Py_complex c;
      c.real = read_binary_float(at);
      c.imag = read_binary_float(at);
      return check(PyComplex_FromCComplex(c), "complex", at);
    }
    case 's':
    case 't':
      if (version_.major == 2) return read_py2_string(type, at);
      if (type == 's') {
        const size_t n = length("bytes length", 1);
        std::string_view s = bytes(n, "bytes");
        return check(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(n)), "bytes", at);
      } else {
        const size_t n = length("str length", 1);
        std::string_view s = bytes(n, "str");
        Ref v = check(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(n), "surrogatepass"), "str", at);
        PyObject* p = v.release();
        PyUnicode_InternInPlace(&p);
        return steal(p);
      }
    case 'u': {
      const size_t n = length("unicode length", 1);
      std::string_view s = bytes(n, "unicode");
      return check(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(n), "surrogatepass"), "str", at);
    }
    case 'a':
    case 'A':
    case 'z':
    case 'Z': {
      const size_t n = (type == 'z' || type == 'Z') ? byte("short str length") : length("str length", 1);
      std::string_view s = bytes(n, "ASCII str");
      // CPython builds these from 1-byte data without checking for ASCII
      // (so bytes >= 0x80 read as Latin-1); so do we.
      Ref v = check(PyUnicode_DecodeLatin1(s.data(), static_cast<Py_ssize_t>(n), nullptr), "str", at);
      if (type == 'A' || type == 'Z') {
        PyObject* p = v.release();
        PyUnicode_InternInPlace(&p);
        v = steal(p);
      }
      return v;
    }
    default:
      fail_unknown(type, at);
  }
}

MarshalReader::Value MarshalReader::read_ref(size_t at) {
  const int32_t i = i32("reference index");
  if (i < 0 || static_cast<size_t>(i) >= refs_.size())
    fail("reference index " + std::to_string(i) + " out of range (" + std::to_string(refs_.size()) +
             " objects so far)", at);
  const Slot& s = refs_[static_cast<size_t>(i)];
  if (s.state == Slot::Reserved)
    fail("reference " + std::to_string(i) + " to an object that is still being read (a cycle)", at);
  // CPython never writes a second reference to a code object; allowing it
  // would let a small file make a code tree exponentially large.
  if (s.state == Slot::Unusable)
    fail("reference " + std::to_string(i) + " to a code object (or to a co_consts tuple holding one)", at);
  return {s.obj, nullptr};
}

// 2.x 's' / 't': byte strings. As host str (UTF-8 with surrogateescape, so
// no byte is lost) or as host bytes, per Py2StrMode.
Ref MarshalReader::read_py2_string(uint8_t type, size_t at) {
  const size_t n = length("string length", 1);
  std::string_view s = bytes(n, "string");
  Ref r;
  if (opts_.py2_str == Py2StrMode::Bytes) {
    r = check(PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(n)), "str", at);
  } else {
    r = check(PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(n), "surrogateescape"), "str", at);
    if (type == 't') {
      PyObject* p = r.release();
      PyUnicode_InternInPlace(&p);
      r = steal(p);
    }
  }
  if (type == 't') interned_.push_back(r);
  return r;
}

// 'l': a signed count of 15-bit digits, least significant first.
Ref MarshalReader::read_long(size_t at) {
  const int32_t n = i32("long size");
  if (n == 0) return check(PyLong_FromLong(0), "int", at);
  const uint64_t ndigits = n < 0 ? static_cast<uint64_t>(-static_cast<int64_t>(n)) : static_cast<uint64_t>(n);
  if (ndigits * 2 > data_.size() - pos_)
    fail("long of " + std::to_string(ndigits) + " digits runs past the end of the data", at);
  // Pack the 15-bit digits into little-endian bytes for _PyLong_FromByteArray.
  std::string packed((ndigits * 15 + 7) / 8 + 1, '\0');
  uint64_t bitpos = 0;
  uint16_t last = 0;
  for (uint64_t i = 0; i < ndigits; ++i) {
    const size_t dat = pos_;
    need(2, "long digit");
    const uint16_t d = static_cast<uint16_t>(static_cast<uint8_t>(data_[pos_]) |
                                             static_cast<uint8_t>(data_[pos_ + 1]) << 8);
    pos_ += 2;
    if (d > 0x7fff) fail("long digit " + std::to_string(d) + " out of range (15-bit digits)", dat);
    for (int b = 0; b < 15; ++b, ++bitpos)
      if (d >> b & 1) packed[bitpos / 8] = static_cast<char>(packed[bitpos / 8] | (1 << (bitpos % 8)));
    last = d;
  }
  if (last == 0) fail("unnormalized long data (most significant digit is 0)", at);
  Ref v = check(_PyLong_FromByteArray(reinterpret_cast<const unsigned char*>(packed.data()), packed.size(),
                                      /*little_endian=*/1, /*is_signed=*/0),
                "int", at);
  if (n < 0) v = check(PyNumber_Negative(v.get()), "int", at);
  return v;
}

double MarshalReader::read_text_float(size_t at) {
  const uint8_t n = byte("float text length");
  std::string text(bytes(n, "float text"));
  // Without an end pointer CPython's parser rejects trailing junk itself.
  const double d = PyOS_string_to_double(text.c_str(), nullptr, nullptr);
  if (d == -1.0 && PyErr_Occurred()) fail_host("bad float text '" + text + "'", at);
  return d;
}

double MarshalReader::read_binary_float(size_t at) {
  std::string_view s = bytes(8, "binary float");
  const double d = PyFloat_Unpack8(s.data(), /*le=*/1);
  if (d == -1.0 && PyErr_Occurred()) fail_host("bad binary float", at);
  return d;
}

// '(' ')' '[' '<' '>' with n items already read.
Ref MarshalReader::read_sequence(uint8_t type, size_t n, size_t at) {
  if (n > data_.size() - pos_) fail_length(n, at);
  const bool list = type == '[';
  Ref seq = check(list ? PyList_New(static_cast<Py_ssize_t>(n)) : PyTuple_New(static_cast<Py_ssize_t>(n)),
                  list ? "list" : "tuple", at);
  for (size_t i = 0; i < n; ++i) {
    Ref item = read_object(false).obj;
    if (list)
      PyList_SET_ITEM(seq.get(), static_cast<Py_ssize_t>(i), item.release());
    else
      PyTuple_SET_ITEM(seq.get(), static_cast<Py_ssize_t>(i), item.release());
  }
  if (type == '<') return check(PySet_New(seq.get()), "set", at);
  if (type == '>') return check(PyFrozenSet_New(seq.get()), "frozenset", at);
  return seq;
}

void MarshalReader::fail_length(size_t n, size_t at) const {
  fail("length " + std::to_string(n) + " runs past the end of the data", at);
}

// '{': key/value pairs up to a NULL ('0') key.
Ref MarshalReader::read_dict(size_t at) {
  Ref d = check(PyDict_New(), "dict", at);
  for (;;) {
    need(1, "dict key");
    if ((static_cast<uint8_t>(data_[pos_]) & ~kFlagRef) == '0') {
      ++pos_;
      return d;
    }
    const size_t kat = pos_;
    Ref key = read_object(false).obj;
    Ref val = read_object(false).obj;
    if (PyDict_SetItem(d.get(), key.get(), val.get()) < 0) fail_host("bad dict key", kat);
  }
}

// ':' (3.14+): start, stop, step.
Ref MarshalReader::read_slice(size_t at) {
  Ref start = read_object(false).obj;
  Ref stop = read_object(false).obj;
  Ref step = read_object(false).obj;
  return check(PySlice_New(start.get(), stop.get(), step.get()), "slice", at);
}

}  // namespace xp::pyc
