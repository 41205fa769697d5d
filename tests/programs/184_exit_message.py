# Ends with sys.exit("message"): the message goes to stderr and the exit
# status is 1. Also checks that except Exception does not catch SystemExit.
import sys


def risky(attempt):
    raise ConnectionError(f"attempt {attempt} failed")


for attempt in range(1, 4):
    try:
        risky(attempt)
    except ConnectionError as e:
        print(e)
try:
    try:
        sys.exit("fatal: all 3 attempts failed")
    except Exception:
        print("wrongly caught")
finally:
    print("cleanup before exit")
