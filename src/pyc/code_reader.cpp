// Marshalled code objects ('c') of every version, and their validation.
//
// Field layouts (int32 counts, then objects):
//   2.3-2.7        argcount nlocals stacksize flags code consts names varnames
//                  freevars cellvars filename name firstlineno lnotab
//   3.0-3.7        argcount kwonlyargcount nlocals stacksize flags code ... lnotab
//   3.8-3.10       argcount posonlyargcount kwonlyargcount nlocals stacksize flags
//                  code ... lnotab (3.10: linetable)
//   3.11-3.14      argcount posonlyargcount kwonlyargcount stacksize flags code
//                  consts names localsplusnames localspluskinds filename name
//                  qualname firstlineno linetable exceptiontable
//   PyPy           follows the CPython layout of its language version (PyPy's
//                  marshal_impl.py; 3.9-pypy in the corpus uses the 3.8 one).
#include "core/error.h"
#include "pyc/marshal_reader.h"

namespace xp::pyc {

std::shared_ptr<Code> MarshalReader::read_code_object() {
  need(1, "code object");
  const uint8_t type = static_cast<uint8_t>(data_[pos_]) & ~kFlagRef;
  if (type != 'c')
    fail("the top-level object is not a code object (type code " + type_name(type) + ")", pos_);
  return read_object(true).code;
}

int32_t MarshalReader::read_count(const char* field) {
  const size_t at = pos_;
  const int32_t v = i32(field);
  if (v < 0) fail(std::string(field) + " is negative (" + std::to_string(v) + ")", at);
  return v;
}

// Names must be str. A 2.x byte string (host bytes in Py2StrMode::Bytes)
// becomes str the lossless way: UTF-8 with surrogateescape.
Ref MarshalReader::as_str(Ref obj, const char* field, size_t at) const {
  if (PyUnicode_CheckExact(obj.get())) return obj;
  if (version_.major == 2 && PyBytes_CheckExact(obj.get())) {
    Ref s = check(PyUnicode_DecodeUTF8(PyBytes_AS_STRING(obj.get()), PyBytes_GET_SIZE(obj.get()), "surrogateescape"),
                  field, at);
    PyObject* p = s.release();
    PyUnicode_InternInPlace(&p);
    return steal(p);
  }
  fail(std::string(field) + " must be a str, not " + Py_TYPE(obj.get())->tp_name, at);
}

// Raw byte fields (co_code, line and exception tables, localspluskinds). In
// 2.x Py2StrMode::Str the reader made str of them; encoding back with
// surrogateescape restores the exact bytes.
std::string MarshalReader::as_bytes(const Ref& obj, const char* field, size_t at) const {
  if (PyBytes_CheckExact(obj.get()))
    return std::string(PyBytes_AS_STRING(obj.get()), static_cast<size_t>(PyBytes_GET_SIZE(obj.get())));
  if (version_.major == 2 && PyUnicode_CheckExact(obj.get())) {
    Ref b = check(PyUnicode_AsEncodedString(obj.get(), "utf-8", "surrogateescape"), field, at);
    return std::string(PyBytes_AS_STRING(b.get()), static_cast<size_t>(PyBytes_GET_SIZE(b.get())));
  }
  fail(std::string(field) + " must be " + (version_.major == 2 ? "a str" : "bytes") + ", not " +
           Py_TYPE(obj.get())->tp_name,
       at);
}

std::string MarshalReader::read_bytes_field(const char* field) {
  const size_t at = pos_;
  // 2.x 's' (the usual form): take the bytes as they are, without the
  // str round trip of Py2StrMode::Str.
  if (version_.major == 2 && at < data_.size() && data_[at] == 's') {
    ++pos_;
    const size_t n = length("string length", 1);
    return std::string(bytes(n, "string"));
  }
  return as_bytes(read_object(false).obj, field, at);
}

Ref MarshalReader::read_str_field(const char* field) {
  const size_t at = pos_;
  return as_str(read_object(false).obj, field, at);
}

void MarshalReader::fail_type(const char* field, const char* want, PyObject* got, size_t at) const {
  fail(std::string(field) + " must be " + want + ", not " + Py_TYPE(got)->tp_name, at);
}

std::vector<Ref> MarshalReader::read_str_tuple(const char* field) {
  const size_t at = pos_;
  Ref t = read_object(false).obj;
  if (!PyTuple_CheckExact(t.get())) fail_type(field, "a tuple", t.get(), at);
  std::vector<Ref> out;
  out.reserve(static_cast<size_t>(PyTuple_GET_SIZE(t.get())));
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t.get()); ++i)
    out.push_back(as_str(borrow(PyTuple_GET_ITEM(t.get(), i)), field, at));
  return out;
}

