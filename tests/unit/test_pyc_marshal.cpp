// Marshal units: every type code, hand-built, per version; and the errors
// for data a version's marshal never produced.
#include "core/error.h"
#include "pyc/marshal_reader.h"
#include "pyc_test_util.h"

#include <gtest/gtest.h>

using xp::PyVersion;
using xp::Ref;
using xp::steal;
using xp::pyc::LoadOptions;
using xp::pyc::MarshalReader;

namespace {

const PyVersion v27(2, 7), v33(3, 3), v34(3, 4), v311(3, 11), v313(3, 13), v314(3, 14);

// Builds marshal bytes.
struct M {
  std::string s;
  M& b(int c) {
    s += static_cast<char>(c);
    return *this;
  }
  M& i32(int64_t v) {
    for (int i = 0; i < 4; ++i) s += static_cast<char>(static_cast<uint64_t>(v) >> (8 * i) & 0xff);
    return *this;
  }
  M& i64(int64_t v) {
    for (int i = 0; i < 8; ++i) s += static_cast<char>(static_cast<uint64_t>(v) >> (8 * i) & 0xff);
    return *this;
  }
  M& raw(const std::string& r) {
    s += r;
    return *this;
  }
  M& str(int type, const std::string& payload) {  // type, int32 length, payload
    return b(type).i32(static_cast<int64_t>(payload.size())).raw(payload);
  }
  M& sstr(int type, const std::string& payload) {  // type, 1-byte length, payload
    return b(type).b(static_cast<int>(payload.size())).raw(payload);
  }
};

Ref read(PyVersion v, const std::string& data, LoadOptions opts = {}) {
  MarshalReader r(data, 0, v, "t", opts);
  Ref out = r.read_value();
  EXPECT_FALSE(PyErr_Occurred());
  return out;
}

Ref eval(const char* expr) {
  Ref g = steal(PyDict_New());
  PyDict_SetItemString(g.get(), "__builtins__", PyEval_GetBuiltins());
  Ref r = steal(PyRun_String(expr, Py_eval_input, g.get(), g.get()));
  EXPECT_TRUE(r) << xp::testing::take_python_error();
  return r;
}

// Same type and value (floats by repr, so -0.0 and nan count).
void expect_value(const Ref& got, const char* expr) {
  Ref want = eval(expr);
  ASSERT_TRUE(got) << expr;
  EXPECT_EQ(Py_TYPE(got.get()), Py_TYPE(want.get())) << expr << " got " << xp::utf8_of(got.get());
  Ref a = steal(PyObject_Repr(got.get())), b = steal(PyObject_Repr(want.get()));
  EXPECT_EQ(xp::utf8_of(a.get()), xp::utf8_of(b.get())) << expr;
}

void expect_load_error(PyVersion v, const std::string& data, const std::string& needle, LoadOptions opts = {}) {
  try {
    MarshalReader r(data, 100, v, "t", opts);
    (void)r.read_value();
    ADD_FAILURE() << "no error, expected: " << needle;
  } catch (const xp::LoadError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    EXPECT_GE(e.offset(), 100u);  // offsets count from the start of the file
  }
  EXPECT_FALSE(PyErr_Occurred());
}

TEST(PycMarshal, Singletons) {
  expect_value(read(v311, "N"), "None");
  expect_value(read(v311, "T"), "True");
  expect_value(read(v27, "F"), "False");
  expect_value(read(v27, "."), "...");
  expect_value(read(v311, "S"), "StopIteration");
}

TEST(PycMarshal, Ints) {
  expect_value(read(v311, M().b('i').i32(-5).s), "-5");
  expect_value(read(v27, M().b('I').i64(-(int64_t{1} << 40)).s), "-(1 << 40)");
  expect_value(read(v311, M().b('l').i32(0).s), "0");
  // 2**45 + 3 = digits [3, 0, 1] of 15 bits.
  expect_value(read(v311, M().b('l').i32(3).raw(std::string("\x03\x00\x00\x00\x01\x00", 6)).s), "2**30 + 3");
  expect_value(read(v27, M().b('l').i32(-2).raw(std::string("\xff\x7f\x01\x00", 4)).s), "-(2**15 + 32767)");
  expect_load_error(v311, M().b('l').i32(1).raw(std::string("\x00\x80", 2)).s, "digit");
  expect_load_error(v311, M().b('l').i32(2).raw(std::string("\x01\x00\x00\x00", 4)).s, "unnormalized");
  expect_load_error(v311, M().b('l').i32(-2147483647 - 1).s, "runs past the end");
  // Agrees with the host's marshal for big values.
  Ref marshal = steal(PyImport_ImportModule("marshal"));
  for (const char* e : {"2**200", "-(3**150)", "2**62", "-2**63", "12345678901234567890"}) {
    Ref d = steal(PyObject_CallMethod(marshal.get(), "dumps", "O", eval(e).get()));
    expect_value(read(v311, std::string(PyBytes_AS_STRING(d.get()), static_cast<size_t>(PyBytes_GET_SIZE(d.get())))), e);
  }
}

TEST(PycMarshal, Floats) {
  expect_value(read(v27, M().sstr('f', "1.5").s), "1.5");
  expect_value(read(v311, M().sstr('f', "-inf").s), "float('-inf')");
  expect_value(read(v27, M().b('g').raw(std::string("\x00\x00\x00\x00\x00\x00\xf8\x3f", 8)).s), "1.5");
  expect_value(read(v27, M().b('x').b(1).raw("1").b(4).raw("-2.5").s), "complex(1, -2.5)");
  expect_value(read(v311, M().b('y').raw(std::string("\x00\x00\x00\x00\x00\x00\xf0\x3f", 8)).raw(std::string(8, '\0')).s),
               "complex(1, 0)");
  expect_load_error(v27, M().sstr('f', "1.5x").s, "bad float text");
  expect_load_error(v27, M().sstr('f', "").s, "bad float text");
  expect_load_error(v311, M().b('g').raw("abc").s, "truncated");
  // Binary floats came with marshal version 2 (2.5).
  expect_load_error(PyVersion(2, 4), M().b('g').raw(std::string(8, '\0')).s, "not a marshal type of Python 2.4");
}

TEST(PycMarshal, Py2Strings) {
  const std::string raw("caf\xc3\xa9\xff", 6);
  // Default: str, UTF-8 with surrogateescape (lossless).
  expect_value(read(v27, M().str('s', raw).s), "'caf\\xe9\\udcff'");
  LoadOptions bytes;
  bytes.py2_str = xp::pyc::Py2StrMode::Bytes;
  expect_value(read(v27, M().str('s', raw).s, bytes), "b'caf\\xc3\\xa9\\xff'");
  expect_value(read(v27, M().str('u', "caf\xc3\xa9").s, bytes), "'caf\\xe9'");
  // 't' interns, 'R' refers back to the n-th interned string.
  Ref t = read(v27, M().b('(').i32(3).str('t', "a").str('t', "bc").b('R').i32(1).s);
  expect_value(t, "('a', 'bc', 'bc')");
  expect_load_error(v27, M().b('(').i32(2).str('t', "a").b('R').i32(1).s, "string reference 1 out of range");
  expect_load_error(v27, M().b('R').i32(-1).s, "out of range");
  expect_load_error(v27, M().str('s', "abc").s.substr(0, 6), "runs past the end");
  expect_load_error(v27, M().b('s').i32(-1).s, "negative");
  // No 3.4+ forms in 2.x.
  expect_load_error(v27, M().sstr('z', "abc").s, "0x7a 'z' is not a marshal type of Python 2.7");
  expect_load_error(v27, M().b(')').b(0).s, "not a marshal type");
  expect_load_error(v27, M().b('r').i32(0).s, "not a marshal type");
  expect_load_error(v27, std::string("\xe9", 1), "FLAG_REF");
}

TEST(PycMarshal, Py3Strings) {
  expect_value(read(v311, M().str('s', std::string("\x00\xff", 2)).s), "b'\\x00\\xff'");
  expect_value(read(v311, M().str('u', "\xe2\x82\xac").s), "'\\u20ac'");
  expect_value(read(v311, M().str('u', "\xed\xb3\xbf").s), "'\\udcff'");   // surrogatepass, as CPython
  expect_value(read(v311, M().str('t', "name").s), "'name'");
  expect_value(read(v34, M().str('a', "ascii").s), "'ascii'");
  expect_value(read(v34, M().str('A', "ascii").s), "'ascii'");
  expect_value(read(v34, M().sstr('z', "short").s), "'short'");
  expect_value(read(v34, M().sstr('Z', "").s), "''");
  expect_load_error(v311, M().str('u', "\xff").s, "cannot build str");
  expect_load_error(v311, M().b('z').b(5).raw("abc").s, "truncated");
  // 3.0-3.3 had neither interned strings nor the ASCII forms.
  expect_load_error(v33, M().str('t', "x").s, "not a marshal type of Python 3.3");
  expect_load_error(v33, M().str('a', "x").s, "not a marshal type");
  expect_load_error(v311, M().str('R', "x").s, "not a marshal type");
}

TEST(PycMarshal, Containers) {
  expect_value(read(v27, M().b('(').i32(2).b('i').i32(1).b('N').s), "(1, None)");
  expect_value(read(v34, M().b(')').b(1).b(')').b(0).s), "((),)");
  expect_value(read(v27, M().b('[').i32(1).b('T').s), "[True]");
  expect_value(read(v311, M().b('{').b('i').i32(1).b('N').b('0').s), "{1: None}");
  expect_value(read(v27, M().b('<').i32(2).b('i').i32(1).b('i').i32(1).s), "{1}");
  expect_value(read(v311, M().b('>').i32(2).b('i').i32(1).sstr('z', "a").s), "frozenset({1, 'a'})");
  expect_value(read(v311, M().b('>').i32(0).s), "frozenset()");
  expect_load_error(v311, M().b('>').i32(1).b('[').i32(0).s, "TypeError");  // unhashable
  expect_load_error(v311, M().b('{').b('[').i32(0).b('N').b('0').s, "bad dict key");
  expect_load_error(v311, M().b('{').b('i').i32(1).b('0').s, "NULL object");
  expect_load_error(v311, M().b('{').b('i').i32(1).s, "truncated");
  expect_load_error(v311, M().b('(').i32(2).b('N').s, "runs past the end");
  expect_load_error(v311, M().b('(').i32(2).b('N').b('z').s, "truncated");
  expect_load_error(v311, M().b('(').i32(0x7fffffff).s, "runs past the end");
  expect_load_error(v311, M().b('[').i32(-5).s, "negative");
  expect_load_error(v311, M().b('0').s, "NULL object");
  expect_load_error(v311, M().b('?').s, "not a marshal type");
  expect_load_error(v311, "", "truncated");
}

TEST(PycMarshal, Slices) {
  expect_value(read(v314, M().b(':').b('i').i32(1).b('N').b('i').i32(-1).s), "slice(1, None, -1)");
  expect_load_error(v313, M().b(':').b('N').b('N').b('N').s, "not a marshal type of Python 3.13");
}

TEST(PycMarshal, References) {
  // ( FLAG_REF|'z' "ab", r 0 ) -> ('ab', 'ab') sharing one object.
  Ref t = read(v311, M().b(')').b(2).b('z' | 0x80).b(2).raw("ab").b('r').i32(0).s);
  expect_value(t, "('ab', 'ab')");
  EXPECT_EQ(PyTuple_GET_ITEM(t.get(), 0), PyTuple_GET_ITEM(t.get(), 1));
  // The slot of a container is taken before its items (CPython's order).
  Ref u = read(v311, M().b(')').b(2).b(')' | 0x80).b(1).b('i' | 0x80).i32(7).b('r').i32(1).s);
  expect_value(u, "((7,), 7)");
  expect_load_error(v311, M().b('r').i32(0).s, "reference index 0 out of range (0 objects so far)");
  expect_load_error(v311, M().b(')').b(1).b('r').i32(-3).s, "out of range");
  // A container referring to itself while being read.
  expect_load_error(v311, M().b(')' | 0x80).b(1).b('r').i32(0).s, "still being read");
  // FLAG_REF came with 3.4.
  expect_load_error(v33, M().b('i' | 0x80).i32(1).s, "FLAG_REF");
  // On singletons the flag takes no slot (as CPython).
  expect_value(read(v311, M().b(')').b(3).b('N' | 0x80).b('i' | 0x80).i32(5).b('r').i32(0).s), "(None, 5, 5)");
}

TEST(PycMarshal, NestingLimit) {
  // 1999 nested 1-tuples read fine, 3000 do not (CPython's limit is 2000).
  const auto nested = [](int depth) {
    std::string s;
    for (int i = 0; i < depth; ++i) s += ")\x01";
    return s + "N";
  };
  EXPECT_TRUE(read(v311, nested(1999)));
  expect_load_error(v311, nested(3000), "nested more than 2000 deep");
  std::string lists;
  for (int i = 0; i < 100000; ++i) lists += M().b('[').i32(1).s;
  expect_load_error(v27, lists + "N", "nested more than");
}

TEST(PycMarshal, CodeOnlyInConsts) {
  // A code object as a plain value (here inside a tuple) is rejected
  // before any of its fields is read.
  expect_load_error(v311, M().b(')').b(1).b('c').s, "code object outside a code object's co_consts");
}

}  // namespace
