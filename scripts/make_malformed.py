#!/usr/bin/env python3
"""Writes tests/malformed/: hand-made bad .pyc files, one defect each.

Usage: scripts/make_malformed.py [OUT_DIR]     (default tests/malformed)

Each file is a small, otherwise valid .pyc of some version with exactly one
thing wrong, named after it. EXPECTED.tsv lists, per file, the exit status
xpython must end with (2 malformed input, 3 known but unsupported version)
and a substring of the one-line message. controls/ holds the untouched base
file of every version used, which must load and decode: it shows that each
failure comes from the defect and not from the base.

Nothing here is copied from an interpreter: the marshal bytes are written by
the small encoder below, opcode numbers come from facts/opcodes-*.tsv and
magic numbers from facts/magic-numbers.tsv.
"""
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACTS = os.path.join(ROOT, "facts")

# ---------------------------------------------------------------- facts


def load_opcodes(tag):
    ops = {}
    for line in open(os.path.join(FACTS, "opcodes-%s.tsv" % tag)):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        ops[f[1]] = (int(f[0]), int(f[4]))  # name -> (opcode, cache entries)
    return ops


def release_magic(major, minor, pypy=False):
    best = None
    for line in open(os.path.join(FACTS, "magic-numbers.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        magic, label = line.rstrip("\n").split("\t")[:2]
        m = re.match(r"(\d+)\.(\d+)", label)
        low = label.lower()
        is_pypy = "pypy" in low
        other = any(w in low for w in ("rust", "graal", "jython", "pyston", "dropbox"))
        mi = 0 if label.startswith("3.000") else int(m.group(2))
        if other or is_pypy != pypy or (int(m.group(1)), mi) != (major, minor):
            continue
        best = max(best or 0, int(magic))
    assert best, (major, minor, pypy)
    return best


def magic_of_label(word):
    for line in open(os.path.join(FACTS, "magic-numbers.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        magic, label = line.rstrip("\n").split("\t")[:2]
        if word.lower() in label.lower():
            return int(magic)
    raise KeyError(word)


# ---------------------------------------------------------------- versions


class V:
    def __init__(self, major, minor, pypy=False):
        self.major, self.minor, self.pypy = major, minor, pypy
        self.key = (major, minor)
        self.tag = "%d.%d%s" % (major, minor, "-pypy" if pypy else "")
        self.ops = load_opcodes(self.tag)
        self.magic = release_magic(major, minor, pypy)

    def header(self):
        m = struct.pack("<H", self.magic) + b"\r\n"
        if self.key >= (3, 7):
            return m + struct.pack("<III", 0, 0, 0)
        if self.key >= (3, 3):
            return m + struct.pack("<II", 0, 0)
        return m + struct.pack("<I", 0)

    def instr(self, name, arg=0):
        op, caches = self.ops[name]
        if self.key >= (3, 6):
            return bytes([op, arg]) + b"\0\0" * caches
        if op >= 90:
            return bytes([op]) + struct.pack("<H", arg)
        return bytes([op])

    def body(self):
        """A module body that returns None (consts[0])."""
        b = b""
        if self.key >= (3, 11):
            b += self.instr("RESUME")
        if "RETURN_CONST" in self.ops:
            return b + self.instr("RETURN_CONST", 0)
        return b + self.instr("LOAD_CONST", 0) + self.instr("RETURN_VALUE")


# ---------------------------------------------------------------- marshal encoder


class Raw(bytes):
    """Bytes put into the stream as they are (a defect, usually)."""


class Code:
    def __init__(self, v, **kw):
        self.v = v
        self.f = dict(argcount=0, posonlyargcount=0, kwonlyargcount=0, nlocals=0, stacksize=1, flags=0x40,
                      code=v.body(), consts=(None,), names=(), varnames=(), freevars=(), cellvars=(),
                      filename="m.py", name="<module>", qualname="<module>", firstlineno=1, lnotab=b"",
                      exceptiontable=b"", localsplusnames=(), localspluskinds=b"")
        self.f.update(kw)


def i32(n):
    return struct.pack("<i", n)


def enc(v, x):
    if isinstance(x, Raw):
        return bytes(x)
    if x is None:
        return b"N"
    if x is True:
        return b"T"
    if x is False:
        return b"F"
    if isinstance(x, int):
        if -2**31 <= x < 2**31:
            return b"i" + i32(x)
        digits, n = [], abs(x)
        while n:
            digits.append(n & 0x7FFF)
            n >>= 15
        return b"l" + i32(len(digits) if x > 0 else -len(digits)) + b"".join(struct.pack("<H", d) for d in digits)
    if isinstance(x, float):
        if v.key >= (2, 5):
            return b"g" + struct.pack("<d", x)
        t = repr(x).encode()
        return b"f" + bytes([len(t)]) + t
    if isinstance(x, bytes):
        return b"s" + i32(len(x)) + x
    if isinstance(x, str):
        u = x.encode("utf-8")
        if v.major == 2:
            return b"t" + i32(len(u)) + u
        if v.key >= (3, 4) and x.isascii():
            return (b"z" + bytes([len(u)]) + u) if len(u) < 256 else (b"a" + i32(len(u)) + u)
        return b"u" + i32(len(u)) + u
    if isinstance(x, tuple):
        items = b"".join(enc(v, e) for e in x)
        if v.key >= (3, 4) and len(x) < 256:
            return b")" + bytes([len(x)]) + items
        return b"(" + i32(len(x)) + items
    if isinstance(x, list):
        return b"[" + i32(len(x)) + b"".join(enc(v, e) for e in x)
    if isinstance(x, Code):
        return enc_code(x)
    raise TypeError(x)


def enc_code(c):
    v, f = c.v, c.f
    out = b"c"

    def num(k):
        return f[k] if isinstance(f[k], Raw) else i32(f[k])

    out += num("argcount")
    if v.key >= (3, 8):
        out += num("posonlyargcount")
    if v.major >= 3:
        out += num("kwonlyargcount")
    if v.key < (3, 11):
        out += num("nlocals")
    out += num("stacksize") + num("flags")
    out += enc(v, f["code"]) + enc(v, f["consts"]) + enc(v, f["names"])
    if v.key >= (3, 11):
        out += enc(v, f["localsplusnames"]) + enc(v, f["localspluskinds"])
    else:
        out += enc(v, f["varnames"]) + enc(v, f["freevars"]) + enc(v, f["cellvars"])
    out += enc(v, f["filename"]) + enc(v, f["name"])
    if v.key >= (3, 11):
        out += enc(v, f["qualname"])
    out += num("firstlineno") + enc(v, f["lnotab"])
    if v.key >= (3, 11):
        out += enc(v, f["exceptiontable"])
    return out


def pyc(v, **kw):
    return v.header() + enc_code(Code(v, **kw))


def pyc_payload(v, payload):
    return v.header() + payload


# ---------------------------------------------------------------- the cases

V24, V25, V26, V27 = V(2, 4), V(2, 5), V(2, 6), V(2, 7)
V31, V32, V33, V34, V35, V36, V37, V38, V39, V310 = (V(3, m) for m in range(1, 11))
V311, V312, V313, V314 = V(3, 11), V(3, 12), V(3, 13), V(3, 14)
V30 = V(3, 0)
VP39 = V(3, 9, pypy=True)
VP27 = V(2, 7, pypy=True)
ALL = [V24, V25, V26, V27, V30, V31, V32, V33, V34, V35, V36, V37, V38, V39, V310, V311, V312, V313, V314, VP39, VP27]

CASES = []  # (name, bytes, status, message substring)


def case(name, data, needle, status=2):
    CASES.append((name, data, status, needle))


def consts_with(v, raw):
    """A valid code object whose co_consts holds one raw-encoded item after None."""
    return pyc(v, consts=(None, Raw(raw)))


def build():
    nested_tuples = b")\x01" * 3000 + b"N"

    # ---- headers
    case("trunc_header_0bytes.pyc", b"", "truncated .pyc header")
    case("trunc_header_3bytes.pyc", V27.header()[:3], "truncated .pyc header")
    case("trunc_header_7bytes.pyc", V27.header()[:7], "headers have 8")
    case("31_trunc_header_7bytes.pyc", V31.header()[:7], "headers have 8")
    case("35_trunc_header_11bytes.pyc", V35.header()[:11], "headers have 12")
    case("311_trunc_header_15bytes.pyc", V311.header()[:15], "headers have 16")
    case("bad_crlf_after_magic.pyc", V27.header()[:2] + b"\n\r" + pyc(V27)[4:], "not followed by")
    case("no_crlf_text_file.pyc", b"print('hello')\n", "not followed by")
    case("unknown_magic.pyc", struct.pack("<H", 4242) + pyc(V27)[2:], "unknown magic number 4242")
    case("unknown_magic_zero.pyc", b"\0\0\r\n" + pyc(V311)[4:], "unknown magic number 0")
    case("jython_magic.pyc", struct.pack("<H", magic_of_label("Jython")) + pyc(V27)[2:], "Jython", 3)
    case("graalpy_magic.pyc", struct.pack("<H", magic_of_label("Graal")) + pyc(V311)[2:], "Graal", 3)
    case("rustpython_magic.pyc", struct.pack("<H", magic_of_label("rust")) + pyc(V311)[2:], "rust", 3)
    case("pyston_magic.pyc", struct.pack("<H", magic_of_label("Pyston")) + pyc(V27)[2:], "Pyston", 3)
    case("py15_magic.pyc", struct.pack("<H", release_magic(1, 5)) + pyc(V27)[2:], "not supported", 3)
    case("py23_magic.pyc", struct.pack("<H", release_magic(2, 3)) + pyc(V27)[2:], "not supported", 3)
    case("py315_magic.pyc", struct.pack("<H", release_magic(3, 15)) + pyc(V311)[2:], "not supported", 3)
    case("pypy33_magic.pyc", struct.pack("<H", release_magic(3, 3, True)) + pyc(V33)[2:], "not supported", 3)
    case("311_invalid_pep552_flags.pyc", V311.header()[:4] + i32(4) + pyc(V311)[8:], "invalid .pyc flags")
    case("38_invalid_pep552_flags_high_bit.pyc", V38.header()[:4] + struct.pack("<I", 0x80000001) + pyc(V38)[8:],
         "invalid .pyc flags")
    case("27_header_only.pyc", V27.header(), "truncated data")
    case("311_header_only.pyc", V311.header(), "truncated data")
    case("311_top_level_none.pyc", pyc_payload(V311, b"N"), "not a code object")
    case("27_top_level_tuple.pyc", pyc_payload(V27, enc(V27, (1, 2))), "not a code object")
    case("36_top_level_ref.pyc", pyc_payload(V36, b"r" + i32(0)), "not a code object")

    # ---- type codes a version never had
    case("27_unknown_type_code.pyc", consts_with(V27, b"?"), "not a marshal type")
    case("311_unknown_type_code_0x01.pyc", consts_with(V311, b"\x01"), "not a marshal type")
    case("27_short_ascii_z.pyc", consts_with(V27, b"z\x01a"), "0x7a 'z' is not a marshal type of Python 2.7")
    case("33_ascii_a.pyc", consts_with(V33, b"a" + i32(1) + b"a"), "not a marshal type of Python 3.3")
    case("27_small_tuple.pyc", consts_with(V27, b")\x00"), "not a marshal type of Python 2.7")
    case("27_flag_ref.pyc", consts_with(V27, b"\xe9" + i32(1)), "FLAG_REF")
    case("33_flag_ref.pyc", consts_with(V33, b"\xe9" + i32(1)), "FLAG_REF")
    case("32_ref_r.pyc", consts_with(V32, b"r" + i32(0)), "not a marshal type of Python 3.2")
    case("33_interned_t.pyc", consts_with(V33, b"t" + i32(1) + b"x"), "not a marshal type of Python 3.3")
    case("311_stringref_R.pyc", consts_with(V311, b"R" + i32(0)), "not a marshal type of Python 3.11")
    case("313_slice.pyc", consts_with(V313, b":NNN"), "not a marshal type of Python 3.13")
    case("24_binary_float.pyc", consts_with(V24, b"g" + b"\0" * 8), "not a marshal type of Python 2.4")
    case("24_binary_complex.pyc", consts_with(V24, b"y" + b"\0" * 16), "not a marshal type of Python 2.4")
    case("311_null_in_tuple.pyc", consts_with(V311, b")\x01" + b"0"), "NULL object")
    case("27_null_dict_value.pyc", consts_with(V27, b"{" + enc(V27, 1) + b"0"), "NULL object")
    case("311_null_as_const.pyc", consts_with(V311, b"0"), "NULL object")

    # ---- references
    case("27_bad_ref_index.pyc", pyc(V27, names=("a", Raw(b"R" + i32(5)))), "string reference 5 out of range")
    case("27_negative_stringref.pyc", pyc(V27, names=(Raw(b"R" + i32(-1)),)), "out of range")
    case("26_stringref_before_any_interned.pyc", pyc(V26, filename=Raw(b"R" + i32(0))), "out of range")
    case("311_ref_out_of_range.pyc", consts_with(V311, b"r" + i32(1000)), "reference index 1000 out of range")
    case("34_ref_negative.pyc", consts_with(V34, b"r" + i32(-1)), "out of range")
    case("311_ref_cycle.pyc", consts_with(V311, b"\xa9\x01" + b"r" + i32(0)), "still being read")
    case("311_ref_cycle_frozenset.pyc", consts_with(V311, b"\xbe" + i32(1) + b"r" + i32(0)), "still being read")
    inner = enc_code(Code(V311, name="inner"))
    case("311_ref_to_code.pyc", pyc(V311, consts=(None, Raw(b"\xe3" + inner[1:]), Raw(b"r" + i32(0)))),
         "to a code object")
    case("312_ref_to_code_as_name.pyc",
         pyc(V312, consts=(None, Raw(b"\xe3" + enc_code(Code(V312, name="inner"))[1:])), name=Raw(b"r" + i32(0))),
         "to a code object")
    case("311_ref_to_consts_holding_code.pyc",
         pyc(V311, consts=Raw(b"\xa9\x02N" + inner), names=Raw(b"r" + i32(0))), "co_consts tuple holding one")
    case("311_ref_to_top_level_code.pyc", V311.header() + b"\xe3" + enc_code(Code(V311, consts=(None, Raw(b"r" + i32(0)))))[1:],
         "still being read")

    # ---- lengths (checked before allocating)
    case("huge_tuple_length.pyc", consts_with(V311, b"(" + i32(0x7FFFFFFF)), "runs past the end")
    case("27_huge_list_length.pyc", consts_with(V27, b"[" + i32(0x7FFFFFFF)), "runs past the end")
    case("27_huge_string_length.pyc", consts_with(V27, b"s" + i32(0x7FFFFFF0) + b"abc"), "runs past the end")
    case("311_huge_bytes_length.pyc", consts_with(V311, b"s" + i32(0x7FFFFFFF)), "runs past the end")
    case("35_huge_unicode_length.pyc", consts_with(V35, b"u" + i32(0x40000000) + b"x"), "runs past the end")
    case("311_huge_ascii_length.pyc", consts_with(V311, b"a" + i32(0x7FFFFFFF)), "runs past the end")
    case("311_huge_set_length.pyc", consts_with(V311, b"<" + i32(0x7FFFFFFF)), "runs past the end")
    case("312_huge_frozenset_length.pyc", consts_with(V312, b">" + i32(0x10000000) + b"N"), "runs past the end")
    case("311_huge_long_digits.pyc", consts_with(V311, b"l" + i32(0x7FFFFFFF)), "runs past the end")
    case("27_huge_negative_long.pyc", consts_with(V27, b"l" + i32(-0x80000000)), "runs past the end")
    case("311_negative_tuple_length.pyc", consts_with(V311, b"(" + i32(-1)), "negative")
    case("27_negative_string_length.pyc", consts_with(V27, b"s" + i32(-5)), "negative")
    case("311_short_ascii_past_end.pyc", pyc(V311, filename=Raw(b"z\xffab")), "truncated")
    case("314_huge_bytes_length.pyc", consts_with(V314, b"s" + i32(0x7FFFFFFF)), "runs past the end")
    case("25_huge_tuple_length.pyc", consts_with(V25, b"(" + i32(0x7FFFFFFF)), "runs past the end")
    case("pypy39_huge_tuple_length.pyc", consts_with(VP39, b"(" + i32(0x7FFFFFFF)), "runs past the end")

    # ---- bad scalar data
    case("27_long_bad_digit.pyc", consts_with(V27, b"l" + i32(1) + struct.pack("<H", 0x8000)), "digit")
    case("311_long_unnormalized.pyc", consts_with(V311, b"l" + i32(2) + b"\x01\x00\x00\x00"), "unnormalized")
    case("27_float_text_garbage.pyc", consts_with(V27, b"f\x031x5"), "bad float text")
    case("24_float_text_empty.pyc", consts_with(V24, b"f\x00"), "bad float text")
    case("26_complex_text_garbage.pyc", consts_with(V26, b"x\x011\x02zz"), "bad float text")
    case("311_invalid_utf8_unicode.pyc", consts_with(V311, b"u" + i32(2) + b"\xff\xfe"), "cannot build str")
    case("36_invalid_utf8_name.pyc", pyc(V36, names=(Raw(b"u" + i32(1) + b"\x80"),)), "cannot build str")
    case("311_unhashable_frozenset.pyc", consts_with(V311, b">" + i32(1) + b"[" + i32(0)), "TypeError")
    case("27_unhashable_dict_key.pyc", consts_with(V27, b"{" + b"[" + i32(0) + b"N0"), "bad dict key")

    # ---- truncation inside objects
    full27, full311 = pyc(V27, consts=(None, 123456789, "text")), pyc(V311, consts=(None, 2.5, "text"))
    case("27_trunc_in_code_bytes.pyc", V27.header() + enc_code(Code(V27))[:25], "runs past the end")
    case("27_trunc_after_type_byte.pyc", full27[:len(V27.header()) + 1], "truncated")
    case("27_trunc_last_byte.pyc", full27[:-1], "truncated")
    case("311_trunc_in_consts.pyc", full311[:len(full311) - 40], "truncated")
    fl = enc_code(Code(V311, consts=(None, 2.5)))
    case("311_trunc_in_binary_float.pyc", V311.header() + fl[:fl.index(b"g" + struct.pack("<d", 2.5)) + 4], "truncated")
    case("311_trunc_last_byte.pyc", full311[:-1], "truncated")
    case("36_trunc_in_counts.pyc", V36.header() + enc_code(Code(V36))[:7], "truncated")
    case("313_trunc_before_exceptiontable.pyc", pyc(V313)[:-1], "truncated")
    case("pypy39_trunc_last_byte.pyc", pyc(VP39)[:-1], "truncated")

    # ---- recursion bombs
    case("deep_tuple_nesting_bomb.pyc", consts_with(V311, nested_tuples), "nested more than 2000")
    case("27_deep_list_nesting_bomb.pyc", consts_with(V27, b"[" * 1 + (i32(1) + b"[") * 5000 + i32(0)), "nested more than 2000")
    case("35_deep_tuple_nesting_bomb.pyc", consts_with(V35, (b"(" + i32(1)) * 2500 + b"N"), "nested more than 2000")
    # 2100 code objects, each the co_consts of the previous one (built flat:
    # every level is the same prefix and suffix around the next).
    mark = b"\x00MARK\x00"
    pre, post = enc_code(Code(V311, consts=(None, Raw(mark)))).split(mark)
    case("deep_code_nesting_bomb.pyc", V311.header() + pre * 2100 + enc_code(Code(V311)) + post * 2100,
         "nested more than 2000")
    case("311_deep_dict_nesting_bomb.pyc", consts_with(V311, b"{i\x00\x00\x00\x00" * 2500 + b"N" + b"0" * 2500),
         "nested more than 2000")
    case("314_deep_frozenset_nesting_bomb.pyc", consts_with(V314, (b">" + i32(1)) * 2100 + b"N"), "nested more than 2000")

    # ---- code objects where only constants may hold them
    case("311_code_in_tuple.pyc", consts_with(V311, b")\x01" + inner), "code object outside")
    case("27_code_in_list.pyc", consts_with(V27, b"[" + i32(1) + enc_code(Code(V27))), "code object outside")
    case("311_code_as_name.pyc", pyc(V311, name=Raw(inner)), "code object outside")
    case("38_code_as_co_code.pyc", pyc(V38, code=Raw(enc_code(Code(V38)))), "code object outside")
    case("311_code_in_frozenset.pyc", consts_with(V311, b">" + i32(1) + inner), "code object outside")

    # ---- code object fields of the wrong type
    case("27_code_not_string.pyc", pyc(V27, code=Raw(enc(V27, 5))), "co_code must be a str")
    case("311_code_not_bytes.pyc", pyc(V311, code=Raw(enc(V311, "text"))), "co_code must be bytes")
    case("36_code_is_none.pyc", pyc(V36, code=Raw(b"N")), "co_code must be bytes")
    case("311_code_names_not_tuple.pyc", pyc(V311, names=Raw(enc(V311, ["a"]))), "co_names must be a tuple")
    case("311_names_item_not_str.pyc", pyc(V311, names=(1,)), "co_names must be a str")
    case("311_names_item_bytes.pyc", pyc(V311, names=(b"a",)), "co_names must be a str")
    case("38_varnames_not_tuple.pyc", pyc(V38, varnames=Raw(b"N")), "co_varnames must be a tuple")
    case("35_freevars_item_bytes.pyc", pyc(V35, freevars=(b"x",)), "co_freevars must be a str")
    case("27_cellvars_not_tuple.pyc", pyc(V27, cellvars=Raw(enc(V27, 3))), "co_cellvars must be a tuple")
    case("311_filename_not_str.pyc", pyc(V311, filename=Raw(enc(V311, 7))), "co_filename must be a str")
    case("311_name_is_bytes.pyc", pyc(V311, name=b"f"), "co_name must be a str")
    case("311_qualname_none.pyc", pyc(V311, qualname=Raw(b"N")), "co_qualname must be a str")
    case("310_linetable_not_bytes.pyc", pyc(V310, lnotab=Raw(enc(V310, (1,)))), "co_linetable must be bytes")
    case("27_lnotab_is_tuple.pyc", pyc(V27, lnotab=Raw(enc(V27, ()))), "co_lnotab must be a str")
    case("311_exceptiontable_not_bytes.pyc", pyc(V311, exceptiontable=Raw(b"N")), "co_exceptiontable must be bytes")
    case("311_consts_not_tuple.pyc", pyc(V311, consts=Raw(enc(V311, [None]))), "co_consts must be a tuple")
    case("27_consts_is_none.pyc", pyc(V27, consts=Raw(b"N")), "co_consts must be a tuple")
    case("34_consts_ref_to_bytes.pyc", pyc(V34, code=Raw(b"\xf3" + i32(4) + V34.body()), consts=Raw(b"r" + i32(0))),
         "co_consts must be a tuple")
    case("311_localspluskinds_not_bytes.pyc", pyc(V311, localspluskinds=Raw(enc(V311, "x"))),
         "co_localspluskinds must be bytes")
    case("311_localsplusnames_not_tuple.pyc", pyc(V311, localsplusnames=Raw(b"N")), "co_localsplusnames must be a tuple")
    case("pypy39_code_names_not_tuple.pyc", pyc(VP39, names=Raw(b"N")), "co_names must be a tuple")

    # ---- code object fields with impossible values
    case("311_localspluskinds_length_mismatch.pyc", pyc(V311, localsplusnames=("a", "b"), localspluskinds=b"\x20"),
         "entries for 2")
    case("312_localspluskinds_zero_kind.pyc", pyc(V312, localsplusnames=("a",), localspluskinds=b"\x00"),
         "neither local, cell nor free")
    case("311_localsplus_free_and_local.pyc", pyc(V311, localsplusnames=("a",), localspluskinds=b"\xa0"),
         "cannot also be local")
    case("313_localsplus_free_not_last.pyc", pyc(V313, localsplusnames=("a", "b"), localspluskinds=b"\x80\x20"),
         "after a free variable")
    case("27_negative_argcount.pyc", pyc(V27, argcount=-1), "co_argcount is negative")
    case("38_negative_posonlyargcount.pyc", pyc(V38, posonlyargcount=-3), "co_posonlyargcount is negative")
    case("35_negative_kwonlyargcount.pyc", pyc(V35, kwonlyargcount=-1), "co_kwonlyargcount is negative")
    case("27_negative_nlocals.pyc", pyc(V27, nlocals=-1), "co_nlocals is negative")
    case("311_negative_stacksize.pyc", pyc(V311, stacksize=-1), "co_stacksize is negative")
    case("38_posonly_gt_argcount.pyc", pyc(V38, posonlyargcount=2, argcount=1, varnames=("a",), nlocals=1),
         "co_posonlyargcount 2 > co_argcount 1")
    case("27_nlocals_gt_varnames.pyc", pyc(V27, nlocals=5, varnames=("a",)), "co_nlocals 5 > len(co_varnames) 1")
    case("311_args_gt_locals.pyc", pyc(V311, argcount=2, localsplusnames=("a",), localspluskinds=b"\x20"),
         "2 arguments but only 1")
    case("36_varargs_flag_without_name.pyc", pyc(V36, flags=0x40 | 0x04), "1 arguments but only 0")
    case("37_kwonly_without_names.pyc", pyc(V37, kwonlyargcount=3), "3 arguments but only 0")
    case("311_huge_stacksize.pyc", pyc(V311, stacksize=0x7FFFFFFF), "co_stacksize 2147483647 is impossible")
    case("27_huge_stacksize.pyc", pyc(V27, stacksize=100000), "co_stacksize 100000 is impossible")
    case("311_nested_code_names_not_tuple.pyc", pyc(V311, consts=(None, Code(V311, names=Raw(b"N")))),
         "co_names must be a tuple")
    case("27_nested_code_negative_argcount.pyc", pyc(V27, consts=(None, Code(V27, argcount=-7))),
         "co_argcount is negative")
    case("31_negative_stacksize.pyc", pyc(V31, stacksize=-2), "co_stacksize is negative")
    case("314_args_gt_locals.pyc", pyc(V314, argcount=1), "1 arguments but only 0")

    # ---- more eras
    case("30_flag_ref.pyc", consts_with(V30, b"\xe9" + i32(1)), "FLAG_REF")
    case("30_names_not_tuple.pyc", pyc(V30, names=Raw(b"N")), "co_names must be a tuple")
    case("39_huge_list_length.pyc", consts_with(V39, b"[" + i32(0x7FFFFFFF)), "runs past the end")
    case("39_names_item_int.pyc", pyc(V39, names=(1,)), "co_names must be a str")
    case("37_hash_based_header_truncated.pyc", V37.header()[:4] + i32(1) + b"\0" * 4, "headers have 16")
    case("310_ref_cycle_list.pyc", consts_with(V310, b"\xdb" + i32(1) + b"r" + i32(0)), "still being read")
    case("312_ref_out_of_range.pyc", consts_with(V312, b"r" + i32(3)), "reference index 3 out of range")
    case("313_huge_string_length.pyc", consts_with(V313, b"u" + i32(0x7FFFFFFF)), "runs past the end")
    case("pypy27_short_ascii_z.pyc", consts_with(VP27, b"z\x01a"), "not a marshal type of Python 2.7-pypy")
    case("pypy27_negative_argcount.pyc", pyc(VP27, argcount=-1), "co_argcount is negative")

    # ---- bytecode the version never had (load succeeds, decode must fail)
    def bad_op(v):
        for op in range(255, 0, -1):
            if op not in {o for o, _ in v.ops.values()}:
                return op
    for v in (V27, V36, V311, V314, V24, VP39):
        op = bad_op(v)
        body = bytes([op, 0]) if v.key >= (3, 6) else bytes([op]) + (b"\0\0" if op >= 90 else b"")
        case("%s_bad_opcode_%d.pyc" % (v.tag.replace(".", "").replace("-", ""), op), pyc(v, code=body + v.body()),
             "not an opcode")
    case("36_odd_code_length.pyc", pyc(V36, code=V36.body() + b"\x09"), "odd length")
    case("27_empty_code.pyc", pyc(V27, code=b""), "empty co_code")
    case("27_const_index_out_of_range.pyc", pyc(V27, code=V27.instr("LOAD_CONST", 7) + V27.instr("RETURN_VALUE")),
         "out of range")
    case("311_const_index_out_of_range.pyc",
         pyc(V311, code=V311.instr("RESUME") + V311.instr("LOAD_CONST", 9) + V311.instr("RETURN_VALUE")), "out of range")
    case("27_name_index_out_of_range.pyc", pyc(V27, code=V27.instr("LOAD_NAME", 3) + V27.body()), "out of range")
    case("27_jump_out_of_range.pyc", pyc(V27, code=V27.instr("JUMP_ABSOLUTE", 200) + V27.body()), "outside the code")
    case("310_jump_forward_out_of_range.pyc", pyc(V310, code=V310.instr("JUMP_FORWARD", 90) + V310.body()),
         "outside the code")
    case("27_truncated_instruction.pyc", pyc(V27, code=V27.body() + V27.instr("LOAD_CONST", 0)[:2]), "runs past the end")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests", "malformed")
    build()
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    os.makedirs(os.path.join(out, "controls"), exist_ok=True)
    for f in os.listdir(out):
        if f.endswith(".pyc"):
            os.remove(os.path.join(out, f))
    rows = ["# file\texpected exit status\tsubstring of the message (written by scripts/make_malformed.py)\n"]
    for name, data, status, needle in CASES:
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        rows.append("%s\t%d\t%s\n" % (name, status, needle))
    with open(os.path.join(out, "EXPECTED.tsv"), "w") as f:
        f.writelines(rows)
    for v in ALL:
        with open(os.path.join(out, "controls", "%s_valid.pyc" % v.tag), "wb") as f:
            f.write(pyc(v, consts=(None, 1, 2.5, "text", b"raw", (1, ("x", 2**70)))))
    print("wrote %d malformed files and %d controls to %s" % (len(CASES), len(ALL), out))


if __name__ == "__main__":
    main()