// co_consts is the one place where code objects may appear (besides the top
// level), so its tuple is read here rather than by the generic reader.
std::vector<Const> MarshalReader::read_consts(const char* field) {
  const size_t at = pos_;
  need(1, field);
  const uint8_t code = static_cast<uint8_t>(data_[pos_]);
  const uint8_t type = code & ~kFlagRef;
  const bool flagged = code & kFlagRef;
  std::vector<Const> out;
  if ((type == '(' || type == ')') && type_known(type) && (!flagged || version_.at_least(3, 4))) {
    ++pos_;
    DepthGuard guard(depth_);
    if (depth_ > kMaxDepth) fail_depth(at);
    const size_t n = type == ')' ? byte("small tuple length") : length("co_consts length", 1);
    if (n > data_.size() - pos_) fail_length(n, at);
    size_t slot = SIZE_MAX;
    if (flagged) {
      slot = refs_.size();
      refs_.emplace_back();
    }
    out.reserve(n);
    bool has_code = false;
    for (size_t i = 0; i < n; ++i) {
      Value v = read_object(true);
      has_code |= v.code != nullptr;
      out.push_back(Const{std::move(v.obj), std::move(v.code)});
    }
    if (flagged) {
      if (has_code) {
        refs_[slot].state = Slot::Unusable;
      } else {
        Ref t = check(PyTuple_New(static_cast<Py_ssize_t>(n)), "tuple", at);
        for (size_t i = 0; i < n; ++i) PyTuple_SET_ITEM(t.get(), static_cast<Py_ssize_t>(i), out[i].obj.new_ref());
        refs_[slot].obj = std::move(t);
        refs_[slot].state = Slot::Filled;
      }
    }
    return out;
  }
  // Anything else (typically an 'r' back-reference to an equal tuple).
  Ref t = read_object(false).obj;
  if (!PyTuple_CheckExact(t.get())) fail_type(field, "a tuple", t.get(), at);
  out.reserve(static_cast<size_t>(PyTuple_GET_SIZE(t.get())));
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t.get()); ++i) out.push_back(Const{borrow(PyTuple_GET_ITEM(t.get(), i)), nullptr});
  return out;
}

std::shared_ptr<Code> MarshalReader::read_code(size_t at) {
  auto c = std::make_shared<Code>();
  Code& co = *c;
  co.version = version_;
  const bool py3 = version_.major >= 3;
  const bool v311 = version_.at_least(3, 11);
  co.argcount = read_count("co_argcount");
  if (version_.at_least(3, 8)) co.posonlyargcount = read_count("co_posonlyargcount");
  if (py3) co.kwonlyargcount = read_count("co_kwonlyargcount");
  if (!v311) co.nlocals = read_count("co_nlocals");
  co.stacksize = read_count("co_stacksize");
  co.flags = static_cast<uint32_t>(i32("co_flags"));
  co.code = read_bytes_field("co_code");
  co.consts = read_consts("co_consts");
  co.names = read_str_tuple("co_names");
  if (v311) {
    co.localsplusnames = read_str_tuple("co_localsplusnames");
    co.localspluskinds = read_bytes_field("co_localspluskinds");
  } else {
    co.varnames = read_str_tuple("co_varnames");
    co.freevars = read_str_tuple("co_freevars");
    co.cellvars = read_str_tuple("co_cellvars");
  }
  co.filename = read_str_field("co_filename");
  co.name = read_str_field("co_name");
  co.qualname = v311 ? read_str_field("co_qualname") : co.name;
  co.firstlineno = i32("co_firstlineno");
  co.linetable = read_bytes_field(version_.at_least(3, 10) ? "co_linetable" : "co_lnotab");
  if (v311) co.exceptiontable = read_bytes_field("co_exceptiontable");
  if (v311) derive_localsplus(co, at);
  check_code(co, at);
  return c;
}

