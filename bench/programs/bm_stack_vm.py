"""A small interpreter: a compiler from a tiny expression/statement
language (tuples as an AST) to a stack-machine instruction list, and a
dispatch loop that runs it (if/elif chains on opcodes, a value stack, local
slots, jumps, calls with a return stack). Runs a few programs (loops,
recursion, primes) on it."""

PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, EQ, JMP, JZ, CALL, RET, PRINT, HALT, DIV = range(16)


class Compiler:
    def __init__(self):
        self.code = []
        self.funcs = {}
        self.patches = []

    def emit(self, op, arg=0):
        self.code.append((op, arg))
        return len(self.code) - 1

    def expr(self, e, slots):
        kind = e[0]
        if kind == "num":
            self.emit(PUSH, e[1])
        elif kind == "var":
            self.emit(LOAD, slots[e[1]])
        elif kind == "call":
            for a in e[2]:
                self.expr(a, slots)
            i = self.emit(CALL, 0)
            self.patches.append((i, e[1], len(e[2])))
        else:
            self.expr(e[1], slots)
            self.expr(e[2], slots)
            self.emit({"+": ADD, "-": SUB, "*": MUL, "%": MOD, "<": LT, "==": EQ, "/": DIV}[kind])

    def stmt(self, s, slots):
        kind = s[0]
        if kind == "set":
            self.expr(s[2], slots)
            if s[1] not in slots:
                slots[s[1]] = len(slots)
            self.emit(STORE, slots[s[1]])
        elif kind == "while":
            top = len(self.code)
            self.expr(s[1], slots)
            jz = self.emit(JZ)
            for b in s[2]:
                self.stmt(b, slots)
            self.emit(JMP, top)
            self.code[jz] = (JZ, len(self.code))
        elif kind == "if":
            self.expr(s[1], slots)
            jz = self.emit(JZ)
            for b in s[2]:
                self.stmt(b, slots)
            if len(s) > 3:
                j = self.emit(JMP)
                self.code[jz] = (JZ, len(self.code))
                for b in s[3]:
                    self.stmt(b, slots)
                self.code[j] = (JMP, len(self.code))
            else:
                self.code[jz] = (JZ, len(self.code))
        elif kind == "return":
            self.expr(s[1], slots)
            self.emit(RET)
        elif kind == "print":
            self.expr(s[1], slots)
            self.emit(PRINT)

    def function(self, name, params, body):
        self.funcs[name] = (len(self.code), len(params))
        slots = {p: i for i, p in enumerate(params)}
        for s in body:
            self.stmt(s, slots)
        self.emit(PUSH, 0)
        self.emit(RET)

    def finish(self):
        for i, name, nargs in self.patches:
            entry, nparams = self.funcs[name]
            assert nparams == nargs
            self.code[i] = (CALL, (entry, nargs))
        return self.code


def run(code, entry, out):
    stack = []
    frames = []
    local = [0] * 16
    pc = entry
    steps = 0
    while True:
        op, arg = code[pc]
        pc += 1
        steps += 1
        if op == PUSH:
            stack.append(arg)
        elif op == LOAD:
            stack.append(local[arg])
        elif op == STORE:
            local[arg] = stack.pop()
        elif op == ADD:
            b = stack.pop()
            stack[-1] += b
        elif op == SUB:
            b = stack.pop()
            stack[-1] -= b
        elif op == MUL:
            b = stack.pop()
            stack[-1] *= b
        elif op == MOD:
            b = stack.pop()
            stack[-1] %= b
        elif op == DIV:
            b = stack.pop()
            stack[-1] //= b
        elif op == LT:
            b = stack.pop()
            stack[-1] = 1 if stack[-1] < b else 0
        elif op == EQ:
            b = stack.pop()
            stack[-1] = 1 if stack[-1] == b else 0
        elif op == JMP:
            pc = arg
        elif op == JZ:
            if not stack.pop():
                pc = arg
        elif op == CALL:
            target, nargs = arg
            new_local = [0] * 16
            for k in range(nargs - 1, -1, -1):
                new_local[k] = stack.pop()
            frames.append((pc, local))
            local = new_local
            pc = target
        elif op == RET:
            if not frames:
                return steps
            pc, local = frames.pop()
        elif op == PRINT:
            out.append(stack.pop())
        elif op == HALT:
            return steps


def source():
    n, v, c = ("num",), ("var",), ("call",)
    num = lambda x: n + (x,)
    var = lambda x: v + (x,)
    call = lambda f, *a: c + (f, list(a))
    return [
        ("fib", ["n"], [
            ("if", ("<", var("n"), num(2)), [("return", var("n"))]),
            ("return", ("+", call("fib", ("-", var("n"), num(1))),
                        call("fib", ("-", var("n"), num(2))))),
        ]),
        ("is_prime", ["n"], [
            ("set", "d", num(2)),
            ("while", ("<", ("*", var("d"), var("d")), ("+", var("n"), num(1))), [
                ("if", ("==", ("%", var("n"), var("d")), num(0)), [("return", num(0))]),
                ("set", "d", ("+", var("d"), num(1))),
            ]),
            ("return", num(1)),
        ]),
        ("main", [], [
            ("print", call("fib", num(21))),
            ("set", "i", num(2)),
            ("set", "count", num(0)),
            ("while", ("<", var("i"), num(20000)), [
                ("if", call("is_prime", var("i")), [("set", "count", ("+", var("count"), num(1)))]),
                ("set", "i", ("+", var("i"), num(1))),
            ]),
            ("print", var("count")),
            ("set", "s", num(0)),
            ("set", "k", num(0)),
            ("while", ("<", var("k"), num(60000)), [
                ("if", ("==", ("%", var("k"), num(3)), num(0)),
                 [("set", "s", ("+", var("s"), ("/", var("k"), num(3))))],
                 [("set", "s", ("-", var("s"), num(1)))]),
                ("set", "k", ("+", var("k"), num(1))),
            ]),
            ("print", var("s")),
        ]),
    ]


def main():
    comp = Compiler()
    for name, params, body in source():
        comp.function(name, params, body)
    code = comp.finish()
    out = []
    steps = run(code, comp.funcs["main"][0], out)
    print("program size", len(code))
    print("output", out)
    print("steps", steps)
    print("checksum", (steps + sum(out)) % 1000000007)


main()
