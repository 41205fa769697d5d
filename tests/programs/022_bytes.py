# bytes: literals, constructors, methods, hex, formatting, comparisons,
# conversions to/from str and int lists, struct-like packing.
import struct

b = b"Hello, bytes\x00\xff"
print(b, len(b), b[0], b[-1], b[:5], list(b[-3:]))
print(bytes(5), bytes([65, 66, 67]), bytes(range(3)), bytes("é", "utf-8"), bytes.fromhex("de ad BE EF"))
print(b.hex(), b.hex(":"), b[:4].hex("-", 2), b"\x01\x02".hex())
print(b.upper(), b.lower(), b.title(), b.swapcase(), b.capitalize())
print(b.find(b"bytes"), b.find(b"x"), b.count(b"l"), b.index(b","), b.rfind(b"e"), b.find(108))
print(b.startswith(b"Hell"), b.endswith(b"\xff"), b"  pad  ".strip(), b"xxabcxx".strip(b"x"))
print(b"a,b,c".split(b","), b"a b  c".split(), b"k=v".partition(b"="), b"\n".join([b"a", b"b"]))
print(b"abc".replace(b"b", b"BB"), b"abc".center(7, b"-"), b"7".zfill(3), b"ab".ljust(4, b"."))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" ".isspace(), b"Ab".istitle())
print(b"hello" + b" " + b"world", b"ab" * 3, b"x" in b"xyz", 120 in b"xyz", b"" in b"a")
print(b"abc" < b"abd", b"abc" == b"abc", b"a" == "a", b"\x00" < b"\x01", sorted([b"b", b"a", b"ab"]))
print(b.decode("latin-1"), b"caf\xc3\xa9".decode(), b"\xff\xfe".decode("utf-8", "replace"))
print(b"\xff".decode("utf-8", "ignore"), b"\xe9".decode("utf-8", "backslashreplace"))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e.encoding, e.start, e.end, e.reason, e.object)
print(b"%s=%d (%x) %5.1f %r %%" % (b"val", 42, 255, 2.5, b"q"))
print(b"%(a)s-%(b)s" % {b"a": b"1", b"b": b"2"})
print(repr(b"quote'"), repr(b'dq"'), repr(b"both'\""), repr(b"\t\n\r\\"))
print(bytes.maketrans(b"abc", b"xyz"), b"aabbcc".translate(bytes.maketrans(b"abc", b"xyz"), b"b"))
print(b"abcdef"[::-1], b"abcdef"[1::2], bytes(reversed(b"abc")), b"x".join([b"1", b"2", b"3"]))
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(2, "big"), b"\x01" * 4 == bytes([1] * 4))
print(b"abc".splitlines(), b"a\nb\r\nc".splitlines(keepends=True), b"Ab".expandtabs())
print(b"prefix-x".removeprefix(b"prefix-"), b"x.bin".removesuffix(b".bin"))
print(hash(b"abc") == hash(b"abc"), b"abc".__len__(), list(iter(b"ab")))
print(memoryview(b"xyz").tolist(), bytes(memoryview(b"xyz")[1:]), memoryview(b"ab").nbytes)

for bad in [lambda: b"a" + "b", lambda: bytes([256]), lambda: bytes("x"), lambda: b"abc"[5],
            lambda: bytes.fromhex("zz"), lambda: b"%d" % b"x", lambda: b"a".decode("nonexistent-codec"),
            lambda: "a" in b"abc", lambda: bytes(-1)]:
    try:
        bad()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

packed = struct.pack("<HiQ?3sf", 513, -2, 2 ** 40, True, b"abc", 1.5)
print(packed.hex(), struct.calcsize("<HiQ?3sf"))
print(struct.unpack("<HiQ?3sf", packed))
print(struct.pack(">I", 0xDEADBEEF), struct.unpack(">hh", b"\xff\xfe\x00\x01"))
print(list(struct.iter_unpack("<H", b"\x01\x00\x02\x00\x03\x00")))
try:
    struct.pack("<B", 300)
except struct.error as e:
    print("struct.error", e)

# Build a small binary record format by hand and parse it back
records = [(1, "alpha", 3.25), (2, "beta", -1.0), (300, "gamma", 1e10)]
blob = b""
for rid, name, value in records:
    nb = name.encode()
    blob += struct.pack("<IB", rid, len(nb)) + nb + struct.pack("<d", value)
print(len(blob), blob[:12].hex())
pos = 0
out = []
while pos < len(blob):
    rid, n = struct.unpack_from("<IB", blob, pos)
    pos += 5
    name = blob[pos:pos + n].decode()
    pos += n
    (value,) = struct.unpack_from("<d", blob, pos)
    pos += 8
    out.append((rid, name, value))
print(out, out == records)
