# re: match/search/fullmatch, groups (named, optional, nested), findall/
# finditer, split with captures and maxsplit, sub with backrefs and
# functions, flags (I, M, S, X), lookarounds, compiled pattern attributes,
# greedy vs lazy, escaping, and errors.
import re

text = "Contact: alice@example.com, Bob <bob.smith@mail.org>; invalid@; carol@sub.domain.co.uk"
emails = re.findall(r"[\w.]+@[\w.]+\.\w+", text)
print(emails)
for m in re.finditer(r"(?P<user>[\w.]+)@(?P<domain>[\w.]+\.\w+)", text):
    print(" ", m.group("user"), m["domain"], m.span(), m.start("domain"), m.groupdict())
m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", "2024-03-15 rest")
print(m.group(0), m.groups(), m.groups(default="--"), m.group(1, 3), m.lastindex, m.end(), m.string[m.end():])
print(re.search(r"\bcat\b", "concat cat catalog").span(), re.fullmatch(r"\d+", "123"), re.fullmatch(r"\d+", "123a"))
print(re.match("a", "ba"), re.search("a", "ba").start(), bool(re.match(r"^\s*$", "   ")))
print(re.split(r"[,;]\s*", "a, b;c,d"), re.split(r"(\d)", "a1b2c"), re.split(r"\s+", "x  y z", maxsplit=1), re.split(r"x*", "axbc"))
print(re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world foo bar"), re.sub(r"(?P<n>\d+)", r"<\g<n>>", "a1b22"), re.sub("a", "b", "aaa", count=2))
print(re.sub(r"\d+", lambda m: str(int(m.group()) ** 2), "3 apples and 12 pears"), re.subn(r"o", "0", "foo boo"))
print(re.findall(r"(\w)(\d)", "a1 b2 c3"), re.findall(r"\d+", "no digits"), re.findall(r"a|(b)", "ab"))
print(re.findall(r"^\w+", "first line\nsecond line", re.M), re.findall(r"a.c", "a\nc", re.S), re.findall(r"ABC", "abc AbC", re.I))
verbose = re.compile(r"""
    (?P<int>\d+)      # integer part
    (?:\.(?P<frac>\d+))?  # optional fraction
""", re.X)
print([mm.groupdict() for mm in verbose.finditer("3.14 and 42 and 0.5")])
print(re.findall(r"\d+(?=px)", "10px 20em 30px"), re.findall(r"(?<=\$)\d+", "$5 and $10 and 7"), re.findall(r"\b(?!un)\w+able\b", "unable capable readable"))
print(re.findall(r"<.+>", "<a><b>"), re.findall(r"<.+?>", "<a><b>"), re.match(r"(a+)(a*)", "aaaa").groups(), re.match(r"(a+?)(a*)", "aaaa").groups())
p = re.compile(r"(?i)(h)(e)llo")
print(p.pattern, p.flags & re.I != 0, p.groups, p.groupindex, p.search("say HELLO").group(), p.sub("x", "hello Hello"))
print(re.escape("a.b*c?(d)"), re.match(re.escape("1+1=2"), "1+1=2") is not None)
print(re.compile(r"(\w+)=(\w+)").findall("a=1 b=2"), dict(re.findall(r"(\w+)=(\w+)", "k=v x=y")))
for bad in [r"(unclosed", r"*star", r"[z-a]", r"(?P<1>x)"]:
    try:
        re.compile(bad)
    except re.error as e:
        print("re.error", e.msg, e.pos)
m2 = re.search(r"(?P<word>\w+) (?P=word)", "this is is a test")
print(m2.group(), m2.expand(r"[\g<word>]"), re.search(r"(\w)\1", "abccd").group())
print(re.sub(r"(?m)^", "> ", "line1\nline2"), re.sub(r"\s+$", "", "trail   "), re.sub(r"^\s+|\s+$", "", "  both  "))
tokens = re.findall(r"\d+\.?\d*|[-+*/()]|\w+", "3.5 * (x + 42) - y/2")
print(tokens)
scanner = re.compile(r"(?P<NUM>\d+)|(?P<OP>[+*])|(?P<WS>\s+)")
print([(m.lastgroup, m.group()) for m in scanner.finditer("12 + 3*4") if m.lastgroup != "WS"])
print(re.match(r"[\u00e9\u00e8]+", "éèé").group(), re.findall(r"\w+", "naïve café"), re.findall(rb"\d", b"a1b2"))
print(len(re.findall(r".", "abc")), re.purge() is None, re.template if False else "ok")
