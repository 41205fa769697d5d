# Text processing: word frequencies, textwrap, justification, caesar and
# vigenere ciphers, run-length encoding, palindromes/anagrams, a tiny
# markdown-to-text converter and a CSV round trip through io.StringIO.
import csv
import io
import string
import textwrap
from collections import Counter

TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness."""

words = [w.strip(string.punctuation).lower() for w in TEXT.split()]
freq = Counter(words)
print(len(words), len(freq), sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6])
print(textwrap.fill(" ".join(TEXT.split()), width=38))
print(textwrap.shorten(TEXT, width=50, placeholder=" [...]"))
print(textwrap.indent("a\nb\n\nc", "> "), textwrap.dedent("   x\n     y"), sep="\n")


def justify(words, width):
    lines, cur = [], []
    for w in words:
        if sum(map(len, cur)) + len(cur) + len(w) > width:
            lines.append(cur)
            cur = []
        cur.append(w)
    out = []
    for line in lines:
        gaps = len(line) - 1 or 1
        spaces = width - sum(map(len, line))
        s = ""
        for i, w in enumerate(line):
            s += w
            if i < gaps:
                s += " " * (spaces // gaps + (i < spaces % gaps))
        out.append(s)
    out.append(" ".join(cur))
    return out


for line in justify(TEXT.split()[:20], 30):
    print(f"|{line:<30}|")


def caesar(s, k):
    table = str.maketrans(string.ascii_lowercase + string.ascii_uppercase,
                          string.ascii_lowercase[k:] + string.ascii_lowercase[:k] + string.ascii_uppercase[k:] + string.ascii_uppercase[:k])
    return s.translate(table)


def vigenere(s, key, decrypt=False):
    out, ki = [], 0
    for ch in s:
        if ch.isalpha():
            shift = ord(key[ki % len(key)].lower()) - 97
            shift = -shift if decrypt else shift
            base = 65 if ch.isupper() else 97
            out.append(chr((ord(ch) - base + shift) % 26 + base))
            ki += 1
        else:
            out.append(ch)
    return "".join(out)


msg = "Attack at Dawn!"
print(caesar(msg, 3), caesar(caesar(msg, 3), 23), vigenere(msg, "lemon"), vigenere(vigenere(msg, "lemon"), "lemon", True))


def rle(s):
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(f"{j - i}{s[i]}")
        i = j
    return "".join(out)


print(rle("WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW"), rle(""), rle("abc"))
cands = ["racecar", "A man, a plan, a canal: Panama", "hello", "Was it a car or a cat I saw?"]
print([c for c in cands if (lambda t: t == t[::-1])("".join(ch.lower() for ch in c if ch.isalnum()))])
wordlist = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"]
groups = {}
for w in wordlist:
    groups.setdefault("".join(sorted(w)), []).append(w)
print(sorted(g for g in groups.values() if len(g) > 1))
md = """# Title
Some *emphasis* and **strong** text with `code`.
- item one
- item two
## Subtitle
1. first
2. second"""
import re  # noqa: E402

for line in md.splitlines():
    if m := re.match(r"(#+) (.*)", line):
        level, title = len(m.group(1)), m.group(2)
        print(title.upper() if level == 1 else title, "\n" + ("=" if level == 1 else "-") * len(title))
    elif line.startswith("- "):
        print("  *", line[2:])
    elif m := re.match(r"(\d+)\. (.*)", line):
        print(f"  {m.group(1)})", m.group(2))
    else:
        print(re.sub(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`", lambda mm: (mm.group(1) or "").upper() or mm.group(2) or f"'{mm.group(3)}'", line))
rows = [["name", "qty", "note"], ["apple", "3", "red, crisp"], ["pear", "10", 'says "hi"']]
buf = io.StringIO()
csv.writer(buf).writerows(rows)
print(buf.getvalue(), end="")
print(list(csv.reader(io.StringIO(buf.getvalue()))) == rows)
dict_rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
print(dict_rows[1]["note"], sum(int(r["qty"]) for r in dict_rows))
print(string.capwords("the QUICK brown"), string.Template("$a+$b").substitute(a=1, b=2), string.digits, string.punctuation[:10])
