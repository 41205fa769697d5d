"""A JSON-like tokenizer and recursive-descent parser written in Python:
character-by-character scanning with index arithmetic, string escapes,
numbers, nested lists/dicts; then a serializer that writes the tree back.
The document is generated deterministically; the round trip is checked
against the host's json module."""

import json


class ParseError(Exception):
    pass


WHITESPACE = " \t\n\r"
DIGITS = "0123456789-+.eE"


def tokenize(text):
    tokens = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in WHITESPACE:
            i += 1
        elif c in "{}[],:":
            tokens.append((c, None))
            i += 1
        elif c == '"':
            i += 1
            parts = []
            start = i
            while True:
                c = text[i]
                if c == '"':
                    parts.append(text[start:i])
                    i += 1
                    break
                if c == "\\":
                    parts.append(text[start:i])
                    esc = text[i + 1]
                    if esc == "u":
                        parts.append(chr(int(text[i + 2:i + 6], 16)))
                        i += 6
                    else:
                        parts.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/"}[esc])
                        i += 2
                    start = i
                else:
                    i += 1
            tokens.append(("s", "".join(parts)))
        elif c in DIGITS:
            start = i
            while i < n and text[i] in DIGITS:
                i += 1
            lit = text[start:i]
            if "." in lit or "e" in lit or "E" in lit:
                tokens.append(("n", float(lit)))
            else:
                tokens.append(("n", int(lit)))
        elif text.startswith("true", i):
            tokens.append(("v", True))
            i += 4
        elif text.startswith("false", i):
            tokens.append(("v", False))
            i += 5
        elif text.startswith("null", i):
            tokens.append(("v", None))
            i += 4
        else:
            raise ParseError("unexpected %r at %d" % (c, i))
    return tokens


class Parser:
    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def expect(self, kind):
        tok = self.tokens[self.pos]
        if tok[0] != kind:
            raise ParseError("expected %s, got %s" % (kind, tok[0]))
        self.pos += 1
        return tok

    def value(self):
        kind, val = self.tokens[self.pos]
        if kind == "{":
            return self.obj()
        if kind == "[":
            return self.arr()
        self.pos += 1
        return val

    def obj(self):
        self.expect("{")
        out = {}
        if self.tokens[self.pos][0] == "}":
            self.pos += 1
            return out
        while True:
            key = self.expect("s")[1]
            self.expect(":")
            out[key] = self.value()
            if self.tokens[self.pos][0] == ",":
                self.pos += 1
            else:
                self.expect("}")
                return out

    def arr(self):
        self.expect("[")
        out = []
        if self.tokens[self.pos][0] == "]":
            self.pos += 1
            return out
        while True:
            out.append(self.value())
            if self.tokens[self.pos][0] == ",":
                self.pos += 1
            else:
                self.expect("]")
                return out


def dump(v, out):
    if isinstance(v, dict):
        out.append("{")
        first = True
        for k, x in v.items():
            if not first:
                out.append(", ")
            first = False
            dump(k, out)
            out.append(": ")
            dump(x, out)
        out.append("}")
    elif isinstance(v, list):
        out.append("[")
        for i, x in enumerate(v):
            if i:
                out.append(", ")
            dump(x, out)
        out.append("]")
    elif isinstance(v, str):
        out.append('"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\t", "\\t") + '"')
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif v is None:
        out.append("null")
    else:
        out.append(repr(v))


def make_doc(seed, depth):
    x = seed

    def rnd():
        nonlocal x
        x = (x * 1103515245 + 12345) & 0x7fffffff
        return x >> 8

    def build(d):
        r = rnd() % 10
        if d == 0 or r < 3:
            k = rnd() % 6
            if k == 0:
                return rnd() % 100000 - 50000
            if k == 1:
                return (rnd() % 100000) / 64.0
            if k == 2:
                return "s%d \"q\" \\ \n\t\u00e9" % rnd()
            return [True, False, None][k - 3]
        if r < 6:
            return [build(d - 1) for _ in range(rnd() % 6)]
        return {"key%d" % i: build(d - 1) for i in range(rnd() % 6)}

    return [build(depth) for _ in range(200)]


def main():
    doc = make_doc(7, 6)
    text = json.dumps(doc, indent=1)
    total_tokens = 0
    for _ in range(20):
        tokens = tokenize(text)
        total_tokens += len(tokens)
        tree = Parser(tokens).value()
        assert tree == doc
        out = []
        dump(tree, out)
        back = "".join(out)
        assert json.loads(back) == doc
    print("chars", len(text), "tokens", total_tokens, "dumped", len(back))
    print("checksum", len(text) * 7 + total_tokens + len(back))


main()
