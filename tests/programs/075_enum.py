# enum: Enum, IntEnum, Flag, IntFlag, auto(), aliases, unique, iteration,
# lookup by value/name, members with methods/properties, _missing_,
# functional API, StrEnum (3.11), comparison semantics.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1

    def describe(self):
        return f"{self.name.lower()}({self.value})"

    @property
    def is_warm(self):
        return self in (Color.RED,)

    @classmethod
    def default(cls):
        return cls.GREEN


print(Color.RED, repr(Color.GREEN), Color(2), Color["BLUE"], Color.CRIMSON is Color.RED, Color.CRIMSON.name)
print(list(Color), len(Color), [m.name for m in Color], list(Color.__members__))
print(Color.RED.describe(), Color.RED.is_warm, Color.BLUE.is_warm, Color.default(), type(Color.RED).__name__)
print(Color.RED == Color.RED, Color.RED == 1, Color.RED is Color(1), hash(Color.RED) == hash(Color.RED))
try:
    Color(7)
except ValueError as e:
    print("ValueError", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError", e)
try:
    Color.RED < Color.BLUE
except TypeError as e:
    print("TypeError", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError", e)


class Priority(IntEnum):
    LOW = auto()
    MEDIUM = auto()
    HIGH = auto()


print(Priority.LOW, int(Priority.HIGH), Priority.MEDIUM + 1, sorted([Priority.HIGH, Priority.LOW]), Priority.HIGH > 2)
print(Priority(3).name, [p.value for p in Priority], format(Priority.LOW), f"{Priority.MEDIUM:>5}")


class Perm(Flag):
    R = 4
    W = 2
    X = 1
    RW = R | W


rw = Perm.R | Perm.W
print(rw, rw == Perm.RW, Perm.R in rw, Perm.X in rw, bool(Perm.X & rw), ~Perm.R, Perm(7), list(Perm(7)))
print(Perm(0), bool(Perm(0)), [m.name for m in Perm])


class Bits(IntFlag):
    A = 1
    B = 2
    C = 4


print(Bits.A | Bits.C, (Bits.A | Bits.C) == 5, Bits(3), Bits.B & 2, int(Bits.C | 8))


@unique
class Single(Enum):
    ONE = 1
    TWO = 2


try:
    @unique
    class Dupe(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError", e)


class Planet(Enum):
    MERCURY = (3.303e23, 2.4397e6)
    EARTH = (5.976e24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius ** 2)


print([(p.name, round(p.gravity, 2)) for p in Planet], Planet.EARTH.value)


class Lenient(Enum):
    A = "a"
    B = "b"

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None


print(Lenient("A"), Lenient("b"))
try:
    Lenient(1)
except ValueError as e:
    print("ValueError", e)
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))
Status = Enum("Status", [("ON", "on"), ("OFF", "off")])
print(Status("on"), Status.OFF.value)


class Mode(enum.StrEnum):
    READ = auto()
    WRITE = "w"


print(Mode.READ, Mode.WRITE.upper(), Mode.READ == "read", f"{Mode.WRITE}", str(Mode.READ))


class AutoNames(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() + str(count)

    FIRST = auto()
    SECOND = auto()


print([m.value for m in AutoNames])


class Shape(Enum):
    SQUARE = 1
    CIRCLE = 2


def area(shape, size):
    match shape:
        case Shape.SQUARE:
            return size * size
        case Shape.CIRCLE:
            return round(3.14159 * size * size, 2)


print(area(Shape.SQUARE, 3), area(Shape.CIRCLE, 1), Shape.SQUARE in Shape, isinstance(Shape.CIRCLE, Shape))
print({Color.RED: "r", Color.BLUE: "b"}[Color.CRIMSON], Color.RED.value, Color._value2member_map_[3])
print(sorted(Color, key=lambda m: m.value, reverse=True), max(Priority), enum.Enum.__name__)
