// Code: xpython's own, version-tagged code object.
//
// Produced by the marshal reader (any version) or converted from a host code
// object (source compiled by the host). Fields keep the meaning they have in
// the version that produced them; 3.11+ localsplus data is also unpacked into
// varnames/cellvars/freevars so that every era offers the same view.
// Constants are host objects, except nested code objects, which stay Code.
#pragma once

#include "core/ref.h"
#include "core/version.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace xp {

struct Code;

// One entry of co_consts: a host object, or a nested code object.
struct Const {
  Ref obj;                      // set unless this is a code object
  std::shared_ptr<Code> code;   // set for nested code objects
  bool is_code() const { return code != nullptr; }
};

// 3.11+ co_localspluskinds bits.
enum LocalsKind : uint8_t {
  kLocalArg = 0x02,    // (3.12: CO_FAST_ARG_POS etc. are finer; we keep the byte as read)
  kLocalHidden = 0x10, // 3.12+ hidden (inlined comprehension) locals
  kLocalLocal = 0x20,
  kLocalCell = 0x40,
  kLocalFree = 0x80,
};

// Flag bits shared by all versions (co_flags).
enum CodeFlags : uint32_t {
  kCoOptimized = 0x0001,
  kCoNewLocals = 0x0002,
  kCoVarargs = 0x0004,
  kCoVarkeywords = 0x0008,
  kCoNested = 0x0010,
  kCoGenerator = 0x0020,
  kCoNoFree = 0x0040,          // <= 3.9
  kCoCoroutine = 0x0080,
  kCoIterableCoroutine = 0x0100,
  kCoAsyncGenerator = 0x0200,
};

struct Code {
  PyVersion version;

  int32_t argcount = 0;
  int32_t posonlyargcount = 0;   // 3.8+
  int32_t kwonlyargcount = 0;    // 3.0+
  int32_t nlocals = 0;           // as stored (<= 3.10) or derived (3.11+: number of plain locals)
  int32_t stacksize = 0;
  uint32_t flags = 0;
  int32_t firstlineno = 0;

  std::string code;              // raw co_code bytes (with 3.11+ cache units)
  std::vector<Const> consts;
  std::vector<Ref> names;        // str
  std::vector<Ref> varnames;     // str; arguments first
  std::vector<Ref> cellvars;     // str
  std::vector<Ref> freevars;     // str

  // 3.11+: the fused locals layout as stored; varnames/cellvars/freevars above
  // are derived from it. Empty before 3.11.
  std::vector<Ref> localsplusnames;
  std::string localspluskinds;

  Ref filename;                  // str
  Ref name;                      // str
  Ref qualname;                  // str (3.11+; = name before)

  // Line information as stored: co_lnotab (<= 3.9), co_linetable (3.10,
  // 3.11+ location table). Decoded by bytecode/linetable.
  std::string linetable;
  std::string exceptiontable;    // 3.11+

  // Helpers ---------------------------------------------------------------
  // Number of slots in the fused locals array (3.11+) or
  // nlocals + cells + frees (before).
  size_t nlocalsplus() const {
    if (!localsplusnames.empty() || version.at_least(3, 11)) return localsplusnames.size();
    return varnames.size() + cellvars.size() + freevars.size();
  }
  std::string name_utf8() const;       // co_name as UTF-8 (for messages)
  std::string qualname_utf8() const;
  std::string filename_utf8() const;

  // Visits this code object and every nested one, depth first (self first).
  template <class F>
  void walk(F&& f) const {
    f(*this);
    for (const Const& c : consts)
      if (c.code) c.code->walk(f);
  }
};

// UTF-8 text of a host str (or repr of anything else); never throws.
std::string utf8_of(PyObject* obj);

}  // namespace xp
