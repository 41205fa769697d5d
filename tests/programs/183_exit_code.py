# Ends with sys.exit(3) after writing to both streams; finally blocks and
# atexit handlers still run.
import atexit
import sys

atexit.register(lambda: print("atexit handler runs after sys.exit"))


def main():
    total = sum(i * i for i in range(10))
    print("computed", total)
    print("warning: exiting with status 3", file=sys.stderr)
    try:
        sys.exit(3)
    finally:
        print("finally runs during SystemExit")


main()
print("not reached")
