# Ends with sys.exit() of a non-integer, non-string object: it is printed to
# stderr (str of the object) and the exit status is 1; stdout is flushed.
import sys

print("partial results:", [1, 2, 3])
sys.stdout.write("no trailing newline on stdout")
sys.exit(["error", "list", 42])
