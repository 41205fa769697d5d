#!/usr/bin/env python3
# ctest-labels: diff
"""The interactive prompt on a terminal: python3 against xpython in tmux.

Each scenario starts the same command line under python3 and under xpython
in a detached tmux session (its own server socket, a 100x40 terminal, HOME
a scratch folder so readline's history file is fresh), types the same keys
(tmux send-keys), waits until the screen stops changing, and compares the
two screens (tmux capture-pane) after normalising only the banner's first
line and the interpreter's own name (xpython names itself where python
does; see test_cli.py).  A shell wrapper prints "[exit N]" when the
interpreter ends, so exit statuses are on the screen too.

A last scenario checks that statements typed at the prompt run in the VM
(the -v trace, written to a file, shows them).  Without tmux the test
prints "SKIP: ..." and passes (scripts/ensure-deps.sh installs tmux).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402
import test_cli  # noqa: E402

# (name, interpreter arguments, keys). A key item is a tmux key list sent in
# one send-keys call; ("sleep", s) waits; every item is followed by a wait
# for a quiet screen.
SCENARIOS = [
    ("prompt", [], [
        ["x = 6", "Enter"], ["y = x * 7", "Enter"], ["y", "Enter"],
        ["def f(n):", "Enter"], ["    return n + 1", "Enter"], ["Enter"], ["f(y)", "Enter"],
        ["import sys; sys.ps1 = '## '; sys.ps2 = '.. '", "Enter"], ["if y:", "Enter"], ["  'ps2'", "Enter"],
        ["Enter"], ["1/0", "Enter"], ["sys.argv, __name__", "Enter"], ["C-d"]]),
    ("quiet-history-completion", ["-q"], [
        ["value = 41", "Enter"], ["Up"], ["BSpace", "2", "Enter"], ["valu", "Tab"], ["Enter"],
        ["exit(5)", "Enter"]]),
    ("inspect-after-error", ["-i", "boom.py"], [["x + 1", "Enter"], ["C-d"]]),
    ("inspect-after-exit", ["-i", "exit3.py"], [["'still here'", "Enter"], ["raise SystemExit(6)", "Enter"]]),
    ("inspect-c", ["-i", "-c", "a = 'from -c'"], [["a", "Enter"], ["C-d"]]),
    ("keyboard-interrupt", ["-q"], [
        ["n = 0", "Enter"], ["while True: n += 1", "Enter"], ["Enter"], ("sleep", 1.0), ["C-c"],
        ["n > 0", "Enter"], ["partial line", "C-c"], ["print('alive')", "Enter"], ["C-d"]]),
    ("syntax-error", ["-q"], [["1 +", "Enter"], ["print('next')", "Enter"], ["C-d"]]),
    ("startup-file", ["-q"], [["S", "Enter"], ["C-d"]]),
]
ENV = {"startup-file": {"PYTHONSTARTUP": "startup.py"}}


class Tmux:
    def __init__(self, root, scale):
        self.socket = "xp-test-%d" % os.getpid()
        self.root = root
        self.scale = scale

    def tmux(self, *args, check=True):
        r = subprocess.run(["tmux", "-L", self.socket] + list(args), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        if check and r.returncode != 0:
            raise RuntimeError("tmux %s failed (%d): %s" % (args[0], r.returncode,
                                                            r.stderr.decode("utf-8", "replace").strip()))
        return r

    def start(self):
        # A server exits when its last session is killed; a new-session sent
        # while it is exiting fails. One idle session keeps the server up for
        # the whole run, so scenario sessions come and go on a live server.
        self.tmux("new-session", "-d", "-s", "keeper", "sleep 3600")

    def screen(self, session):
        out = self.tmux("capture-pane", "-p", "-t", session).stdout.decode("utf-8", "replace")
        return "\n".join(line.rstrip() for line in out.rstrip("\n").splitlines()).rstrip() + "\n"

    def settle(self, session, quiet=0.4, limit=15.0):
        """Waits until the screen has not changed for `quiet` seconds."""
        limit *= self.scale
        last, since, start = None, time.monotonic(), time.monotonic()
        while time.monotonic() - start < limit:
            time.sleep(0.1)
            now = self.screen(session)
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet * self.scale:
                break
        return last

    def session(self, name, argv, keys, env):
        full_env = difftest.fixed_env(env)
        full_env["HOME"] = os.path.join(self.root, "home-" + name)
        os.makedirs(full_env["HOME"], exist_ok=True)
        full_env.pop("TMUX", None)
        # The trap keeps the wrapper alive through C-c (its child still gets
        # SIGINT with the default disposition, as from an interactive shell).
        command = "trap : INT; cd %s && %s; echo \"[exit $?]\"; sleep 600" % (shlex.quote(self.root),
                                                                              shlex.join(argv))
        env_args = []
        for k in ("HOME", "PYTHONHASHSEED", "PYTHONIOENCODING", "PYTHONDONTWRITEBYTECODE", "PYTHONSTARTUP"):
            if k in full_env:
                env_args.append("%s=%s" % (k, full_env[k]))
        self.tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "40",
                  "env " + " ".join(shlex.quote(a) for a in env_args) + " sh -c " + shlex.quote(command))
        try:
            self.settle(name, quiet=0.8)
            for item in keys:
                if isinstance(item, tuple):
                    time.sleep(item[1] * self.scale)
                    continue
                for k in item:
                    # Literal text with -l, key names (Enter, C-d, Up, ...) without.
                    if re.fullmatch(r"Enter|Tab|Up|Down|BSpace|C-[a-z]", k):
                        self.tmux("send-keys", "-t", name, k)
                    else:
                        self.tmux("send-keys", "-t", name, "-l", k)
                self.settle(name)
            return self.settle(name, quiet=0.6)
        finally:
            self.tmux("kill-session", "-t", name, check=False)

    def close(self):
        self.tmux("kill-server", check=False)


def main():
    p = difftest.base_arg_parser(__doc__.splitlines()[0])
    args = p.parse_args()
    if shutil.which("tmux") is None:
        print("SKIP: tmux is not installed (scripts/ensure-deps.sh installs it); the prompt is untested")
        return 0
    xpython = os.path.abspath(args.xpython)
    with tempfile.TemporaryDirectory(prefix="xp_tty_") as root:
        test_cli.make_fixtures(root)
        tm = Tmux(root, difftest.timeout_scale(args))
        tm.start()
        norm = test_cli.normaliser(test_cli.python_name("python3") + [xpython])
        failed = 0
        try:
            for i, (name, argv, keys) in enumerate(SCENARIOS):
                env = ENV.get(name)
                native = tm.session("py%d" % i, ["python3"] + argv, keys, env)
                ours = tm.session("xp%d" % i, [xpython] + argv, keys, env)
                d = difftest.stream_diff("screen", norm(native.encode()), norm(ours.encode()), "python3", "xpython")
                if "[exit" not in ours and name != "keyboard-interrupt":
                    d += "xpython did not end\n"
                if d:
                    failed += 1
                    print("FAIL %s\n%s" % (name, d))
                else:
                    print("ok   %s" % name)
            # Statements typed at the prompt run in the VM: -v traces them.
            trace = os.path.join(root, "trace.txt")
            screen = tm.session("trace", ["sh", "-c", "%s -q -v 2>%s" % (shlex.quote(xpython), trace)],
                                [["a = 6", "Enter"], ["b = a * 7", "Enter"], ["print(b)", "Enter"], ["C-d"]], None)
            with open(trace, encoding="utf-8", errors="replace") as f:
                traced = f.read()
            if "BINARY_OP (6, 7) *" not in traced or "42" not in screen:
                failed += 1
                print("FAIL prompt-in-vm: the -v trace lacks the typed statements\n%s\n%s" % (screen, traced[-1500:]))
            else:
                print("ok   prompt-in-vm")
        finally:
            tm.close()
        total = len(SCENARIOS) + 1
        print("%d/%d passed" % (total - failed, total))
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
