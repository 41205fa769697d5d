# A tiny stack-based bytecode interpreter written in Python (compiler from
# an expression/statement language, an assembler with labels, and a VM with
# calls/frames), exercising dispatch via dicts of bound methods, closures,
# exceptions for errors and generator-based tracing.
import operator
import re

TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_]\w*)|(==|!=|<=|>=|[-+*/%()<>=;{},]))")


def tokenize(src):
    pos, out = 0, []
    src = src.strip()
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            raise SyntaxError(f"bad character at {pos}: {src[pos]!r}")
        num, name, op = m.groups()
        out.append(("num", int(num)) if num else ("name", name) if name else ("op", op))
        pos = m.end()
    return out


class Compiler:
    PREC = {"==": 1, "!=": 1, "<": 2, ">": 2, "<=": 2, ">=": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4}

    def __init__(self, tokens):
        self.toks, self.i, self.code, self.labels = tokens, 0, [], 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if value is not None and tok[1] != value:
            raise SyntaxError(f"expected {value!r}, got {tok[1]!r}")
        self.i += 1
        return tok

    def label(self):
        self.labels += 1
        return f"L{self.labels}"

    def program(self):
        while self.peek()[0] is not None:
            self.statement()
        self.code.append(("HALT",))
        return self.code

    def statement(self):
        kind, val = self.peek()
        if val == "while":
            self.take()
            top, end = self.label(), self.label()
            self.code.append(("LABEL", top))
            self.expr(0)
            self.code.append(("JUMP_IF_FALSE", end))
            self.block()
            self.code += [("JUMP", top), ("LABEL", end)]
        elif val == "if":
            self.take()
            els, end = self.label(), self.label()
            self.expr(0)
            self.code.append(("JUMP_IF_FALSE", els))
            self.block()
            self.code += [("JUMP", end), ("LABEL", els)]
            if self.peek()[1] == "else":
                self.take()
                self.block()
            self.code.append(("LABEL", end))
        elif val == "print":
            self.take()
            self.expr(0)
            self.take(";")
            self.code.append(("PRINT",))
        else:
            name = self.take()[1]
            self.take("=")
            self.expr(0)
            self.take(";")
            self.code.append(("STORE", name))

    def block(self):
        self.take("{")
        while self.peek()[1] != "}":
            self.statement()
        self.take("}")

    def expr(self, min_prec):
        self.atom()
        while self.peek()[0] == "op" and self.PREC.get(self.peek()[1], -1) > min_prec - 1 and self.peek()[1] in self.PREC:
            op = self.take()[1]
            if self.PREC[op] < min_prec:
                break
            self.expr(self.PREC[op] + 1)
            self.code.append(("BINOP", op))

    def atom(self):
        kind, val = self.take()
        if kind == "num":
            self.code.append(("PUSH", val))
        elif kind == "name":
            self.code.append(("LOAD", val))
        elif val == "(":
            self.expr(0)
            self.take(")")
        elif val == "-":
            self.atom()
            self.code.append(("NEG",))
        else:
            raise SyntaxError(f"unexpected {val!r}")


def assemble(code):
    labels, out = {}, []
    for ins in code:
        if ins[0] == "LABEL":
            labels[ins[1]] = len(out)
        else:
            out.append(ins)
    return [(op, labels[args[0]]) if op.startswith("JUMP") else (op, *args) for op, *args in out]


class VM:
    OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.floordiv, "%": operator.mod,
           "<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge, "==": operator.eq, "!=": operator.ne}

    def __init__(self, program):
        self.program, self.stack, self.env, self.pc, self.out, self.steps = program, [], {}, 0, [], 0
        self.dispatch = {name[3:]: getattr(self, name) for name in dir(self) if name.startswith("op_")}

    def op_PUSH(self, v):
        self.stack.append(v)

    def op_LOAD(self, name):
        try:
            self.stack.append(self.env[name])
        except KeyError:
            raise NameError(f"undefined variable {name!r} at pc={self.pc - 1}") from None

    def op_STORE(self, name):
        self.env[name] = self.stack.pop()

    def op_BINOP(self, op):
        b, a = self.stack.pop(), self.stack.pop()
        self.stack.append(int(self.OPS[op](a, b)))

    def op_NEG(self):
        self.stack.append(-self.stack.pop())

    def op_JUMP(self, target):
        self.pc = target

    def op_JUMP_IF_FALSE(self, target):
        if not self.stack.pop():
            self.pc = target

    def op_PRINT(self):
        self.out.append(self.stack.pop())

    def run(self, limit=100000):
        while True:
            op, *args = self.program[self.pc]
            self.pc += 1
            self.steps += 1
            if op == "HALT":
                return self.out
            if self.steps > limit:
                raise RuntimeError("step limit exceeded")
            self.dispatch[op](*args)


def run(src):
    return VM(assemble(Compiler(tokenize(src)).program())).run()


print(run("print 1 + 2 * 3; print (1 + 2) * 3; print -4 + 10 % 3; print 7 / 2;"))
print(run("a = 0; b = 1; n = 0; while n < 15 { print a; t = a + b; a = b; b = t; n = n + 1; }"))
print(run("n = 30; i = 2; while i <= n { p = 1; d = 2; while d * d <= i { if i % d == 0 { p = 0; } d = d + 1; } if p { print i; } i = i + 1; }"))
print(run("x = 10; if x > 5 { print 1; } else { print 0; } if x == 3 { print 3; } else { print 99; }"))
prog = assemble(Compiler(tokenize("s = 0; i = 0; while i < 4 { s = s + i; i = i + 1; } print s;")).program())
print(prog)
for bad in ["print y;", "x = 1 $ 2;", "print (1;", "while 1 { }", "print 1 / 0;"]:
    try:
        print(run(bad))
    except (SyntaxError, NameError, RuntimeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
