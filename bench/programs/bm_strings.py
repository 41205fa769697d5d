"""String work: building strings by concatenation and join, splitting and
stripping, %-formatting, str.format and f-strings, replace/find/upper,
slicing and character tests. Measures str method calls and allocation."""


def make_lines(n):
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
    lines = []
    for i in range(n):
        w1 = words[i % 8]
        w2 = words[(i * 3) % 8]
        lines.append("%05d, %s ; %s=%d  " % (i, w1, w2.upper(), i * 7 % 101))
    return lines


def parse_lines(lines):
    total = 0
    keys = 0
    for line in lines:
        num, rest = line.split(",", 1)
        left, right = rest.strip().split(";")
        key, value = right.strip().split("=")
        total += int(num) + int(value) + len(left.strip())
        if key.lower() == left.strip():
            keys += 1
    return total, keys


def formatting(n):
    out = []
    for i in range(n):
        s = f"{i:>6}|{i * 0.5:8.2f}|{hex(i)}"
        t = "{0}-{1:x}-{name}".format(i, i * 3, name="n" + str(i % 10))
        out.append(s.replace("|", "/") + t)
    joined = "\n".join(out)
    return len(joined), joined.count("/"), joined.find("-99-")


def char_work(text):
    vowels = 0
    digits = 0
    for ch in text:
        if ch in "aeiou":
            vowels += 1
        elif ch.isdigit():
            digits += 1
    rev = text[::-1]
    return vowels, digits, rev[:5]


def build_concat(n):
    s = ""
    for i in range(n):
        s += chr(97 + i % 26)
        if i % 80 == 79:
            s += "\n"
    return s.splitlines()


def main():
    lines = make_lines(300000)
    total, keys = parse_lines(lines)
    print("parse", total, keys)
    f = formatting(240000)
    print("format", *f)
    cw = char_work("".join(lines[:20000]))
    print("chars", *cw)
    b = build_concat(800000)
    print("concat", len(b), b[-1][:10])
    print("checksum", (total + keys + sum(f) + cw[0] + cw[1] + len(b)) % 1000000007)


main()
