#!/usr/bin/env bash
# Installs the Debian packages the build needs, only if they are missing.
set -euo pipefail
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v g++ >/dev/null || need+=(g++)
command -v clang++ >/dev/null || need+=(clang)
[ -f /usr/include/gtest/gtest.h ] || need+=(libgtest-dev libgmock-dev)
[ -f /usr/include/benchmark/benchmark.h ] || need+=(libbenchmark-dev)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
command -v tmux >/dev/null || need+=(tmux)   # tests/driver/test_cli_tty.py drives the prompt in it
if [ ${#need[@]} -gt 0 ]; then
  echo "installing missing packages: ${need[*]}"
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi
python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), "xpython needs python3 == 3.11 on PATH, found " + sys.version' 
