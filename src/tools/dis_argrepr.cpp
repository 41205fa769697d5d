// Mirrors _get_instructions_bytes / ArgResolver.get_argval_argrepr of each
// version's Lib/dis.py (2.7 disassemble() for 2.x; 3.0-3.3 print the same
// things). Which opcodes count as const/name/jump/local/free/compare comes
// from the facts (the version's own opcode module), the special cases by
// name and version below.
#include "tools/dis_argrepr.h"

#include "tools/str_cat.h"

#include <cstring>
#include <initializer_list>

namespace xp::tools {

namespace {

template <size_t N>
std::string pick(const char* const (&table)[N], uint64_t i) {
  return i < N ? table[i] : "";
}

std::string pick(const std::vector<Ref>& v, uint64_t i) {
  return i < v.size() ? utf8_of(v[i].get()) : "";
}

constexpr const char* kCmpOpOld[] = {"<", "<=", "==", "!=", ">", ">=", "in", "not in",
                                     "is", "is not", "exception match", "BAD"};  // <= 3.8
constexpr const char* kCmpOp[] = {"<", "<=", "==", "!=", ">", ">="};            // 3.9+
constexpr const char* kNbOps[] = {"+",  "&",  "//",  "<<",  "@",  "*",  "%",  "|",  "**",
                                  ">>", "-",  "/",   "^",   "+=", "&=", "//=", "<<=", "@=",
                                  "*=", "%=", "|=",  "**=", ">>=", "-=", "/=", "^=", "[]"};
constexpr const char* kIntrinsic1[] = {
    "INTRINSIC_1_INVALID",    "INTRINSIC_PRINT",         "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR", "INTRINSIC_ASYNC_GEN_WRAP", "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE", "INTRINSIC_TYPEVAR",      "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE", "INTRINSIC_SUBSCRIPT_GENERIC", "INTRINSIC_TYPEALIAS"};
constexpr const char* kIntrinsic2[] = {
    "INTRINSIC_2_INVALID", "INTRINSIC_PREP_RERAISE_STAR", "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS", "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    "INTRINSIC_SET_TYPEPARAM_DEFAULT"};   // the last one 3.13+
constexpr const char* kConversions[] = {"", "str", "repr", "ascii"};
constexpr const char* kFunctionFlags[] = {"defaults", "kwdefaults", "annotations", "closure", "annotate"};
// dis prints a type's __name__, anything else's repr.
constexpr const char* kCommonConstants[] = {"AssertionError", "NotImplementedError", "tuple",
                                            "<built-in function all>", "<built-in function any>"};
constexpr const char* kSpecialMethods[] = {"__enter__", "__exit__", "__aenter__", "__aexit__"};

bool named(const OpcodeRow& row, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (std::strcmp(row.name, n) == 0) return true;
  return false;
}

std::string function_flags(uint64_t arg, size_t nflags) {
  std::string s;
  for (size_t i = 0; i < nflags; ++i) {
    if (!(arg & (uint64_t{1} << i))) continue;
    if (!s.empty()) s += ", ";
    s += kFunctionFlags[i];
  }
  return s;
}

}  // namespace

std::string argrepr(const ArgReprContext& ctx, const OpcodeRow& row, const DisLine& line) {
  const Code& code = ctx.code;
  const PyVersion v = code.version;
  const int ver = v.key();
  const uint64_t arg = line.arg;
  const uint16_t kinds = row.operand_kinds;
  if (line.prefix) return "";   // EXTENDED_ARG is in no has* list

  // A local by oparg: co_varnames before 3.11, the fused localsplus names after.
  auto local = [&](uint64_t i) {
    return pick(ver >= 311 ? code.localsplusnames : code.varnames, i);
  };
  auto cell = [&](uint64_t i) -> std::string {
    if (ver >= 311) return pick(code.localsplusnames, i);
    if (i < code.cellvars.size()) return pick(code.cellvars, i);
    return pick(code.freevars, i - code.cellvars.size());
  };

  if (kinds & kOperandConst) {
    // 3.11's dis resolves LOAD_CONST only (KW_NAMES stays bare).
    if (ver == 311 && !named(row, {"LOAD_CONST"})) return "";
    return arg < ctx.consts.size() ? ctx.consts[arg].repr : "";
  }
  if (kinds & kOperandName) {
    std::string n;
    const char* null_kind = nullptr;
    if (ver >= 311 && named(row, {"LOAD_GLOBAL"})) {
      n = pick(code.names, arg >> 1);
      if (arg & 1) null_kind = "NULL";
    } else if (ver >= 312 && named(row, {"LOAD_ATTR"})) {
      n = pick(code.names, arg >> 1);
      if (arg & 1) null_kind = "NULL|self";
    } else if (ver >= 312 && named(row, {"LOAD_SUPER_ATTR"})) {
      n = pick(code.names, arg >> 2);
      if (arg & 1) null_kind = "NULL|self";
    } else {
      return pick(code.names, arg);
    }
    if (null_kind == nullptr || n.empty()) return n;
    return ver >= 313 ? cat(n, " + ", null_kind) : cat(null_kind, " + ", n);
  }
  if (kinds & (kOperandJrel | kOperandJabs)) {
    if (line.jump_target < 0) return "";
    if (ver >= 313) {
      auto it = ctx.label_of.find(static_cast<uint32_t>(line.jump_target));
      if (it == ctx.label_of.end()) return "";
      const char* prep = ver >= 314 && named(row, {"END_ASYNC_FOR"}) ? "from" : "to";
      return cat(prep, " L", std::to_string(it->second));
    }
    // Before 3.10 dis resolves relative jumps only.
    if (!(kinds & kOperandJrel) && ver < 310) return "";
    // 2.x: after EXTENDED_ARG the offset is a long and prints with an L.
    return cat("to ", std::to_string(line.jump_target), line.long_arg && v.major == 2 ? "L" : "");
  }
  if (ver >= 313 && named(row, {"LOAD_FAST_LOAD_FAST", "LOAD_FAST_BORROW_LOAD_FAST_BORROW",
                                "STORE_FAST_LOAD_FAST", "STORE_FAST_STORE_FAST"}))
    return cat(local(arg >> 4), ", ", local(arg & 15));
  if (kinds & kOperandLocal) return local(arg);
  if ((kinds & kOperandFree) && ver >= 311) return cell(arg);
  if (kinds & kOperandCompare) {
    if (ver <= 308) return pick(kCmpOpOld, arg);
    if (ver <= 311) return pick(kCmpOp, arg);
    if (ver == 312) return pick(kCmpOp, arg >> 4);
    std::string s = pick(kCmpOp, arg >> 5);
    return (arg & 16) && !s.empty() ? cat("bool(", s, ")") : s;
  }
  if (kinds & kOperandFree) return cell(arg);
  if (ver >= 304 && ver <= 305 && (kinds & kOperandNargs))
    return cat(std::to_string(arg % 256), " positional, ", std::to_string(arg / 256), " keyword pair");
  if (ver >= 306 && ver <= 312 && named(row, {"FORMAT_VALUE"})) {
    std::string s = kConversions[arg & 3];
    if (arg & 4) s += s.empty() ? "with format" : ", with format";
    return s;
  }
  if (ver >= 308 && ver <= 312 && named(row, {"MAKE_FUNCTION"})) return function_flags(arg, 4);
  if (ver >= 311 && named(row, {"BINARY_OP"})) return arg < (ver >= 314 ? 27u : 26u) ? kNbOps[arg] : "";
  if (ver >= 312 && named(row, {"CALL_INTRINSIC_1"})) return pick(kIntrinsic1, arg);
  if (ver >= 312 && named(row, {"CALL_INTRINSIC_2"}))
    return arg < (ver >= 313 ? 6u : 5u) ? kIntrinsic2[arg] : "";
  if (ver >= 313 && named(row, {"CONVERT_VALUE"})) return pick(kConversions, arg);
  if (ver >= 313 && named(row, {"SET_FUNCTION_ATTRIBUTE"})) return function_flags(arg, ver >= 314 ? 5 : 4);
  if (ver >= 314) {
    if (named(row, {"LOAD_COMMON_CONSTANT"})) return pick(kCommonConstants, arg);
    if (named(row, {"LOAD_SPECIAL"})) return pick(kSpecialMethods, arg);
    if (named(row, {"IS_OP"})) return arg ? "is not" : "is";
    if (named(row, {"CONTAINS_OP"})) return arg ? "not in" : "in";
  }
  return "";
}

}  // namespace xp::tools
