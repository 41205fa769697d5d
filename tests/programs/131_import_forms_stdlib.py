# Import statement forms with stdlib modules: import a.b, import a.b as c,
# from a.b import c as d, from pkg import submodule, __import__ with fromlist
# and level, importlib.import_module, module attributes, dir(module),
# imports inside functions/classes, and `global` interplay with imports.
import os.path
import xml.etree.ElementTree as ET
import collections.abc
from json import dumps as to_json, loads
from urllib import parse
from email.mime import text as mime_text
import importlib
import sys

print(os.path.join("a", "b", "c.txt"), os.path.splitext("x/y.tar.gz"), os.path.basename("/p/q/r.py"))
print(os.path.normpath("a//b/../c/./d"), os.path.isabs("/x"), os.path.commonprefix(["abcd", "abxy"]))
print(type(os).__name__, os.path.__name__ in ("posixpath", "ntpath"), "path" in dir(os))
root = ET.fromstring("<root><item id='1'>one</item><item id='2'>two</item></root>")
print([(i.get("id"), i.text) for i in root.findall("item")], ET.tostring(root.find("item")).decode())
print(isinstance([], collections.abc.Sequence), collections.abc.__name__, collections.__name__)
print(to_json({"b": [1, 2], "a": None}, sort_keys=True), loads('{"x": [true, 1.5]}'))
print(parse.urlparse("https://example.com:8080/p/a?q=1&r=two#frag"), parse.quote("a b&c"), parse.parse_qs("x=1&x=2&y=3"))
print(mime_text.__name__, hasattr(mime_text, "MIMEText"))
m = __import__("os.path")
print(m.__name__, m is os)
m2 = __import__("os.path", fromlist=["join"])
print(m2.__name__ in ("posixpath", "ntpath"), m2.join("p", "q"))
m3 = __import__("json", globals(), locals(), ["decoder"], 0)
print(m3.__name__, m3.decoder.__name__)
m4 = importlib.import_module("string")
print(m4.ascii_lowercase[:5], m4.capwords("hello there world"))
m5 = importlib.import_module(".util", "helpers_shapes")
print(m5.__name__, m5.square(7))
m6 = importlib.import_module("helpers_shapes.sub.deep")
print(m6.cube(2), sys.modules["helpers_shapes.sub"].BASE)


def import_inside():
    import math as m
    from statistics import mean, median
    return m.sqrt(16), mean([1, 2, 3, 4]), median([5, 1, 3])


print(import_inside(), "mean" in globals())


class WithImport:
    import textwrap
    wrapped = textwrap.wrap("the quick brown fox jumps over", 10)

    def dedent(self, s):
        return self.textwrap.dedent(s)


print(WithImport.wrapped, WithImport().dedent("    a\n    b"), hasattr(WithImport, "textwrap"))


def set_global_module():
    global heapq
    import heapq


set_global_module()
print(heapq.nsmallest(2, [5, 1, 4, 2]), "heapq" in globals())
print(sorted(n for n in dir(parse) if n.startswith("url"))[:4])
print(sys.modules["json"] is sys.modules[to_json.__module__.split(".")[0]], to_json.__module__)
try:
    __import__("")
except ValueError as e:
    print("ValueError", e)
try:
    importlib.import_module("..x", "json")
except (ImportError, ValueError) as e:
    print(type(e).__name__, e)

import importlib.util  # noqa: E402
spec = importlib.util.find_spec("helpers_shapes.circle")
print(spec.name, spec.parent, spec.origin.endswith("circle.py"))
print(importlib.util.find_spec("surely_not_a_module_abc"))
