# Ends with an uncaught SyntaxError raised by exec() of a generated string:
# the traceback shows the caret line of the bad source.
snippets = ["x = 1 + 2", "y = [i * i for i in range(4)]", "z = (1 +\n     * 2)"]
ns = {}
for src in snippets:
    print("executing:", src.splitlines()[0])
    exec(src, ns)
    print("ok:", sorted(k for k in ns if k != "__builtins__"))
