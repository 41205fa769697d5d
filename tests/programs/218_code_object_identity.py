# Code objects of interpreted functions behave as the host's own: equal to
# their code.replace() copies (and usable as dict keys for them), and an
# extra-data free function another user registers (CPython's
# _PyEval_RequestCodeExtraIndex, here from Python through ctypes, as
# test_code does) is not called for code objects that user never touched.
import ctypes
import gc


def sample(a, b=2):
    c = a + b
    return c


code = sample.__code__
copy = code.replace()
print(code == copy, copy == code, code != copy, hash(code) == hash(copy), {code: "found"}.get(copy))
print(code == code.replace(co_name="other"), code == (lambda: 0).__code__)
shrunk = code.replace(co_nlocals=code.co_nlocals, co_varnames=code.co_varnames)
print(shrunk == code)

freefunc = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
request = ctypes.pythonapi._PyEval_RequestCodeExtraIndex
request.argtypes = (freefunc,)
request.restype = ctypes.c_ssize_t
freed = []


def on_free(ptr):
    freed.append(ptr)


FREE = freefunc(on_free)
index = request(FREE)
namespace = {}
exec("def made_later(x):\n    return x * 2\n", namespace)
print(namespace["made_later"](21))
del namespace
gc.collect()


def nested_later(x):
    def inner():
        return x
    return inner()


print(nested_later(5))
del nested_later
gc.collect()
print("free function calls:", freed)
