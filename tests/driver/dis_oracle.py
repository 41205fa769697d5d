# Runs under the interpreter being compared (2.7 and 3.6+; keep it 2.7-clean).
#
#   python dis_oracle.py OUTDIR LISTFILE > oracle.json
#
# LISTFILE names one source file per line. Each one that this interpreter
# compiles is written to OUTDIR as a .pyc of this interpreter (header +
# marshal of the very code object that dis is then run on), and described
# in the JSON on stdout: what this interpreter's own dis says about every
# instruction of every code object, and dis's text listing (dis.dis for
# 3.7+, which recurses; for 2.7 and 3.6 the same recursion done here).
import json
import marshal
import os
import re
import struct
import sys
import time
import dis

if sys.version_info[0] == 2:
    from StringIO import StringIO  # 2.x print writes byte strings
else:
    from io import StringIO

PY = sys.version_info[:2]


def magic_number():
    try:
        import importlib.util
        return importlib.util.MAGIC_NUMBER
    except (ImportError, AttributeError):
        import imp
        return imp.get_magic()


def pyc_bytes(code, source_len):
    hdr = magic_number()
    if PY >= (3, 7):
        hdr += struct.pack("<I", 0)
    hdr += struct.pack("<I", int(time.time()) & 0xFFFFFFFF)
    if PY >= (3, 3):
        hdr += struct.pack("<I", source_len & 0xFFFFFFFF)
    return hdr + marshal.dumps(code)


def is_code(x):
    return hasattr(x, "co_code")


# ---- instructions as dis sees them ----------------------------------------

def jump_ops():
    ops = set(dis.hasjrel) | set(dis.hasjabs)
    ops |= set(getattr(dis, "hasjump", []))
    return ops


def instructions_3x(co):
    jumps = jump_ops()
    out = []
    # dis.Bytecode, not get_instructions: in 3.11+ only Bytecode (and so
    # dis.dis) counts exception handlers as jump targets / labels.
    for ins in dis.Bytecode(co):
        if PY >= (3, 13):
            starts = bool(ins.starts_line)
            line = ins.line_number
        else:
            starts = ins.starts_line is not None
            line = ins.starts_line
        out.append({
            "offset": ins.offset, "opname": ins.opname, "arg": ins.arg,
            "argrepr": ins.argrepr,
            "jump_target": ins.argval if ins.opcode in jumps and ins.arg is not None else None,
            "is_jump_target": bool(ins.is_jump_target),
            "starts_line": starts, "line": line if starts else None,
        })
    return out


LINE_27 = re.compile(r"^\s*(\d+)?\s+(-->\s+)?(>>\s+)?(\d+) (\S+)\s*(.*)$")


def parse_27_line(text):
    """One line of 2.7 dis.disassemble() output: "%3d" line (or blanks),
    '-->', '>>', offset, opname, argument, "(argrepr)"."""
    m = LINE_27.match(text)
    lineno, _, label, offset, opname, tail = m.groups()
    arg = None
    argrepr = ""
    if tail:
        argtxt, _, paren = tail.partition(" ")
        arg = int(argtxt.rstrip("L"))
        paren = paren.strip()
        if paren.startswith("(") and paren.endswith(")"):
            argrepr = paren[1:-1]
    return lineno, bool(label), int(offset), opname, arg, argrepr


def instructions_27(co):
    buf = StringIO()
    old = sys.stdout
    sys.stdout = buf
    try:
        dis.disassemble(co)
    finally:
        sys.stdout = old
    jumps = jump_ops()
    out = []
    for text in buf.getvalue().splitlines():
        if not text.strip():
            continue
        lineno, label, offset, opname, arg, argrepr = parse_27_line(text)
        op = dis.opmap[opname]
        target = None
        if op in jumps:
            target = arg if op in dis.hasjabs else offset + 3 + arg
        out.append({
            "offset": offset, "opname": opname, "arg": arg, "argrepr": argrepr,
            "jump_target": target, "is_jump_target": label,
            "starts_line": bool(lineno), "line": int(lineno) if lineno else None,
        })
    return out


def extended_jump(ins):
    """2.x dis.findlabels() ignores EXTENDED_ARG: the '>>' marks of a code
    object with a jump after EXTENDED_ARG are wrong (xpython marks the real
    target), so the comparison leaves them out."""
    jumps = jump_ops()
    for prev, cur in zip(ins, ins[1:]):
        if prev["opname"] == "EXTENDED_ARG" and dis.opmap[cur["opname"]] in jumps:
            return True
    return False


def describe(co):
    ins = instructions_27(co) if PY[0] == 2 else instructions_3x(co)
    return {
        "name": co.co_name, "firstlineno": co.co_firstlineno,
        "instructions": ins,
        "labels_ignore_extended_arg": PY[0] == 2 and extended_jump(ins),
        "code_objects": [describe(c) for c in co.co_consts if is_code(c)],
    }


# ---- text listing ---------------------------------------------------------

def listing(co):
    buf = StringIO()
    if PY >= (3, 7):
        dis.dis(co, file=buf)
        return buf.getvalue()
    old = sys.stdout
    sys.stdout = buf
    try:
        recurse(co)
    finally:
        sys.stdout = old
    return buf.getvalue()


def recurse(co):
    dis.disassemble(co)
    for c in co.co_consts:
        if is_code(c):
            sys.stdout.write("\nDisassembly of %r:\n" % (c,))
            recurse(c)


def main():
    outdir, listfile = sys.argv[1], sys.argv[2]
    records = []
    with open(listfile) as f:
        paths = [l.strip() for l in f if l.strip()]
    for i, path in enumerate(paths):
        rec = {"source": path}
        try:
            with open(path, "rb") as f:
                src = f.read()
            co = compile(src, path, "exec", 0, True)
        except Exception as e:  # SyntaxError, ValueError (null bytes), ...
            rec["skipped"] = "%s: %s" % (type(e).__name__, e)
            records.append(rec)
            continue
        pyc = os.path.join(outdir, "%03d_%s.pyc" % (i, os.path.splitext(os.path.basename(path))[0]))
        with open(pyc, "wb") as f:
            f.write(pyc_bytes(co, len(src)))
        rec["pyc"] = pyc
        rec["code"] = describe(co)
        text = listing(co)
        if not isinstance(text, type(u"")):
            text = text.decode("utf-8", "backslashreplace") if PY >= (3, 0) else text.decode("latin-1")
        rec["text"] = text
        if PY >= (3, 13):   # dis -O: offsets next to the labels
            buf = StringIO()
            dis.dis(co, file=buf, show_offsets=True)
            rec["text_offsets"] = buf.getvalue()
        records.append(rec)
    sys.stdout.write(json.dumps({"version": "%d.%d" % PY, "records": records}))


if __name__ == "__main__":
    main()
