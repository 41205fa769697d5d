"""Helper package for the import programs (not a program itself)."""
from .circle import Circle
from . import util
from .util import square as sq

__all__ = ["Circle", "util", "describe"]
LOADED = ["helpers_shapes"]
print("importing helpers_shapes")


def describe(shape):
    return f"{type(shape).__name__} with area {shape.area():.2f}"


def _private():
    return "private"
