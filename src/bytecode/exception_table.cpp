#include "bytecode/exception_table.h"

#include "core/error.h"

namespace xp {

namespace {

// Exception-table varint: 6-bit chunks, most significant first, bit 6 =
// more follows; bit 7 marks the first byte of an entry.
class Reader {
 public:
  Reader(const std::string& s, const Code& code) : s_(s), code_(code) {}
  bool done() const { return pos_ >= s_.size(); }
  size_t pos() const { return pos_; }
  uint32_t varint(bool first) {
    uint8_t b = next();
    if (first != static_cast<bool>(b & 0x80))
      throw VerifyError(describe_location(code_, -1) + ": exception table byte " + std::to_string(pos_ - 1) +
                        (first ? " should start an entry" : " starts an entry too early"));
    uint64_t val = b & 63;
    while (b & 64) {
      b = next();
      if (b & 0x80)
        throw VerifyError(describe_location(code_, -1) + ": exception table entry truncated");
      val = (val << 6) | (b & 63);
      if (val > 0xFFFFFFFFull)
        throw VerifyError(describe_location(code_, -1) + ": exception table value too large");
    }
    return static_cast<uint32_t>(val);
  }

 private:
  uint8_t next() {
    if (pos_ >= s_.size())
      throw VerifyError(describe_location(code_, -1) + ": exception table ends inside an entry");
    return static_cast<uint8_t>(s_[pos_++]);
  }
  const std::string& s_;
  const Code& code_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<ExceptionEntry> decode_exception_table(const Program& prog) {
  const Code& code = *prog.code;
  std::vector<ExceptionEntry> out;
  Reader r(code.exceptiontable, code);
  const uint64_t n = code.code.size();
  auto boundary = [&](uint64_t off, bool allow_end, const char* what) -> uint32_t {
    if (allow_end && off == n) return static_cast<uint32_t>(prog.instrs.size());
    if (off >= n)
      throw VerifyError(describe_location(code, static_cast<int64_t>(off)) + ": exception table " + what +
                        " is outside the code");
    int32_t k = prog.offset_to_index[off];
    if (k < 0 || prog.info[static_cast<size_t>(k)].start_offset != off)
      throw VerifyError(describe_location(code, static_cast<int64_t>(off)) + ": exception table " + what +
                        " is not an instruction boundary");
    return static_cast<uint32_t>(k);
  };
  uint64_t prev_end = 0;
  while (!r.done()) {
    const uint64_t start = uint64_t{r.varint(true)} * 2;
    const uint64_t length = uint64_t{r.varint(false)} * 2;
    const uint64_t target = uint64_t{r.varint(false)} * 2;
    const uint32_t dl = r.varint(false);
    const uint64_t end = start + length;
    if (length == 0 || start < prev_end)
      throw VerifyError(describe_location(code, static_cast<int64_t>(start)) +
                        ": exception table entries are empty, overlapping or out of order");
    ExceptionEntry e{};
    e.start = boundary(start, false, "range start");
    e.end = boundary(end, true, "range end");
    e.target = boundary(target, false, "handler");
    e.depth = dl >> 1;
    e.lasti = dl & 1;
    e.start_offset = static_cast<uint32_t>(start);
    e.end_offset = static_cast<uint32_t>(end);
    e.target_offset = static_cast<uint32_t>(target);
    out.push_back(e);
    prev_end = end;
  }
  return out;
}

}  // namespace xp
