# Reading from stdin (the driver feeds 160_stdin_input.stdin): input() with
# and without prompts (the prompt goes to stdout), sys.stdin.readline(),
# iteration over sys.stdin, EOFError at the end, and a small command loop.
import sys

name = input("name? ")
age = int(input("age? "))
print()
print(f"hello {name}, next year you will be {age + 1}")
numbers = [int(tok) for tok in input().split()]
print("numbers:", numbers, "sum:", sum(numbers), "sorted:", sorted(numbers))
print("comment line via readline:", repr(sys.stdin.readline()))

ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b, "div": lambda a, b: a / b}
while True:
    line = input("> ")
    if line == "quit":
        print("bye")
        break
    cmd, *args = line.split()
    try:
        result = ops[cmd](*map(int, args))
        print(f"{cmd}{tuple(map(int, args))} = {result}")
    except KeyError:
        print(f"unknown command {cmd!r}")
    except ZeroDivisionError as e:
        print(f"error: {e}")

rest = [line.rstrip("\n") for line in sys.stdin]
print("remaining lines:", rest)
try:
    input("at eof? ")
except EOFError as e:
    print("EOFError", repr(str(e)))
print("readline at eof:", repr(sys.stdin.readline()), "read:", repr(sys.stdin.read()))
print("stdin encoding-independent check:", sys.stdin.closed, callable(sys.stdin.readline))
