// Builds the DisCode model: what each version's Lib/dis.py shows for a code
// object (offsets, EXTENDED_ARG lines, line starts, jump-target marks and
// 3.13+ labels, argument reprs), from the decoded Program.
#include "tools/disassembler.h"

#include "bytecode/linetable.h"
#include "tools/dis_argrepr.h"
#include "tools/dis_repr.h"

#include <algorithm>
#include <map>
#include <set>

namespace xp::tools {

namespace {

// dis.findlinestarts() of the version, as (offset, line) with -1 for the
// 3.13+ "no line" starts.
std::vector<std::pair<uint32_t, int32_t>> dis_line_starts(const Code& code,
                                                         const std::vector<LineRange>& ranges) {
  if (code.version.before(3, 13)) return find_line_starts(code, ranges);
  // 3.13+: a start wherever the line changes, a change to "no line" included
  // (co_lines() merges neighbouring ranges of one line).
  std::vector<std::pair<uint32_t, int32_t>> out;
  bool first = true;
  int32_t last = -1;
  for (const LineRange& r : ranges) {
    if (first || r.pos.line != last) out.emplace_back(r.start, r.pos.line);
    first = false;
    last = r.pos.line;
  }
  return out;
}

int digits(uint64_t v) { return static_cast<int>(std::to_string(v).size()); }

void set_widths(DisCode& dc, const std::vector<std::pair<uint32_t, int32_t>>& starts,
                size_t nlabels, const DisOptions& opts) {
  const PyVersion v = dc.code->version;
  const uint64_t code_len = dc.code->code.size();
  int32_t maxline = -1;
  bool none_start = false;
  for (const auto& s : starts) {
    maxline = std::max(maxline, s.second);
    if (s.second < 0) none_start = true;
  }
  if (v.before(3, 7)) {
    dc.lineno_width = 3;
    dc.offset_width = 4;
  } else if (v.before(3, 13)) {
    // 3.7-3.9 always show the column; 3.10+ only with some line start.
    if (v.at_least(3, 10) && starts.empty())
      dc.lineno_width = 0;
    else
      dc.lineno_width = maxline >= 1000 ? digits(static_cast<uint64_t>(maxline)) : 3;
    const uint64_t maxoffset = code_len >= 2 ? code_len - 2 : 0;
    dc.offset_width = maxoffset >= 10000 ? digits(maxoffset) : 4;
  } else {
    if (maxline < 1) {
      dc.lineno_width = 0;
    } else {
      dc.lineno_width = std::max(3, digits(static_cast<uint64_t>(maxline)));
      if (dc.lineno_width < 4 && none_start) dc.lineno_width = 4;
    }
    dc.offset_width = opts.show_offsets ? digits(std::max<uint64_t>(code_len >= 2 ? code_len - 2 : 0, 9999)) : 0;
    dc.label_width = 4 + digits(nlabels);
  }
}

// The EXTENDED_ARG lines in front of instruction `k`, rebuilt from the raw
// bytes as dis walks them.
void add_prefix_lines(DisCode& dc, const InstrInfo& inf, bool* long_arg) {
  const Code& code = *dc.code;
  const bool wordcode = code.version.wordcode();
  const auto* b = reinterpret_cast<const uint8_t*>(code.code.data());
  const VersionTable& t = *dc.program->table;
  uint64_t acc = 0;
  for (uint32_t off = inf.start_offset; off < inf.offset; off += wordcode ? 2 : 3) {
    DisLine l;
    l.offset = l.start_offset = off;
    l.size = wordcode ? 2 : 3;
    l.opcode = b[off];
    l.opname = t.row(l.opcode)->name;
    l.has_arg = true;
    l.long_arg = *long_arg;
    l.arg = wordcode ? (acc << 8) | b[off + 1] : (acc << 16) + (b[off + 1] | (b[off + 2] << 8));
    acc = l.arg;
    l.prefix = true;
    dc.lines.push_back(std::move(l));
    *long_arg = code.version.major == 2;   // 2.x: extended_arg = oparg*65536L
  }
}

}  // namespace

DisCode disassemble(std::shared_ptr<const Code> code_ptr, const DisOptions& opts) {
  DisCode dc;
  dc.code = code_ptr;
  DecodeOptions dopts;
  dopts.verify = opts.verify;
  dc.program = decode(code_ptr, dopts);
  dc.verified = opts.verify;
  dc.repr = code_repr(*code_ptr);
  const Code& code = *code_ptr;
  const Program& prog = *dc.program;
  const PyVersion v = code.version;

  // Constants (nested code objects first disassembled, in co_consts order).
  for (const Const& c : code.consts) {
    DisConst k;
    if (c.is_code()) {
      k.type = "code";
      dc.children.push_back(disassemble(c.code, opts));
      k.repr = dc.children.back().repr;
      k.code_index = static_cast<int>(dc.children.size()) - 1;
    } else {
      k.type = c.obj ? Py_TYPE(c.obj.get())->tp_name : "NULL";
      k.repr = const_repr(c.obj.get(), v);
    }
    dc.consts.push_back(std::move(k));
  }

  // Lines: EXTENDED_ARG prefixes, then the instruction.
  const uint32_t n = static_cast<uint32_t>(code.code.size());
  for (size_t k = 0; k < prog.size(); ++k) {
    const InstrInfo& inf = prog.info[k];
    bool long_arg = false;
    add_prefix_lines(dc, inf, &long_arg);
    const OpcodeRow& row = *prog.table->row(prog.instrs[k].opcode);
    DisLine l;
    l.offset = inf.offset;
    l.start_offset = inf.start_offset;
    l.size = (k + 1 < prog.size() ? prog.info[k + 1].start_offset : n) - inf.offset;
    l.opcode = row.opcode;
    l.opname = row.name;
    l.has_arg = row.has_arg;
    l.arg = inf.raw_arg;
    l.long_arg = long_arg;
    if (inf.jump_offset != InstrInfo::kNoJump) l.jump_target = inf.jump_offset;
    l.index = static_cast<int32_t>(k);
    dc.lines.push_back(std::move(l));
  }

  for (const ExceptionEntry& e : prog.exception_table)
    dc.exceptions.push_back({e.start_offset, e.end_offset, e.target_offset, e.depth, e.lasti});

  // Jump-target marks: jump targets, and from 3.11 handler targets; 3.13+
  // numbers them as labels together with the exception ranges' bounds.
  std::set<uint32_t> marks;
  for (const DisLine& l : dc.lines)
    if (l.jump_target >= 0) marks.insert(static_cast<uint32_t>(l.jump_target));
  const bool labels = v.at_least(3, 13);
  for (const DisException& e : dc.exceptions) {
    marks.insert(e.target);
    if (labels) {
      marks.insert(e.start);
      marks.insert(e.end);
    }
  }
  std::map<uint32_t, int> label_of;
  if (labels) {
    int next = 1;
    for (uint32_t off : marks) label_of[off] = next++;
    for (DisException& e : dc.exceptions) {
      e.start_label = label_of[e.start];
      e.end_label = label_of[e.end];
      e.target_label = label_of[e.target];
    }
  }

  // Lines as dis.findlinestarts() sees them.
  const std::vector<LineRange> ranges = decode_line_ranges(code);
  const auto starts = dis_line_starts(code, ranges);
  std::map<uint32_t, int32_t> start_at(starts.begin(), starts.end());
  std::vector<int32_t> line_at(n, -1);
  for (const LineRange& r : ranges)
    for (uint32_t off = r.start; off < r.end && off < n; ++off) line_at[off] = r.pos.line;

  const ArgReprContext ctx{code, dc.consts, label_of};
  for (DisLine& l : dc.lines) {
    l.is_jump_target = marks.count(l.offset) != 0;
    if (labels) {
      auto it = label_of.find(l.offset);
      if (it != label_of.end()) l.label = it->second;
    }
    auto s = start_at.find(l.offset);
    if (s != start_at.end()) l.starts_line = true;
    l.line = l.offset < n ? line_at[l.offset] : -1;
    if (l.has_arg) l.argrepr = argrepr(ctx, *prog.table->row(l.opcode), l);
  }
  set_widths(dc, starts, label_of.size(), opts);
  return dc;
}

}  // namespace xp::tools
