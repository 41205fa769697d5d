"""Version-independent dump of code objects, for comparing xpython's loader
with a real interpreter's own view of the same .pyc.

Runs under Python 2.7 and 3.x (the pyenv interpreters):
    python pyc_dump.py FILE.pyc...      one JSON line per file: {"file":..., "code":...}
The unit tests also import it in the host (3.11) and call from_xp() on the
fields xpython loaded, so both sides go through the same normalisation.

Normal forms: every text (names, filename, ...) and every raw byte string as
hex of its bytes (2.x str: the bytes; unicode: UTF-8, lone surrogates
passed through); ints as decimal text; floats as float.hex(); containers as
lists; frozensets sorted.
"""
import binascii
import json
import marshal
import sys

PY2 = sys.version_info[0] == 2


def hx(b):
    return binascii.hexlify(b).decode("ascii")


def text_hex(s, py2_source=False):
    """Hex of a name's bytes. xpython gives 2.x names as str decoded with
    surrogateescape (py2_source=True undoes that)."""
    if isinstance(s, bytes):
        return hx(s)
    if PY2:
        return hx(s.encode("utf-8"))
    return hx(s.encode("utf-8", "surrogateescape" if py2_source else "surrogatepass"))


def norm_const(x):
    if x is None:
        return ["None"]
    if x is Ellipsis:
        return ["Ellipsis"]
    if x is StopIteration:
        return ["StopIteration"]
    if isinstance(x, bool):
        return ["bool", x]
    if isinstance(x, (int, long_type)):
        return ["int", str(x)]
    if isinstance(x, float):
        return ["float", x.hex()]
    if isinstance(x, complex):
        return ["complex", x.real.hex(), x.imag.hex()]
    if isinstance(x, bytes):  # 2.x str, 3.x bytes
        return ["bytes", hx(x)]
    if isinstance(x, unicode_type):
        return ["str", hx(x.encode("utf-8") if PY2 else x.encode("utf-8", "surrogatepass"))]
    if isinstance(x, tuple):
        return ["tuple", [norm_const(e) for e in x]]
    if isinstance(x, frozenset):
        return ["frozenset", sorted(json.dumps(norm_const(e), sort_keys=True) for e in x)]
    if isinstance(x, slice):
        return ["slice", norm_const(x.start), norm_const(x.stop), norm_const(x.step)]
    if hasattr(x, "co_code"):
        return ["code", dump_code(x)]
    return ["other", type(x).__name__, repr(x)]


long_type = long if PY2 else int  # noqa: F821
unicode_type = unicode if PY2 else str  # noqa: F821


def dump_code(co):
    v = sys.version_info[:2]
    if v >= (3, 10):
        table = co.co_linetable
    else:
        table = co.co_lnotab
    return {
        "argcount": co.co_argcount,
        "posonlyargcount": getattr(co, "co_posonlyargcount", 0),
        "kwonlyargcount": getattr(co, "co_kwonlyargcount", 0),
        "nlocals": co.co_nlocals,
        "stacksize": co.co_stacksize,
        "flags": co.co_flags,
        "firstlineno": co.co_firstlineno,
        "code": hx(co.co_code),
        "consts": [norm_const(c) for c in co.co_consts],
        "names": [text_hex(n) for n in co.co_names],
        "varnames": [text_hex(n) for n in co.co_varnames],
        "cellvars": [text_hex(n) for n in co.co_cellvars],
        "freevars": [text_hex(n) for n in co.co_freevars],
        "filename": text_hex(co.co_filename),
        "name": text_hex(co.co_name),
        "qualname": text_hex(getattr(co, "co_qualname", co.co_name)),
        "linetable": hx(table),
        "exceptiontable": hx(getattr(co, "co_exceptiontable", b"")),
    }


def from_xp(d, py2_source):
    """The same form from the fields xpython loaded (a dict built by the
    C++ test; nested code objects are nested dicts under "consts")."""
    out = {}
    for k in ("argcount", "posonlyargcount", "kwonlyargcount", "nlocals", "stacksize", "flags", "firstlineno"):
        out[k] = d[k]
    for k in ("code", "linetable", "exceptiontable"):
        out[k] = hx(d[k])
    for k in ("names", "varnames", "cellvars", "freevars"):
        out[k] = [text_hex(n, py2_source) for n in d[k]]
    for k in ("filename", "name", "qualname"):
        out[k] = text_hex(d[k], py2_source)
    out["consts"] = [["code", from_xp(c, py2_source)] if isinstance(c, dict) else norm_const(c) for c in d["consts"]]
    return out


def first_diff(a, b, path="code"):
    """Where two dumps differ first ("" when equal), for test messages."""
    if type(a) != type(b):
        return "%s: %r != %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s: only on one side" % (path, k)
            d = first_diff(a[k], b[k], path + "." + k)
            if d:
                return d
        return ""
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: length %d != %d: %r != %r" % (path, len(a), len(b), a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return ""
    return "" if a == b else "%s: %r != %r" % (path, a, b)


def header_size():
    v = sys.version_info[:2]
    if v >= (3, 7):
        return 16
    if v >= (3, 3):
        return 12
    return 8


def main(argv):
    for path in argv:
        with open(path, "rb") as f:
            data = f.read()
        co = marshal.loads(data[header_size():])
        sys.stdout.write(json.dumps({"file": path, "code": dump_code(co)}, sort_keys=True) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
