# del: names (local/global), attributes, subscripts, slices, tuples of
# targets, del in loops, and the errors each form raises.

x = 1
del x
try:
    print(x)  # noqa: F821
except NameError as e:
    print("NameError", e)

g = "global"


def del_global():
    global g
    del g


del_global()
print("g" in globals())


def del_local():
    y = 5
    print("before", y)
    del y
    try:
        print(y)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    y = 6
    return y


print(del_local())


def del_unbound():
    try:
        del z
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
    z = 1  # noqa: F841


del_unbound()
try:
    del undefined_global  # noqa: F821
except NameError as e:
    print("NameError", e)

lst = list(range(10))
del lst[0]
del lst[-1]
print(lst)
del lst[2:4]
print(lst)
del lst[::2]
print(lst)
del lst[:]
print(lst)
try:
    del lst[0]
except IndexError as e:
    print("IndexError", e)

d = {"a": 1, "b": 2, "c": 3}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)


class Obj:
    cls_attr = "class"

    def __init__(self):
        self.a = 1
        self.b = 2


o = Obj()
del o.a
print(vars(o), hasattr(o, "a"))
try:
    del o.a
except AttributeError as e:
    print("AttributeError", e)
try:
    del o.cls_attr
except AttributeError as e:
    print("AttributeError", e)
del Obj.cls_attr
print(hasattr(Obj, "cls_attr"))

p, q, r = 1, [1, 2, 3], {"k": "v"}
del p, q[0], r["k"]
print(q, r, "p" in dir())
m = [[1, 2], [3, 4]]
del m[0][1], m[1]
print(m)
tup = (1, 2)
try:
    del tup[0]
except TypeError as e:
    print("TypeError", e)
s = "abc"
try:
    del s[0]
except TypeError as e:
    print("TypeError", e)


class Tracked:
    def __init__(self):
        self.log = []
        self.data = {}

    def __delitem__(self, key):
        self.log.append(("delitem", key))

    def __delattr__(self, name):
        if name == "protected":
            raise AttributeError("cannot delete protected")
        object.__delattr__(self, name)


t = Tracked()
del t[1], t["k"], t[1:3], t[::2], t[1, 2]
print(t.log)
t.extra = 1
del t.extra
print(hasattr(t, "extra"))
try:
    del t.protected
except AttributeError as e:
    print("AttributeError", e)

items = [1, 2, 3, 4, 5, 6]
for i in range(len(items) - 1, -1, -1):
    if items[i] % 2 == 0:
        del items[i]
print(items)
for i in range(3):
    tmp = i * 2
    del tmp
print("tmp" in globals())
ba = bytearray(b"abcdef")
del ba[1::2]
print(ba)
