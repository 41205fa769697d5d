from ..util import square
from .. import circle
from . import BASE

print("importing helpers_shapes.sub.deep")


def cube(x):
    return square(x) * x


def big_circle():
    return circle.Circle(BASE * 10)


def info():
    return __name__, __package__, __spec__.parent
