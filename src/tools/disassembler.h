// The disassembler behind `xpython --dis`: a decoded (and normally verified)
// code object turned into the lines the version's own `dis` would print,
// then rendered as that version's text or as JSON (docs/dis-json.md).
//
// The model keeps everything both renderings need, so that text and JSON
// cannot disagree: one DisLine per line dis shows (EXTENDED_ARG prefixes
// get their own line, inline caches none), with the argument as encoded and
// dis's resolved form of it (argrepr).
#pragma once

#include "bytecode/program.h"
#include "pyc/pyc_file.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace xp::tools {

struct DisOptions {
  bool verify = true;          // run the verifier (--no-verify skips it)
  bool show_offsets = false;   // 3.13+ text: add the offset column (dis -O); earlier versions always show it
};

// One line of the listing.
struct DisLine {
  uint32_t offset = 0;          // byte offset of this opcode
  uint32_t start_offset = 0;    // first EXTENDED_ARG prefix of the instruction (= offset for a prefix line)
  uint32_t size = 0;            // bytes this line covers (argument and 3.11+ caches included)
  uint8_t opcode = 0;
  std::string opname;
  bool has_arg = false;
  uint64_t arg = 0;             // as dis shows it: EXTENDED_ARG prefixes folded in
  bool long_arg = false;        // 2.x: the argument went through EXTENDED_ARG, so dis prints it as a long ("65536L")
  std::string argrepr;          // dis's rendering of the argument ("" if none)
  int64_t jump_target = -1;     // byte offset a jump names, -1 if not a jump
  bool is_jump_target = false;  // some jump (or 3.11+ exception handler) lands on this offset
  int label = 0;                // 3.13+: label number (0 = none)
  bool starts_line = false;     // dis starts a source line here
  int32_t line = -1;            // the line (-1 = none)
  bool prefix = false;          // an EXTENDED_ARG prefix line
  int32_t index = -1;           // instruction index in the Program (-1 for prefix lines)
};

struct DisException {
  uint32_t start, end, target, depth;   // byte offsets; end exclusive
  bool lasti;
  int start_label = 0, end_label = 0, target_label = 0;   // 3.13+
};

struct DisConst {
  std::string type;     // host type name ("int", "str", "code", ...)
  std::string repr;     // as the version's repr() would print it
  int code_index = -1;  // for code objects: index into DisCode::children
};

struct DisCode {
  std::shared_ptr<const Code> code;
  std::unique_ptr<Program> program;
  std::string repr;                      // "<code object f at 0x..., file "x.py", line 2>"
  bool verified = false;
  std::vector<DisLine> lines;
  std::vector<DisException> exceptions;  // 3.11+
  std::vector<DisConst> consts;
  std::vector<DisCode> children;         // nested code objects, in co_consts order
  int lineno_width = 3;                  // text columns dis would use
  int offset_width = 4;
  int label_width = 0;                   // 3.13+
};

// Decodes `code` and every nested code object. Throws InputError
// (VerifyError for invalid bytecode) like decode().
DisCode disassemble(std::shared_ptr<const Code> code, const DisOptions& opts);

// What the header of a listing shows; `pyc` is empty for headerless
// marshal data (--version-of).
struct DisInput {
  std::string path;
  PyVersion version;
  std::optional<pyc::PycHeader> header;
  bool from_source = false;  // a .py compiled by the host (no header)
};

// Text in the style of the version's dis (header lines start with '#').
std::string render_text(const DisInput& in, const DisCode& code, const DisOptions& opts);
// One JSON document (docs/dis-json.md), without a trailing newline.
std::string render_json(const DisInput& in, const DisCode& code);

}  // namespace xp::tools
