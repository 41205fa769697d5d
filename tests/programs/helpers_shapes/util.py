"""Shared helpers; imported relatively by the other modules of the package."""
PI = 3.14159
calls = 0
print("importing helpers_shapes.util")


def square(x):
    global calls
    calls += 1
    return x * x


def where():
    return __name__, __package__
