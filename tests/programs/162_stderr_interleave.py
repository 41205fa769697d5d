# Output to stdout and stderr from the same program (the driver compares the
# two streams separately): print(file=sys.stderr), sys.stderr.write,
# print with sep/end/flush, sys.stdout.write return values, writelines,
# and unicode on both streams.
import sys

print("stdout line 1")
print("stderr line 1", file=sys.stderr)
n = sys.stdout.write("stdout via write\n")
m = sys.stderr.write("stderr via write\n")
print("write returned", n, m)
print("a", "b", "c", sep="-", end="!\n")
print("x", "y", sep="", file=sys.stderr)
print(file=sys.stderr)
print("no newline then", end=" ")
print("continued")
sys.stdout.writelines(["w1\n", "w2\n"])
sys.stderr.writelines(["e1\n", "e2\n"])
print("flushed", flush=True)
print("ünïcödé → stdout ✓")
print("ünïcödé → stderr ✓", file=sys.stderr)
for i in range(5):
    stream = sys.stdout if i % 2 == 0 else sys.stderr
    print(f"line {i} to {'stdout' if stream is sys.stdout else 'stderr'}", file=stream)
print(*range(5), sep=", ")
print(*[], "only", sep="|")
print(sys.stdout.isatty(), sys.stderr.isatty())
print(sys.stdout.encoding.lower().replace("-", ""), sys.stderr.encoding.lower().replace("-", ""))
try:
    print("x", sep=5)
except TypeError as e:
    print("TypeError", e, file=sys.stderr)
try:
    print("x", file=object())
except AttributeError as e:
    print("AttributeError", e)
sys.stderr.write("last stderr line without newline")
sys.stderr.write("\n")
print("last stdout line")
