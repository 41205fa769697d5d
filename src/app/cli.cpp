#include "app/cli.h"

#include <cstring>

namespace xp::app {

const char* usage_line() {
  return "usage: xpython [-v|-vv] [option] ... [-c cmd | -m mod | file.py | file.pyc | -] [arg] ...\n"
         "       xpython --dis [--format=text|json] [--version-of X.Y] FILE\n"
         "Try 'xpython -h' for more information.\n";
}

const char* help_text() {
  return "usage: xpython [-v|-vv] [option] ... [-c cmd | -m mod | file.py | file.pyc | -] [arg] ...\n"
         "\n"
         "Runs Python bytecode in xpython's VM on the host Python 3.11.\n"
         "\n"
         "Options:\n"
         "  -v       trace every executed instruction to stderr (line, offset, opname,\n"
         "           operand values); -vv also shows the value stack and new frames\n"
         "  -c cmd   program passed in as string (terminates option list)\n"
         "  -m mod   run library module as a script (terminates option list)\n"
         "  -        program read from stdin (default when stdin is not a terminal)\n"
         "  --interpret-imports=none|user|all\n"
         "           which imported modules run in the VM: none (all native), user\n"
         "           (modules beside the program; default), all (every pure-Python\n"
         "           module imported after start-up, the standard library included)\n"
         "  --dis [--format=text|json] [--version-of X.Y] FILE\n"
         "           disassemble a .pyc of any version (2.4-3.14, PyPy) in that version's\n"
         "           dis layout, or as JSON; --version-of reads a headerless marshal\n"
         "           payload of that version (see --dis --help)\n"
         "  -u       unbuffered binary stdout and stderr (as python -u)\n"
         "  -B       don't write .pyc files on import\n"
         "  -E       ignore PYTHON* environment variables\n"
         "  -s       don't add the user site directory to sys.path\n"
         "  -I       isolate from the user's environment (implies -E and -s)\n"
         "  -V, --version  print the version and exit\n"
         "  -h, --help     print this help and exit\n"
         "\n"
         "file.pyc: a .pyc of any CPython 2.4-3.14 or PyPy version is loaded and\n"
         "checked; this build executes 3.11 bytecode (others: exit status 3).\n"
         "\n"
         "Environment: XPYTHON_OPCODE_STATS=FILE adds the number of times each opcode\n"
         "ran (lines \"VERSION NAME COUNT\") to FILE at exit.\n"
         "\n"
         "Exit status: the program's (0, sys.exit code, 1 for an uncaught exception);\n"
         "2 for bad input (missing file, malformed .pyc, invalid bytecode);\n"
         "3 for a valid .pyc of a version this build cannot run.\n";
}

bool parse_cli(int argc, char** argv, Cli* cli, std::string* error) {
  int i = 1;
  bool have_program = false;
  for (; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a == "--dis") {
      cli->dis = true;
      for (int j = i + 1; j < argc; ++j) cli->dis_args.push_back(argv[j]);
      return true;
    }
    if (a == "-h" || a == "--help") {
      cli->show_help = true;
      return true;
    }
    if (a == "-V" || a == "--version") {
      cli->show_version = true;
      return true;
    }
    if (a.rfind("--interpret-imports=", 0) == 0) {
      const std::string mode = a.substr(std::strlen("--interpret-imports="));
      if (mode == "none")
        cli->run.imports = rt::ImportMode::None;
      else if (mode == "user")
        cli->run.imports = rt::ImportMode::User;
      else if (mode == "all")
        cli->run.imports = rt::ImportMode::All;
      else {
        *error = "--interpret-imports must be none, user or all (got '" + mode + "')";
        return false;
      }
      continue;
    }
    if (a == "-c" || a == "-m") {
      if (i + 1 >= argc) {
        *error = "Argument expected for the " + a + " option";
        return false;
      }
      cli->run.kind = a == "-c" ? rt::RunKind::Command : rt::RunKind::Module;
      cli->run.target = argv[i + 1];
      cli->sys_argv.push_back(a);  // -m: replaced by the module's path once found
      i += 2;
      have_program = true;
      break;
    }
    if (a == "-") {
      cli->run.kind = rt::RunKind::Stdin;
      cli->sys_argv.push_back("-");
      ++i;
      have_program = true;
      break;
    }
    if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      // Clustered single-letter flags: -vv, -uB, ...
      for (size_t k = 1; k < a.size(); ++k) {
        switch (a[k]) {
          case 'v': ++cli->trace_level; break;
          case 'u': cli->unbuffered = true; break;
          case 'B': cli->no_bytecode = true; break;
          case 'E': cli->ignore_environment = true; break;
          case 's': cli->no_user_site = true; break;
          case 'I': cli->isolated = true; break;
          case 'h': cli->show_help = true; return true;
          case 'V': cli->show_version = true; return true;
          default:
            *error = std::string("unknown option -") + a[k];
            return false;
        }
      }
      continue;
    }
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      *error = "unknown option " + a;
      return false;
    }
    // The program file.
    cli->run.kind = rt::RunKind::File;
    cli->run.target = a;
    cli->sys_argv.push_back(a);
    ++i;
    have_program = true;
    break;
  }
  if (!have_program) {
    if (i < argc) {  // after "--"
      cli->run.kind = rt::RunKind::File;
      cli->run.target = argv[i];
      cli->sys_argv.push_back(argv[i]);
      ++i;
    } else {
      cli->run.kind = rt::RunKind::Stdin;
      cli->stdin_is_default = true;
      cli->sys_argv.push_back("");
    }
  }
  for (; i < argc; ++i) cli->sys_argv.push_back(argv[i]);
  if (cli->trace_level > 2) cli->trace_level = 2;
  return true;
}

}  // namespace xp::app
