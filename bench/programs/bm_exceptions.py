"""Exceptions in loops: raising and catching built-in and user-defined
exceptions (with class hierarchies and except-tuples), try/finally,
exceptions crossing several frames, `raise ... from`, with-statement
context managers that suppress or observe exceptions, and EAFP lookups."""


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


class Invalid(AppError):
    pass


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound(key) from None


def validate(x):
    if x % 7 == 0:
        raise Invalid(x)
    return x


def deep(n, x):
    if n == 0:
        return validate(x)
    return deep(n - 1, x)


class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds
        self.caught = 0

    def __enter__(self):
        return self

    def __exit__(self, typ, val, tb):
        if typ is not None and issubclass(typ, self.kinds):
            self.caught += 1
            return True
        return False


def main():
    table = {i: i * i for i in range(0, 1000, 3)}
    found = missing = 0
    for i in range(600000):
        try:
            found += lookup(table, i % 1000)
        except NotFound as e:
            missing += e.key
    print("lookup", found, missing)

    ok = bad = 0
    finals = 0
    for i in range(400000):
        try:
            ok += deep(4, i)
        except (TypeError, Invalid) as e:
            bad += e.args[0]
        finally:
            finals += 1
    print("deep", ok, bad, finals)

    sup = Suppress(ZeroDivisionError, ValueError)
    total = 0
    for i in range(400000):
        with sup:
            total += 1000 // (i % 5)
            total += int("x" if i % 11 == 0 else str(i))
    print("suppress", total, sup.caught)

    eafp = 0
    items = [1, "a", None, 2.5, [3]]
    for i in range(500000):
        v = items[i % 5]
        try:
            eafp += v + 1
        except TypeError:
            eafp -= 1
    print("eafp", eafp)

    chained = 0
    for i in range(200000):
        try:
            try:
                raise ValueError(i)
            except ValueError as e:
                raise AppError("wrapped") from e
        except AppError as e:
            chained += e.__cause__.args[0] % 13
    print("chained", chained)
    print("checksum", (found + missing + ok + bad + finals + total + sup.caught
                       + int(eafp) + chained) % 1000000007)


main()
