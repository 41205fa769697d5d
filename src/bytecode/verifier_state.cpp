#include "bytecode/verifier_state.h"

#include <algorithm>

namespace xp::verifier {

namespace {

template <class V>
auto find_pos(V& v, uint32_t pos) {
  return std::lower_bound(v.begin(), v.end(), pos,
                          [](const std::pair<uint32_t, Slot>& e, uint32_t p) { return e.first < p; });
}

// NULL-ness lattice plus "a tag joined with a plain object is a plain
// object"; different tags do not join.
bool join_kind(Slot a, Slot b, Slot* out) {
  if (a == b) {
    *out = a;
    return true;
  }
  // Different tracked objects are plain objects.
  if (is_typed(a.kind)) a = Slot{Kind::Obj, 0};
  if (is_typed(b.kind)) b = Slot{Kind::Obj, 0};
  if (a == b) {
    *out = a;
    return true;
  }
  const bool a_nullish = a.kind == Kind::Null || a.kind == Kind::Maybe;
  const bool b_nullish = b.kind == Kind::Null || b.kind == Kind::Maybe;
  if (a_nullish || b_nullish) {
    // Object-or-NULL: only plain objects and NULL/Maybe mix.
    const bool a_ok = a_nullish || a.kind == Kind::Obj;
    const bool b_ok = b_nullish || b.kind == Kind::Obj;
    if (!a_ok || !b_ok) return false;
    *out = Slot{Kind::Maybe, 0};
    return true;
  }
  if (a.kind == Kind::Obj || b.kind == Kind::Obj) {
    // A plain object and a protocol object: a plain object. (Unknown
    // objects never need their tag; protocol ops reject plain objects.)
    if (a.kind == Kind::Saved || b.kind == Kind::Saved || a.kind == Kind::FinNull || b.kind == Kind::FinNull ||
        a.kind == Kind::FuncNoClosure || b.kind == Kind::FuncNoClosure)
      return false;
    *out = Slot{Kind::Obj, 0};
    return true;
  }
  return false;
}

}  // namespace

Slot State::at(uint32_t pos) const {
  auto it = find_pos(special, pos);
  if (it != special.end() && it->first == pos) return it->second;
  return Slot{};
}

void State::set(uint32_t pos, Slot s) {
  auto it = find_pos(special, pos);
  const bool found = it != special.end() && it->first == pos;
  if (s.kind == Kind::Obj) {
    if (found) special.erase(it);
  } else if (found) {
    it->second = s;
  } else {
    special.insert(it, {pos, s});
  }
}

void State::push(Slot s) {
  ++depth;
  if (s.kind != Kind::Obj) special.emplace_back(depth - 1, s);
}

void State::truncate(uint32_t new_depth) {
  if (new_depth >= depth) return;
  special.erase(find_pos(special, new_depth), special.end());
  depth = new_depth;
}

bool join(State& a, const State& b, bool* changed) {
  *changed = false;
  if (a.depth != b.depth || a.blocks != b.blocks || a.kwnames != b.kwnames) return false;
  if (a == b) return true;
  // Slots: walk both sparse lists.
  std::vector<std::pair<uint32_t, Slot>> merged;
  size_t i = 0, j = 0;
  while (i < a.special.size() || j < b.special.size()) {
    uint32_t pos;
    Slot sa, sb;
    if (j >= b.special.size() || (i < a.special.size() && a.special[i].first < b.special[j].first)) {
      pos = a.special[i].first;
      sa = a.special[i++].second;
    } else if (i >= a.special.size() || b.special[j].first < a.special[i].first) {
      pos = b.special[j].first;
      sb = b.special[j++].second;
    } else {
      pos = a.special[i].first;
      sa = a.special[i++].second;
      sb = b.special[j++].second;
    }
    Slot out;
    if (!join_kind(sa, sb, &out)) return false;
    if (out.kind != Kind::Obj) merged.emplace_back(pos, out);
  }
  // Cells: a slot is known to be a cell only if it is on both paths.
  std::vector<uint64_t> cells = a.cells;
  for (size_t k = 0; k < cells.size() && k < b.cells.size(); ++k) cells[k] &= b.cells[k];
  if (merged != a.special || cells != a.cells) {
    a.special = std::move(merged);
    a.cells = std::move(cells);
    *changed = true;
  }
  return true;
}

}  // namespace xp::verifier
