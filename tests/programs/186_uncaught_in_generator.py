# Ends with an uncaught exception raised inside a generator that is being
# consumed through yield from and a comprehension: the traceback lists the
# generator frames.


def parse(lines):
    for n, line in enumerate(lines, 1):
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {n}: missing '=' in {line!r}")
        yield key.strip(), value.strip()


def all_pairs(*docs):
    for d in docs:
        yield from parse(d.splitlines())


good = "a = 1\nb = 2"
print(dict(all_pairs(good)))
bad = "c = 3\nbroken line\nd = 4"
print({k: v for k, v in all_pairs(good, bad)})
