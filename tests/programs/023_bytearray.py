# bytearray: mutation methods, slice assignment, in-place ops, conversions,
# memoryview sharing, and errors.

ba = bytearray(b"hello")
print(ba, len(ba), ba[0], ba[-1])
ba.append(33)
ba.extend(b" world")
ba.extend([63, 63])
print(ba)
ba.insert(0, 62)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("o"))
print(ba)
ba.reverse()
print(ba)
ba.reverse()
ba[0] = ord("H")
ba[1:3] = b"EE"
ba[-1:] = b"?!"
print(ba)
del ba[0]
del ba[-2:]
print(ba)
ba += b"++"
print(ba)
ba *= 2
print(ba)
print(ba.count(b"E"), ba.find(b"l"), ba.index(b"+"), ba.upper(), ba.replace(b"+", b"-"))
ba.clear()
print(ba, len(ba), bool(ba))
c = bytearray(range(10))
c[::2] = b"\xaa" * 5
print(c.hex(), c.copy() == c, c.copy() is c)
print(bytearray(3), bytearray([1, 2]), bytearray("ü", "utf-8"), bytearray.fromhex("0a0b"))
print(bytes(bytearray(b"x")), bytearray(b"abc") == b"abc", b"abc" + bytearray(b"d"), bytearray(b"d") + b"e")
print(type(b"abc" + bytearray(b"d")).__name__, type(bytearray(b"d") + b"e").__name__)

m = bytearray(b"abcdef")
view = memoryview(m)
view[0] = ord("Z")
view[1:3] = b"YX"
print(m, view.tobytes(), view[2], view.readonly)
try:
    m.append(1)
except BufferError as e:
    print("BufferError", e)
view.release()
m.append(ord("!"))
print(m)

for bad in [lambda: bytearray(b"a").append(256), lambda: bytearray(b"a").append("x"),
            lambda: bytearray().pop(), lambda: bytearray(b"abc").remove(120),
            lambda: bytearray(b"abc").__setitem__(0, -1), lambda: bytearray(b"ab").insert(0, b"x"),
            lambda: hash(bytearray(b"x"))]:
    try:
        bad()
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)

# Sorting/grouping bytes in a bytearray, a small run-length encoder
data = bytearray(b"aaabccddddde")
encoded = bytearray()
i = 0
while i < len(data):
    j = i
    while j < len(data) and data[j] == data[i]:
        j += 1
    encoded += bytes([j - i, data[i]])
    i = j
print(encoded.hex(" "))
decoded = bytearray()
for k in range(0, len(encoded), 2):
    decoded += bytes([encoded[k + 1]]) * encoded[k]
print(decoded, decoded == data)
print(bytearray(sorted(data)), bytearray(sorted(set(data))))
x = bytearray(b"xyz")
y = x
y += b"!"
print(x is y, x)
z = bytes(b"xyz")
w = z
w += b"!"
print(z is w, z, w)
print(bytearray(b"  strip me  ").strip(), bytearray(b"a,b").split(b","), bytearray(b"Ab").swapcase())
print(list(bytearray(b"\x00\x7f\x80\xff")), bytearray(b"%d-%s") % (5, b"x"))
