# GET_ANEXT: when __anext__ returns something that cannot be awaited, the
# TypeError keeps the original error as __cause__ (as CPython's
# _PyErr_FormatFromCause).
class BadAwait:
    def __await__(self):
        return 42          # not an iterator


class NoAwait:
    pass


class AIter:
    def __init__(self, result):
        self.result = result

    def __aiter__(self):
        return self

    def __anext__(self):
        return self.result


async def loop(it):
    async for x in it:
        print("got", x)


for result in (BadAwait(), NoAwait(), 7):
    c = loop(AIter(result))
    try:
        c.send(None)
    except TypeError as e:
        print("TypeError:", e)
        print("  cause:", type(e.__cause__).__name__, e.__cause__)
        print("  suppress_context:", e.__suppress_context__)
