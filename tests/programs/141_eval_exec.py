# eval/exec of strings: with default (current) scopes, explicit globals and
# locals dicts, __builtins__ control, exec defining functions and classes
# that are then called, compile() modes, eval of expressions using names
# from enclosing function scopes, and errors raised from executed code.
x = 10


def show(label, value):
    print(f"{label:<34} {value!r}")


show("eval('x + 1')", eval("x + 1"))
show("eval with globals", eval("x * y", {"x": 3, "y": 4}))
show("eval with globals+locals", eval("x + y", {"x": 1}, {"y": 100}))
show("eval locals shadow globals", eval("x", {"x": "global"}, {"x": "local"}))
show("eval builtins available", eval("len('abc') + abs(-2)", {}))
try:
    eval("len('abc')", {"__builtins__": {}})
except NameError as e:
    show("no builtins", str(e))
show("custom builtins", eval("double(21)", {"__builtins__": {"double": lambda v: v * 2}}))


def in_function():
    local_a = 5
    r1 = eval("local_a * 2")
    r2 = eval("x + local_a")
    ns = {}
    exec("local_b = local_a + 1", {"local_a": local_a}, ns)
    return r1, r2, ns


show("eval sees function locals", in_function())
g = {}
exec("a = 1\nb = a + 1\ndef f(n):\n    return n * b\nclass C:\n    v = a\n    def m(self):\n        return f(self.v)\n", g)
show("exec defined names", sorted(k for k in g if k != "__builtins__"))
show("call exec'd function", g["f"](10))
show("exec'd class method", g["C"]().m())
show("function globals is exec dict", g["f"].__globals__ is g)
show("exec'd function name", (g["f"].__name__, g["f"].__qualname__, g["f"].__module__ if "__name__" in g else None))
l_ns = {}
exec("y = 7\ndef h():\n    return y\n", {"y": "from globals"}, l_ns)
show("function in exec with separate locals", l_ns["h"]())
exec("module_level_from_exec = 'set'")
show("exec at module level defines", module_level_from_exec)  # noqa: F821


def exec_in_function():
    exec("new_name = 1")
    try:
        return new_name  # noqa: F821
    except NameError as e:
        return f"NameError: {e}"


show("exec cannot create fast locals", exec_in_function())
code = compile("p * q", "<expr>", "eval")
show("compiled eval", eval(code, {"p": 6, "q": 7}))
code2 = compile("for i in range(3):\n    out.append(i * i)\n", "<loop>", "exec")
out = []
exec(code2)
show("compiled exec", out)
exec(compile("1 + 1", "<s>", "single"))  # 'single' mode echoes the value via sys.displayhook
exec(compile("None", "<s>", "single"))  # ...except None
show("code object name", (code.co_name, code.co_filename))
for src, mode in [("1 +", "eval"), ("def f(:", "exec"), ("x = = 1", "exec"), ("return 5", "exec"), ("yield 1", "exec")]:
    try:
        compile(src, "<bad>", mode)
    except SyntaxError as e:
        show(f"SyntaxError {src!r}", (e.msg, e.lineno))
try:
    exec("1 / 0")
except ZeroDivisionError as e:
    show("error from exec", str(e))
try:
    exec("def boom():\n    raise KeyError('inside exec fn')\nboom()", {})
except KeyError as e:
    show("error from exec'd function", str(e))
show("eval of nested lambda", eval("(lambda k: [k * i for i in range(3)])(5)"))
try:
    eval("[v + w for v in range(3)]", {}, {"w": 100})
except NameError as e:
    show("comprehension can't see eval locals", str(e))
show("comprehension sees eval globals", eval("[v + w for v in range(3)]", {"w": 100}))
show("exec returns None", exec("pass"))
show("eval of bytes source", eval(b"40 + 2"))
show("eval strips whitespace", eval("  3 * 3\n"))
ns3 = {"__name__": "custom_mod"}
exec("def who():\n    return __name__\n", ns3)
show("__name__ from exec globals", (ns3["who"](), ns3["who"].__module__))


def closure_eval():
    free = "free var"

    def inner():
        return eval("free")

    try:
        return inner()
    except NameError as e:
        return f"NameError: {e}"


show("eval cannot see unreferenced free vars", closure_eval())


def closure_eval_referenced():
    free = "free var"

    def inner():
        free  # noqa: B018 -- referencing makes it a free variable of inner
        return eval("free")

    return inner()


show("eval sees referenced free vars", closure_eval_referenced())
counter_ns = {"count": 0}
for _ in range(5):
    exec("count += 1", counter_ns)
show("exec repeated on same dict", counter_ns["count"])
show("globals() inside eval", eval("sorted(globals())", {"k": 1}))
show("locals() inside eval", eval("locals()", {}, {"lv": 1}))
