# A small ordinary program (a class, a generator, a dict, sorting with a key,
# f-strings). The demo compiles it to a .pyc with the host's py_compile and
# runs that .pyc.
TEXT = """
the quick brown fox jumps over the lazy dog the dog barks
and the fox runs into the brown woods where the quick fox hides
"""


def words(text):
    for line in text.splitlines():
        for w in line.split():
            yield w.lower()


class Counter:
    def __init__(self):
        self.counts = {}

    def add(self, word):
        self.counts[word] = self.counts.get(word, 0) + 1

    def top(self, n):
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


c = Counter()
for w in words(TEXT):
    c.add(w)
for word, count in c.top(4):
    print(f"{word:>6} {'#' * count} {count}")
print("distinct words:", len(c.counts))
