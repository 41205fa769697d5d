# assert: passing, failing with and without messages, message evaluated
# lazily, complex expressions, AssertionError attributes, asserts in
# functions and comprehensions; caught and printed (no -O).


def check(label, fn):
    try:
        fn()
        print(f"{label}: passed")
    except AssertionError as e:
        print(f"{label}: AssertionError args={e.args!r} str={str(e)!r}")


evaluated = []


def msg(text):
    evaluated.append(text)
    return text


def passing():
    assert True
    assert 1 == 1, msg("never evaluated")
    assert [0], "non-empty list is true"


def failing_plain():
    assert 1 == 2


def failing_message():
    x = 5
    assert x < 3, f"x is {x}, expected < 3"


def failing_lazy():
    assert False, msg("evaluated only on failure")


def failing_tuple_message():
    assert None, ("a", "tuple", 1)


def failing_object_message():
    class Info:
        def __repr__(self):
            return "<Info>"
    assert 0, Info()


def tuple_always_true():
    cond = (False, "this tuple is truthy")
    assert cond


def in_comprehension():
    return [n for n in range(5) if n != 3 or (_ for _ in ()).throw(AssertionError("from comprehension"))]


def nested():
    def inner(v):
        assert isinstance(v, int), f"expected int, got {type(v).__name__}"
        return v
    return [inner(1), inner("s")]


check("passing", passing)
check("plain", failing_plain)
check("message", failing_message)
check("lazy", failing_lazy)
check("tuple message", failing_tuple_message)
check("object message", failing_object_message)
check("parenthesized tuple", tuple_always_true)
check("comprehension", in_comprehension)
check("nested", nested)
print("message evaluations:", evaluated)
print(__debug__)


def validate(record):
    assert "name" in record, "missing name"
    assert record.get("age", 0) >= 0, f"negative age {record['age']}"
    assert isinstance(record["name"], str) and record["name"], "empty name"
    return "valid"


for rec in [{"name": "a"}, {"age": 3}, {"name": "b", "age": -1}, {"name": ""}, {"name": "c", "age": 5}]:
    try:
        print(validate(rec))
    except AssertionError as e:
        print("invalid:", e)
e = AssertionError("manual", 2)
print(e.args, isinstance(e, Exception))
try:
    raise AssertionError
except AssertionError as err:
    print(repr(err), err.args)
