# Ends with an uncaught exception on purpose: xpython prints the traceback
# (file, line and function of every interpreted frame) and exits with
# status 1, as python3 does.
def parse(item):
    key, value = item.split("=")
    return key, int(value)


def load(items):
    settings = {}
    for item in items:
        key, value = parse(item)
        settings[key] = value
    return settings


print(load(["width=80", "height=24"]))
print(load(["width=80", "depth=deep"]))
