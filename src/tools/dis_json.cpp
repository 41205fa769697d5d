// The JSON rendering of a listing (schema: docs/dis-json.md). Compact, one
// document per file; strings are UTF-8 (lone surrogates of undecodable 2.x
// bytes arrive backslash-escaped from utf8_of and stay text).
#include "tools/disassembler.h"

#include "tools/str_cat.h"

#include <cstdio>

namespace xp::tools {

namespace {

class Json {
 public:
  std::string out;

  void str(const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    out += '"';
  }
  void key(const char* k) {
    comma();
    str(k);
    out += ':';
    fresh_ = true;
  }
  void begin(char c) {
    comma();
    out += c;
    fresh_ = true;
  }
  void end(char c) {
    out += c;
    fresh_ = false;
  }
  void num(int64_t v) { value(std::to_string(v)); }
  void unum(uint64_t v) { value(std::to_string(v)); }
  void boolean(bool b) { value(b ? "true" : "false"); }
  void null() { value("null"); }
  void string(const std::string& s) {
    comma();
    str(s);
    fresh_ = false;
  }
  // Convenience: "k": value
  void kv(const char* k, const std::string& s) { key(k); string(s); }
  void kv(const char* k, int64_t v) { key(k); num(v); }
  void kvb(const char* k, bool b) { key(k); boolean(b); }
  void kv_opt(const char* k, int64_t v, bool present) {
    key(k);
    if (present) num(v); else null();
  }

 private:
  void comma() {
    if (!fresh_) out += ',';
    fresh_ = false;
  }
  void value(const std::string& v) {
    comma();
    out += v;
    fresh_ = false;
  }
  bool fresh_ = true;
};

void names(Json& j, const char* k, const std::vector<Ref>& v) {
  j.key(k);
  j.begin('[');
  for (const Ref& r : v) j.string(utf8_of(r.get()));
  j.end(']');
}

void code_object(Json& j, const DisCode& dc) {
  const Code& c = *dc.code;
  j.begin('{');
  j.kv("name", c.name_utf8());
  j.kv("qualname", c.qualname_utf8());
  j.kv("filename", c.filename_utf8());
  j.kv("firstlineno", c.firstlineno);
  j.kv("argcount", c.argcount);
  j.kv("posonlyargcount", c.posonlyargcount);
  j.kv("kwonlyargcount", c.kwonlyargcount);
  j.kv("nlocals", c.nlocals);
  j.kv("stacksize", c.stacksize);
  j.kv("flags", static_cast<int64_t>(c.flags));
  j.kv_opt("max_stack_depth", dc.program->max_stack_depth, dc.verified);
  names(j, "varnames", c.varnames);
  names(j, "cellvars", c.cellvars);
  names(j, "freevars", c.freevars);
  names(j, "names", c.names);
  j.key("consts");
  j.begin('[');
  for (const DisConst& k : dc.consts) {
    j.begin('{');
    j.kv("type", k.type);
    j.kv("repr", k.repr);
    if (k.code_index >= 0) j.kv("code_index", k.code_index);
    j.end('}');
  }
  j.end(']');

  const bool positions = !dc.program->positions.empty();
  j.key("instructions");
  j.begin('[');
  for (const DisLine& l : dc.lines) {
    j.begin('{');
    j.kv("offset", l.offset);
    j.kv("start_offset", l.start_offset);
    j.kv("size", l.size);
    j.kv("opcode", l.opcode);
    j.kv("opname", l.opname);
    j.key("arg");
    if (l.has_arg) j.unum(l.arg); else j.null();
    j.kv("argrepr", l.argrepr);
    j.kv_opt("jump_target", l.jump_target, l.jump_target >= 0);
    j.kvb("is_jump_target", l.is_jump_target);
    j.kv_opt("label", l.label, l.label > 0);
    j.kvb("starts_line", l.starts_line);
    j.kv_opt("line", l.line, l.line >= 0);
    if (l.index >= 0) {
      const Instr& in = dc.program->instrs[static_cast<size_t>(l.index)];
      j.kv("index", l.index);
      j.kv("canonical", op_name(in.op));
      j.key("canonical_arg");
      j.unum(in.arg);
      if (positions) {
        const Position& p = dc.program->positions[static_cast<size_t>(l.index)];
        j.key("positions");
        j.begin('[');
        for (int32_t x : {p.line, p.end_line, p.col, p.end_col}) {
          if (x >= 0) j.num(x); else j.null();
        }
        j.end(']');
      }
    } else {
      j.key("index");
      j.null();
      j.key("canonical");
      j.null();
      j.key("canonical_arg");
      j.null();
    }
    j.end('}');
  }
  j.end(']');

  j.key("exception_table");
  j.begin('[');
  for (const DisException& e : dc.exceptions) {
    j.begin('{');
    j.kv("start", e.start);
    j.kv("end", e.end);
    j.kv("target", e.target);
    j.kv("depth", e.depth);
    j.kvb("lasti", e.lasti);
    j.end('}');
  }
  j.end(']');

  j.key("code_objects");
  j.begin('[');
  for (const DisCode& child : dc.children) code_object(j, child);
  j.end(']');
  j.end('}');
}

}  // namespace

std::string render_json(const DisInput& in, const DisCode& code) {
  Json j;
  j.begin('{');
  j.kv("xpython_dis", 1);
  j.kv("file", in.path);
  j.kv("version", cat(std::to_string(in.version.major), ".", std::to_string(in.version.minor)));
  j.kv("implementation", in.version.is_pypy() ? "pypy" : "cpython");
  j.key("header");
  if (in.header) {
    const pyc::PycHeader& h = *in.header;
    j.begin('{');
    j.kv("magic", h.magic.magic);
    j.kv("magic_label", h.magic.label);
    j.kv("size", static_cast<int64_t>(h.size));
    j.kv("flags", h.flags);
    j.kv_opt("timestamp", h.timestamp, !h.hash_based());
    j.key("source_hash");
    if (h.hash_based()) {
      char hex[32];
      std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.source_hash));
      j.string(hex);
    } else {
      j.null();
    }
    j.kv_opt("source_size", h.source_size.value_or(0), h.source_size.has_value());
    j.end('}');
  } else {
    j.null();
  }
  j.kvb("verified", code.verified);
  j.key("code");
  code_object(j, code);
  j.end('}');
  return j.out;
}

}  // namespace xp::tools