// 3.11+: one fused array of locals, cells and free variables; each slot's
// kind byte says which (a cell argument is both local and cell). varnames,
// cellvars and freevars are the views CPython's co_* attributes give.
void MarshalReader::derive_localsplus(Code& co, size_t at) const {
  if (co.localspluskinds.size() != co.localsplusnames.size())
    fail("co_localspluskinds has " + std::to_string(co.localspluskinds.size()) + " entries for " +
             std::to_string(co.localsplusnames.size()) + " co_localsplusnames",
         at);
  bool seen_free = false;
  for (size_t i = 0; i < co.localsplusnames.size(); ++i) {
    const uint8_t k = static_cast<uint8_t>(co.localspluskinds[i]);
    const bool local = k & kLocalLocal, cell = k & kLocalCell, free = k & kLocalFree;
    if (!local && !cell && !free)
      fail("co_localspluskinds[" + std::to_string(i) + "] = " + type_name(k) + " is neither local, cell nor free", at);
    if (free && (local || cell))
      fail("co_localspluskinds[" + std::to_string(i) + "]: a free variable cannot also be local or cell", at);
    // The closure is copied into the last slots (COPY_FREE_VARS): free
    // variables must come last.
    if (seen_free && !free)
      fail("co_localspluskinds[" + std::to_string(i) + "]: local or cell after a free variable", at);
    seen_free |= free;
    if (local) co.varnames.push_back(co.localsplusnames[i]);
    if (cell) co.cellvars.push_back(co.localsplusnames[i]);
    if (free) co.freevars.push_back(co.localsplusnames[i]);
  }
  co.nlocals = static_cast<int32_t>(co.varnames.size());
}

// Consistency the VM relies on when it binds arguments and sizes frames.
void MarshalReader::check_code(const Code& co, size_t at) const {
  const std::string who = "code object '" + co.name_utf8() + "': ";
  if (co.posonlyargcount > co.argcount)
    fail(who + "co_posonlyargcount " + std::to_string(co.posonlyargcount) + " > co_argcount " +
             std::to_string(co.argcount), at);
  // Module and class bodies list names in co_varnames but have no fast
  // locals (co_nlocals 0); a function's co_nlocals is len(co_varnames).
  if (!version_.at_least(3, 11) && static_cast<size_t>(co.nlocals) > co.varnames.size())
    fail(who + "co_nlocals " + std::to_string(co.nlocals) + " > len(co_varnames) " +
             std::to_string(co.varnames.size()), at);
  const uint64_t nargs = static_cast<uint64_t>(co.argcount) + static_cast<uint64_t>(co.kwonlyargcount) +
                         ((co.flags & kCoVarargs) ? 1 : 0) + ((co.flags & kCoVarkeywords) ? 1 : 0);
  if (nargs > co.varnames.size())
    fail(who + std::to_string(nargs) + " arguments but only " + std::to_string(co.varnames.size()) + " local names", at);
  // The frame's value stack is allocated from co_stacksize. No instruction
  // pushes more than a few values, so a depth far beyond the code length is
  // forged (and would be an unbounded allocation per call).
  const uint64_t limit = 8 * static_cast<uint64_t>(co.code.size()) + 256;
  if (static_cast<uint64_t>(co.stacksize) > limit)
    fail(who + "co_stacksize " + std::to_string(co.stacksize) + " is impossible for " +
             std::to_string(co.code.size()) + " bytes of code", at);
}

}  // namespace xp::pyc
