# args: --verbose -n 3 "two words" positional --key=value -- --not-an-option
# Command-line arguments (the driver passes the header's arguments):
# sys.argv[1:] parsed by hand and by argparse. sys.argv[0] differs between a
# source run and a .pyc run, so only its presence is checked.
import argparse
import sys

args = sys.argv[1:]
print("argc:", len(args))
for i, a in enumerate(args):
    print(f"  argv[{i + 1}] = {a!r}")
print("argv[0] is a str:", isinstance(sys.argv[0], str), "| non-empty:", bool(sys.argv[0]))

parser = argparse.ArgumentParser(prog="argv-demo", description="demo")
parser.add_argument("--verbose", "-v", action="store_true")
parser.add_argument("-n", type=int, default=1)
parser.add_argument("--key")
parser.add_argument("items", nargs="*")
ns, unknown = parser.parse_known_args(args)
print("parsed:", sorted(vars(ns).items()), "unknown:", unknown)
print("usage:", parser.format_usage().strip())
try:
    parser.parse_args(["-n", "notanint"])
except SystemExit as e:
    print("argparse error exits with", e.code)
flags = [a for a in args if a.startswith("-")]
positional = [a for a in args if not a.startswith("-")]
print("flags:", flags)
print("positional:", positional)
sys.argv.append("appended")
print("sys.argv is mutable:", sys.argv[-1], len(sys.argv) - 1)
