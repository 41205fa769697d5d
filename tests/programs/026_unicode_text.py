# Unicode text: code points, normalization, categories, encodings round
# trips, surrogate handling, casefolding and width-independent processing.
import unicodedata
import codecs

samples = ["café", "cafe\u0301", "Straße", "ΑΒΓ αβγ", "日本語テキスト", "emoji 😀👍", "ﬁ ligature", "Ⅻ", "x\u200by"]
for s in samples:
    nfc = unicodedata.normalize("NFC", s)
    nfd = unicodedata.normalize("NFD", s)
    nfkc = unicodedata.normalize("NFKC", s)
    print(ascii(s), len(s), len(nfc), len(nfd), ascii(nfkc), s.upper() == s.casefold().upper(), len(s.encode()))

print(unicodedata.normalize("NFC", "cafe\u0301") == "café", "cafe\u0301" == "café")
for ch in "aZ5 _é€😀\u0301\n":
    print(ascii(ch), unicodedata.category(ch), unicodedata.name(ch, "?"), ch.isalpha(), ch.isprintable(),
          unicodedata.bidirectional(ch), unicodedata.combining(ch))
print(unicodedata.lookup("GREEK SMALL LETTER ALPHA"), unicodedata.decimal("٣"), unicodedata.numeric("½"))
print(unicodedata.east_asian_width("日"), unicodedata.east_asian_width("a"), unicodedata.mirrored("("))

text = "Ünïcödé — “quotes” and ‘apostrophes’ … 🐍"
for enc in ["utf-8", "utf-16-le", "utf-16", "utf-32-be", "utf-7"]:
    data = text.encode(enc)
    print(enc, len(data), data[:12].hex(), data.decode(enc) == text)
for enc, errors in [("latin-1", "replace"), ("ascii", "ignore"), ("cp1252", "strict"), ("ascii", "namereplace")]:
    try:
        print(enc, errors, text.encode(enc, errors))
    except UnicodeEncodeError as e:
        print(enc, errors, "UnicodeEncodeError at", e.start, ascii(e.object[e.start:e.end]))

print("\ud800".encode("utf-8", "surrogatepass"), b"\xed\xa0\x80".decode("utf-8", "surrogatepass") == "\ud800")
print(b"\xff\xfeabc".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
try:
    "\udcff".encode("utf-8")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e.reason)
print(codecs.encode("hello", "rot13"), codecs.decode(b"68656c6c6f", "hex"), codecs.encode(b"hi", "base64"))
print(codecs.lookup("UTF8").name, codecs.lookup("latin1").name)
dec = codecs.getincrementaldecoder("utf-8")()
chunks = [b"\xe6\x97", b"\xa5\xe6", b"\x9c\xac"]
print([dec.decode(c) for c in chunks], dec.decode(b"", final=True))
print(ascii("日本"), repr("日本"), "\N{SNOWMAN}", "\N{LATIN SMALL LETTER E WITH ACUTE}")
print(sorted(["b", "A", "é", "e", "Z", "ä"]), sorted(["b", "A", "é", "e"], key=str.casefold))
print(max("αβγ"), ord(max("αβγ")), "".join(sorted("ζεδ")))
print("İstanbul".lower(), len("İstanbul".lower()), "ǈ".istitle(), "ǈ".upper(), "ǈ".lower())
print("ﬃ".upper(), "ß".casefold(), "Σίσυφος".upper(), "ΣΊΣΥΦΟΣ".lower())
print([c for c in "a1²³¼٣" if c.isdigit()], [c for c in "a1²³¼٣" if c.isnumeric()], [c for c in "a1²³¼٣" if c.isdecimal()])
word_counts = {}
for w in "der Bär und die Bären und der bär".lower().split():
    word_counts[w] = word_counts.get(w, 0) + 1
print(sorted(word_counts.items()))
print("😀".encode("utf-16-be").hex(), len("😀".encode("utf-16-le")) // 2, "\U0001F600" == "😀")
print(str(b"caf\xc3\xa9", "utf-8"), "café".encode("utf-8").decode("latin-1"))
s = "a\tb\u00a0c\u2003d"
print(s.split(), ascii(s.replace("\u00a0", " ")))
print(format("日本", "*^8"), f"{'é':>4}|", "%-4s|" % "ü")
