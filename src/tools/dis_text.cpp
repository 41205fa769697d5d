// Text listings in the layout of each version's dis:
//   2.x        dis.disassemble(): print-statement fields, no trailing strip
//   3.0-3.3    the same with print(..., end=' '): every line ends in a space
//   3.4-3.12   Instruction._disassemble(): joined fields, right-stripped
//              (3.7+ widen the line/offset columns for big numbers, 3.10+
//              drop the line column without line starts, 3.11+ add the
//              ExceptionTable section)
//   3.13+      Formatter: labels instead of offsets (offsets with -O)
// Nested code objects follow as "Disassembly of <code object ...>:" the way
// 3.7+ dis.dis() recurses (earlier dis did not recurse at all).
#include "tools/disassembler.h"

#include "tools/str_cat.h"

#include <ctime>

namespace xp::tools {

namespace {

std::string rjust(const std::string& s, size_t w) { return s.size() >= w ? s : std::string(w - s.size(), ' ') + s; }
std::string ljust(const std::string& s, size_t w) { return s.size() >= w ? s : s + std::string(w - s.size(), ' '); }

void rstrip(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
}

std::string arg_text(const DisLine& l) { return std::to_string(l.arg) + (l.long_arg ? "L" : ""); }

// 2.x and 3.0-3.3: dis.disassemble() printing field by field.
void print_style_line(const DisLine& l, bool py3, std::string& out) {
  if (l.starts_line && l.offset > 0) out += "\n";
  std::string s = l.starts_line && l.line >= 0 ? rjust(std::to_string(l.line), 3) : "   ";
  s += "     ";   // the current-instruction marker column between separators
  s += l.is_jump_target ? ">> " : "   ";
  s += cat(rjust(std::to_string(l.offset), 4), " ", ljust(l.opname, 20));
  if (l.has_arg) {
    s += cat(" ", rjust(arg_text(l), 5));
    if (!l.argrepr.empty()) s += cat(" (", l.argrepr, ")");
  }
  if (py3) s += " ";
  out += s;
  out += "\n";
}

// 3.4-3.12: Instruction._disassemble().
void instruction_style_line(const DisCode& dc, const DisLine& l, std::string& out) {
  if (dc.lineno_width > 0 && l.starts_line && l.offset > 0) out += "\n";
  std::string s;
  if (dc.lineno_width > 0) {
    s += l.starts_line ? rjust(std::to_string(l.line), static_cast<size_t>(dc.lineno_width))
                       : std::string(static_cast<size_t>(dc.lineno_width), ' ');
    s += " ";
  }
  s += "    ";
  s += l.is_jump_target ? ">> " : "   ";
  s += cat(rjust(std::to_string(l.offset), static_cast<size_t>(dc.offset_width)), " ", ljust(l.opname, 20));
  if (l.has_arg) {
    s += cat(" ", rjust(std::to_string(l.arg), 5));
    if (!l.argrepr.empty()) s += cat(" (", l.argrepr, ")");
  }
  rstrip(s);
  out += s;
  out += "\n";
}

// 3.13+: Formatter.print_instruction_line().
void formatter_style_line(const DisCode& dc, const DisLine& l, std::string& out) {
  if (dc.lineno_width > 0 && l.starts_line && l.offset > 0) out += "\n";
  std::string s;
  const auto lw = static_cast<size_t>(dc.lineno_width);
  if (lw > 0) {
    if (l.starts_line)
      s += rjust(l.line >= 0 ? std::to_string(l.line) : "  --", lw);
    else
      s += std::string(lw, ' ');
    s += " ";
  }
  const auto labw = static_cast<size_t>(dc.label_width);
  s += l.label ? rjust(cat("L", std::to_string(l.label), ":"), labw) : std::string(labw, ' ');
  s += " ";
  if (dc.offset_width > 0) s += cat(rjust(std::to_string(l.offset), static_cast<size_t>(dc.offset_width)), "   ");
  s += cat("    ", ljust(l.opname, 20));
  if (l.has_arg) {
    const size_t excess = l.opname.size() > 20 ? l.opname.size() - 20 : 0;
    s += cat(" ", rjust(std::to_string(l.arg), excess < 5 ? 5 - excess : 0));
    if (!l.argrepr.empty()) s += cat(" (", l.argrepr, ")");
  }
  rstrip(s);
  out += s;
  out += "\n";
}

void exception_table(const DisCode& dc, std::string& out) {
  if (dc.exceptions.empty()) return;
  const bool labels = dc.code->version.at_least(3, 13);
  out += "ExceptionTable:\n";
  for (const DisException& e : dc.exceptions) {
    if (labels)
      out += cat("  L", std::to_string(e.start_label), " to L", std::to_string(e.end_label), " -> L",
                 std::to_string(e.target_label));
    else
      out += cat("  ", std::to_string(e.start), " to ", std::to_string(e.end - 2), " -> ", std::to_string(e.target));
    out += cat(" [", std::to_string(e.depth), "]", e.lasti ? " lasti" : "", "\n");
  }
}

void listing(const DisCode& dc, std::string& out) {
  const PyVersion v = dc.code->version;
  for (const DisLine& l : dc.lines) {
    if (v.major == 2 || v.before(3, 4))
      print_style_line(l, v.major == 3, out);
    else if (v.before(3, 13))
      instruction_style_line(dc, l, out);
    else
      formatter_style_line(dc, l, out);
  }
  exception_table(dc, out);
}

void recursive(const DisCode& dc, std::string& out) {
  listing(dc, out);
  for (const DisCode& child : dc.children) {
    out += cat("\nDisassembly of ", child.repr, ":\n");
    recursive(child, out);
  }
}

std::string utc(uint32_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace

std::string render_text(const DisInput& in, const DisCode& code, const DisOptions&) {
  std::string out = cat("# file: ", in.path, "\n");
  out += cat("# python: ", std::to_string(in.version.major), ".", std::to_string(in.version.minor),
             in.version.is_pypy() ? " (PyPy)" : " (CPython)");
  if (in.header) {
    const pyc::PycHeader& h = *in.header;
    out += cat(", magic ", std::to_string(h.magic.magic), " (", h.magic.label, ")\n");
    if (h.hash_based()) {
      char hex[32];
      std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h.source_hash));
      out += cat("# source hash: ", hex, h.flags & 2 ? " (checked)" : " (unchecked)", "\n");
    } else {
      out += cat("# timestamp: ", std::to_string(h.timestamp), " (", utc(h.timestamp), ")\n");
    }
    if (h.source_size) out += cat("# source size: ", std::to_string(*h.source_size), "\n");
  } else if (in.from_source) {
    out += ", source compiled by the host\n";
  } else {
    out += ", marshal data without a .pyc header\n";
  }
  if (!code.verified) out += "# not verified (--no-verify)\n";
  out += "\n";
  recursive(code, out);
  return out;
}

}  // namespace xp::tools
