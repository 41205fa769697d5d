// .pyc headers of each era, magic lookup, and the errors for bad headers.
#include "core/error.h"
#include "pyc/pyc_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

using xp::PyVersion;
using namespace xp::pyc;

namespace {

std::string le32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[static_cast<size_t>(i)] = static_cast<char>(v >> (8 * i) & 0xff);
  return s;
}
std::string magic_bytes(uint16_t m) {
  return std::string{static_cast<char>(m & 0xff), static_cast<char>(m >> 8), '\r', '\n'};
}
uint16_t magic_of(PyVersion v) {
  std::optional<uint16_t> m = release_magic(v);
  EXPECT_TRUE(m) << v.str();
  return m.value_or(0);
}

TEST(PycHeader, MagicTable) {
  // Checked against the headers real interpreters wrote (corpus/*/VERSION).
  EXPECT_EQ(magic_of(PyVersion(2, 4)), 62061);
  EXPECT_EQ(magic_of(PyVersion(2, 7)), 62211);
  EXPECT_EQ(magic_of(PyVersion(3, 1)), 3151);
  EXPECT_EQ(magic_of(PyVersion(3, 5)), 3351);
  EXPECT_EQ(magic_of(PyVersion(3, 11)), 3495);
  EXPECT_EQ(magic_of(PyVersion(3, 14)), 3627);
  EXPECT_EQ(magic_of(PyVersion(3, 9, xp::Impl::PyPy)), 336);
  EXPECT_FALSE(release_magic(PyVersion(4, 0)));

  auto m = lookup_magic(3495);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->version, PyVersion(3, 11));
  EXPECT_TRUE(m->supported);
  // An alpha magic maps to its version.
  m = lookup_magic(3450);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->version, PyVersion(3, 11));
  m = lookup_magic(62218);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->version, PyVersion(2, 7, xp::Impl::PyPy));
  EXPECT_TRUE(m->supported);
  m = lookup_magic(1011);  // Jython
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->other_impl);
  EXPECT_FALSE(m->supported);
  m = lookup_magic(62011);  // 2.3: known, not decodable
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->supported);
  EXPECT_FALSE(lookup_magic(12345));
}

TEST(PycHeader, EightBytesUpTo32) {
  const std::string h = magic_bytes(62211) + le32(0x5f000000);
  PycHeader p = parse_header(h, "t.pyc");
  EXPECT_EQ(p.size, 8u);
  EXPECT_EQ(p.magic.version, PyVersion(2, 7));
  EXPECT_EQ(p.timestamp, 0x5f000000u);
  EXPECT_FALSE(p.source_size);
  EXPECT_EQ(parse_header(magic_bytes(3180) + le32(1), "t").size, 8u);   // 3.2
}

TEST(PycHeader, TwelveBytes33To36) {
  const std::string h = magic_bytes(3351) + le32(7) + le32(1234);
  PycHeader p = parse_header(h, "t.pyc");
  EXPECT_EQ(p.size, 12u);
  EXPECT_EQ(p.timestamp, 7u);
  ASSERT_TRUE(p.source_size);
  EXPECT_EQ(*p.source_size, 1234u);
  EXPECT_EQ(parse_header(magic_bytes(3379) + le32(0) + le32(0), "t").size, 12u);   // 3.6
}

TEST(PycHeader, SixteenBytesPep552) {
  PycHeader p = parse_header(magic_bytes(3495) + le32(0) + le32(99) + le32(5), "t.pyc");
  EXPECT_EQ(p.size, 16u);
  EXPECT_FALSE(p.hash_based());
  EXPECT_EQ(p.timestamp, 99u);
  EXPECT_EQ(*p.source_size, 5u);
  p = parse_header(magic_bytes(3413) + le32(3) + le32(0x11223344) + le32(0x55667788), "t.pyc");
  EXPECT_TRUE(p.hash_based());
  EXPECT_EQ(p.flags, 3u);
  EXPECT_EQ(p.source_hash, 0x5566778811223344ull);
  EXPECT_FALSE(p.source_size);
}

