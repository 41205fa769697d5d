# An exception is propagating when a finally block calls sys.exit(5): the
# SystemExit replaces it, nothing is printed for the original exception and
# the status is 5.
import sys


def work():
    try:
        print("working")
        raise RuntimeError("this error is replaced")
    finally:
        print("finally: exiting with 5")
        sys.exit(5)


work()
