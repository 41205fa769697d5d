#include "bytecode/linetable.h"

#include "core/error.h"

#include <climits>
#include <cstdint>

namespace xp {

namespace {

class ByteReader {
 public:
  ByteReader(const std::string& s, const Code& code) : s_(s), code_(code) {}
  bool done() const { return pos_ >= s_.size(); }
  uint8_t next() {
    if (pos_ >= s_.size())
      throw VerifyError(describe_location(code_, -1) + ": line table ends inside an entry");
    return static_cast<uint8_t>(s_[pos_++]);
  }
  uint8_t peek() const { return static_cast<uint8_t>(s_[pos_]); }
  // 3.11+ location table varint: 6-bit chunks, least significant first,
  // bit 6 = more follows.
  uint32_t varint() {
    uint8_t b = next();
    uint32_t val = b & 63;
    unsigned shift = 0;
    while (b & 64) {
      b = next();
      shift += 6;
      if (shift > 30)
        throw VerifyError(describe_location(code_, -1) + ": line table varint too long");
      val |= static_cast<uint32_t>(b & 63) << shift;
    }
    return val;
  }
  int32_t svarint() {
    uint32_t u = varint();
    return (u & 1) ? -static_cast<int32_t>(u >> 1) : static_cast<int32_t>(u >> 1);
  }

 private:
  const std::string& s_;
  const Code& code_;
  size_t pos_ = 0;
};

void add_range(std::vector<LineRange>& out, uint64_t start, uint64_t end, Position pos, size_t code_len) {
  if (start >= code_len) return;
  if (end > code_len) end = code_len;
  if (end <= start) return;
  out.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end), pos});
}

// Lines are summed in 64 bits: a crafted table (or co_firstlineno) can push
// them past int32, which is rejected rather than wrapped.
int32_t checked_line(const Code& code, int64_t line) {
  if (line < INT32_MIN || line > INT32_MAX)
    throw VerifyError(describe_location(code, -1) + ": the line table gives a line number out of range (" +
                      std::to_string(line) + ")");
  return static_cast<int32_t>(line);
}

// <= 3.9: co_lnotab pairs (address increment, line increment); the line
// increment is a signed byte from 3.6 on.
std::vector<LineRange> decode_lnotab(const Code& code) {
  std::vector<LineRange> out;
  const std::string& t = code.linetable;
  const bool signed_lines = code.version.at_least(3, 6);
  int64_t line = code.firstlineno;
  uint64_t addr = 0;
  for (size_t i = 0; i + 1 < t.size() && addr < code.code.size(); i += 2) {
    const uint32_t addr_incr = static_cast<uint8_t>(t[i]);
    const int32_t line_incr = signed_lines ? static_cast<int8_t>(t[i + 1]) : static_cast<uint8_t>(t[i + 1]);
    if (addr_incr) {
      Position p;
      p.line = p.end_line = checked_line(code, line);
      add_range(out, addr, addr + addr_incr, p, code.code.size());
      addr += addr_incr;
    }
    line += line_incr;
  }
  Position p;
  p.line = p.end_line = checked_line(code, line);
  add_range(out, addr, code.code.size(), p, code.code.size());
  return out;
}

// 3.10: co_linetable pairs (start delta, signed line delta); -128 = no line.
std::vector<LineRange> decode_linetable_310(const Code& code) {
  std::vector<LineRange> out;
  const std::string& t = code.linetable;
  int64_t line = code.firstlineno;
  uint64_t addr = 0;
  for (size_t i = 0; i + 1 < t.size() && addr < code.code.size(); i += 2) {
    const uint32_t sdelta = static_cast<uint8_t>(t[i]);
    const int32_t ldelta = static_cast<int8_t>(t[i + 1]);
    Position p;
    if (ldelta != -128) {
      line += ldelta;
      p.line = p.end_line = checked_line(code, line);
    }
    add_range(out, addr, addr + sdelta, p, code.code.size());
    addr += sdelta;
  }
  return out;
}

// 3.11+: location entries; see CPython's Objects/locations.md.
std::vector<LineRange> decode_locations(const Code& code) {
  std::vector<LineRange> out;
  ByteReader r(code.linetable, code);
  int64_t line = code.firstlineno;
  uint64_t addr = 0;
  while (!r.done()) {
    uint8_t first = r.next();
    if (!(first & 0x80))
      throw VerifyError(describe_location(code, addr) + ": location table entry does not start with a marker byte");
    int kind = (first >> 3) & 15;
    uint32_t length = ((first & 7) + 1) * 2;  // code units -> bytes
    Position p;
    if (kind == 15) {
      // no location
    } else if (kind == 14) {
      line += r.svarint();
      p.line = checked_line(code, line);
      p.end_line = checked_line(code, line + r.varint());
      p.col = static_cast<int32_t>(r.varint()) - 1;
      p.end_col = static_cast<int32_t>(r.varint()) - 1;
    } else if (kind == 13) {
      line += r.svarint();
      p.line = p.end_line = checked_line(code, line);
    } else if (kind >= 10) {
      line += kind - 10;
      p.line = p.end_line = checked_line(code, line);
      p.col = r.next();
      p.end_col = r.next();
    } else {
      uint8_t second = r.next();
      p.line = p.end_line = checked_line(code, line);
      p.col = (kind << 3) | ((second >> 4) & 7);
      p.end_col = p.col + (second & 15);
    }
    add_range(out, addr, addr + length, p, code.code.size());
    addr += length;
  }
  return out;
}

}  // namespace

std::vector<LineRange> decode_line_ranges(const Code& code) {
  if (code.version.at_least(3, 11)) return decode_locations(code);
  if (code.version.at_least(3, 10)) return decode_linetable_310(code);
  return decode_lnotab(code);
}

std::vector<std::pair<uint32_t, int32_t>> find_line_starts(const Code& code,
                                                           const std::vector<LineRange>& ranges) {
  std::vector<std::pair<uint32_t, int32_t>> out;
  int32_t last = -1;
  const bool reset_on_none = code.version.at_least(3, 13);
  for (const LineRange& r : ranges) {
    if (r.pos.line < 0) {
      if (reset_on_none) last = -1;  // 3.13 dis: a line after a no-line range starts again
      continue;
    }
    if (r.pos.line != last) {
      last = r.pos.line;
      out.emplace_back(r.start, r.pos.line);
    }
  }
  return out;
}

}  // namespace xp
