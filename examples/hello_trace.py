# A tiny program for `xpython -v`: one function, one call per loop turn.
def square(x):
    return x * x


total = 0
for n in range(3):
    total += square(n)
print("total:", total)