template <class E>
void expect_error(const std::string& data, int status, const std::string& needle) {
  try {
    (void)load_pyc_bytes(data, "t.pyc");
    ADD_FAILURE() << "no error for " << needle;
  } catch (const E& e) {
    EXPECT_EQ(e.exit_status(), status) << e.what();
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception: " << e.what();
  }
  EXPECT_FALSE(PyErr_Occurred());
}

TEST(PycHeader, Errors) {
  expect_error<xp::LoadError>("", 2, "truncated .pyc header");
  expect_error<xp::LoadError>(std::string("\x03\xf3\r", 3), 2, "truncated .pyc header");
  expect_error<xp::LoadError>(magic_bytes(3495) + le32(0) + "abc", 2, "headers have 16");
  expect_error<xp::LoadError>(std::string("\x03\xf3\n\r", 4) + le32(0), 2, "not followed by \\r\\n");
  expect_error<xp::LoadError>(magic_bytes(3495) + le32(4) + le32(0) + le32(0) + "\xe3", 2, "invalid .pyc flags");
  expect_error<xp::InputError>(magic_bytes(12345) + le32(0), 2, "unknown magic number 12345");
  expect_error<xp::UnsupportedError>(magic_bytes(1011) + le32(0) + "c", 3, "Jython");
  expect_error<xp::UnsupportedError>(magic_bytes(62011) + le32(0) + "c", 3, "not supported");
  expect_error<xp::UnsupportedError>(magic_bytes(3666) + le32(0) + le32(0) + le32(0), 3, "3.15");
  // Header fine, nothing after it.
  expect_error<xp::LoadError>(magic_bytes(62211) + le32(0), 2, "truncated data");
  // A valid marshal value that is not a code object.
  expect_error<xp::LoadError>(magic_bytes(3495) + le32(0) + le32(0) + le32(0) + "N", 2, "not a code object");
}

TEST(PycHeader, MissingFile) {
  try {
    (void)load_pyc_file("/nonexistent/dir/x.pyc");
    ADD_FAILURE();
  } catch (const xp::InputError& e) {
    EXPECT_EQ(e.exit_status(), 2);
    EXPECT_NE(std::string(e.what()).find("cannot open"), std::string::npos);
  }
  // A directory is no .pyc either: a clean InputError, whatever the stream does.
  try {
    (void)load_pyc_file(XP_SOURCE_DIR);
    ADD_FAILURE();
  } catch (const xp::InputError& e) {
    EXPECT_EQ(e.exit_status(), 2) << e.what();
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
  }
}

}  // namespace

namespace {

// Headerless payloads (xpython --dis --version-of X.Y FILE).
TEST(PycHeader, HeaderlessMarshalPayload) {
  const std::string path = std::string(XP_CORPUS_DIR) + "/3.9-pypy/010_arith_int.pyc";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  PycFile f = load_pyc_bytes(data, path);
  std::shared_ptr<xp::Code> c = load_marshal_code(std::string_view(data).substr(f.header.size),
                                                  PyVersion(3, 9, xp::Impl::PyPy), "payload");
  EXPECT_EQ(c->version, PyVersion(3, 9, xp::Impl::PyPy));
  EXPECT_EQ(c->code, f.code->code);
  EXPECT_EQ(c->consts.size(), f.code->consts.size());
  // The same bytes read as another version's marshal fail cleanly or differ, never crash.
  try {
    (void)load_marshal_code(std::string_view(data).substr(f.header.size), PyVersion(2, 7), "payload");
  } catch (const xp::InputError&) {
  }
  EXPECT_FALSE(PyErr_Occurred());
  EXPECT_THROW((void)load_marshal_code("c", PyVersion(2, 3), "p"), xp::UnsupportedError);
  EXPECT_THROW((void)load_marshal_code("c", PyVersion(4, 0), "p"), xp::InputError);
  EXPECT_THROW((void)load_marshal_code("", PyVersion(3, 11), "p"), xp::LoadError);
}

}  // namespace
