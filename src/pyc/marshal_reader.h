// The marshal format of every supported Python version, read into host
// objects (constants) and xp::Code (code objects).
//
// Nothing in the input is trusted: every length is checked against the bytes
// that remain before anything is allocated, every reference index against the
// objects read so far, nesting is bounded (as CPython's
// MAX_MARSHAL_STACK_DEPTH), and a type code is accepted only by the versions
// whose marshal had it. Any failure is a LoadError carrying the byte offset
// in the whole input (header included); host exceptions raised while
// building objects are caught and turned into LoadError too.
#pragma once

#include "core/ref.h"
#include "core/version.h"
#include "pyc/code.h"
#include "pyc/pyc_file.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xp::pyc {

class MarshalReader {
 public:
  // `data` is the marshal payload; `base` its offset in the file (for
  // messages); `name` names the input in messages.
  MarshalReader(std::string_view data, size_t base, PyVersion version, std::string name,
                const LoadOptions& opts);
  ~MarshalReader();

  // Reads the top-level object, which must be a code object.
  std::shared_ptr<Code> read_code_object();
  // Reads any object (for tests); a code object anywhere is an error.
  Ref read_value();
  size_t pos() const { return pos_; }

  // CPython's MAX_MARSHAL_STACK_DEPTH.
  static constexpr int kMaxDepth = 2000;

 private:
  struct Value {
    Ref obj;                      // any host object
    std::shared_ptr<Code> code;   // or a code object (only where allowed)
  };
  // One entry of the 3.4+ reference table (FLAG_REF / 'r').
  struct Slot {
    enum State : uint8_t { Reserved, Filled, Unusable } state = Reserved;
    Ref obj;
  };

  static constexpr uint8_t kFlagRef = 0x80;
  // Keeps the nesting depth balanced on every exit path.
  struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(d) { ++depth; }
    ~DepthGuard() { --depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
  };
  static std::string type_name(uint8_t t);  // "0x7a 'z'"

  [[noreturn]] void fail(const std::string& msg, size_t at) const;
  [[noreturn]] void fail_host(const std::string& what, size_t at) const;  // pending Python error
  Ref check(PyObject* created, const char* what, size_t at) const;          // steals; fails on NULL
  // Out of line so that the recursive path's frames stay small.
  [[noreturn, gnu::noinline, gnu::cold]] void fail_depth(size_t at) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_flag(uint8_t code, size_t at) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_unknown(uint8_t type, size_t at) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_plain(const char* msg, size_t at) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_length(size_t n, size_t at) const;
  [[noreturn, gnu::noinline, gnu::cold]] void fail_type(const char* field, const char* want, PyObject* got,
                                                        size_t at) const;

  // Primitive reads (advance pos_, fail when past the end).
  void need(size_t n, const char* what) const;
  uint8_t byte(const char* what);
  int32_t i32(const char* what);
  int64_t i64(const char* what);
  std::string_view bytes(size_t n, const char* what);
  size_t length(const char* what, size_t min_item_size);  // int32 length, >= 0 and fits

  bool type_known(uint8_t type) const;
  Value read_object(bool allow_code);
  Value read_object_body(uint8_t type, bool flagged, size_t at, bool allow_code);
  Value read_ref(size_t at);
  [[gnu::noinline]] Ref read_scalar(uint8_t type, size_t at);
  [[gnu::noinline]] Ref read_stringref(size_t at);
  Ref read_py2_string(uint8_t type, size_t at);
  Ref read_long(size_t at);
  double read_text_float(size_t at);
  double read_binary_float(size_t at);
  Ref read_sequence(uint8_t type, size_t n, size_t at);
  Ref read_dict(size_t at);
  Ref read_slice(size_t at);

  // Code objects (code_reader.cpp).
  std::shared_ptr<Code> read_code(size_t at);
  std::vector<Const> read_consts(const char* field);
  std::vector<Ref> read_str_tuple(const char* field);
  std::string read_bytes_field(const char* field);
  Ref read_str_field(const char* field);
  int32_t read_count(const char* field);
  void derive_localsplus(Code& c, size_t at) const;
  void check_code(const Code& c, size_t at) const;

  Ref as_str(Ref obj, const char* field, size_t at) const;
  std::string as_bytes(const Ref& obj, const char* field, size_t at) const;

  std::string_view data_;
  size_t base_;
  PyVersion version_;
  std::string name_;
  LoadOptions opts_;
  size_t pos_ = 0;
  int depth_ = 0;
  std::vector<Slot> refs_;        // 3.4+ FLAG_REF table
  std::vector<Ref> interned_;     // 2.x 't' strings, for 'R'
};

}  // namespace xp::pyc
