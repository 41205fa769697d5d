# Ends with an uncaught (nested) ExceptionGroup: the boxed group traceback is
# compared exactly; part of another group was handled by except* first.


def validate(record):
    errors = []
    if not record.get("name"):
        errors.append(ValueError("name is empty"))
    if record.get("age", 0) < 0:
        errors.append(ValueError(f"age {record['age']} is negative"))
    if "email" not in record:
        errors.append(KeyError("email"))
    if errors:
        raise ExceptionGroup(f"record {record.get('id')} invalid", errors)


def validate_all(records):
    problems = []
    for r in records:
        try:
            validate(r)
        except ExceptionGroup as eg:
            problems.append(eg)
    if problems:
        raise ExceptionGroup("validation failed", problems)


try:
    validate({"id": 0, "name": "", "email": "x"})
except* ValueError as g:
    print("handled:", [str(e) for e in g.exceptions])
print("validating batch")
validate_all([{"id": 1, "name": "ok", "email": "a"}, {"id": 2, "name": "", "age": -3}, {"id": 3, "name": "x", "age": 5}])
