#include "app/cli.h"

#include <patchlevel.h>  // PY_VERSION: the host the build embeds

#include <cstring>

namespace xp::app {

namespace {

// CPython 3.11's SHORT_OPTS (Python/getopt.c): a ':' follows the options that
// take an argument.
constexpr const char kShortOpts[] = "bBc:dEhiIJm:OPqRsStuvVW:xX:?";

struct LongOpt {
  const char* name;
  bool has_arg;
};
// Python's long options (other than --help/--version, which getopt treats
// as -h/-V) and x-python's aliases, found where python looks for them.
constexpr LongOpt kLongOpts[] = {
    {"check-hash-based-pycs", true}, {"help-all", false},      {"help-env", false},
    {"help-xoptions", false},        {"verbose", false},       {"command-to-run", true},
    {"module", true},                {"interpret-imports", true},
};

bool set_imports(const std::string& mode, Cli* cli) {
  if (mode == "none")
    cli->imports = rt::ImportMode::None;
  else if (mode == "user")
    cli->imports = rt::ImportMode::User;
  else if (mode == "all")
    cli->imports = rt::ImportMode::All;
  else
    return false;
  return true;
}

// Walks argv as CPython's _PyOS_GetOpt + config_parse_cmdline do. Each option
// token is rebuilt for host_argv without xpython's options: "-vc" becomes
// "-c", a lone "-v" disappears.
class Parser {
 public:
  Parser(int argc, char** argv, Cli* cli) : argc_(argc), argv_(argv), cli_(cli) {}

  void run() {
    cli_->program = argc_ > 0 ? argv_[0] : "xpython";
    for (int k = 0; k < argc_; ++k) cli_->orig_argv.push_back(argv_[k]);
    cli_->host_argv.push_back(cli_->program);
    while (i_ < argc_) {
      const std::string a = argv_[i_];
      // Like getopt: the first non-option ("-" is one) ends the options.
      if (a.size() < 2 || a[0] != '-') break;
      ++i_;
      if (a == "--") {
        keep("--");
        break;
      }
      if (a == "--help") return finish(CliAction::Help);
      if (a == "--version") {
        ++cli_->version_level;  // printed after the whole parse, as python does
        continue;
      }
      if (a == "--dis") {
        // xpython's disassembler takes the rest of the command line.
        for (int j = i_; j < argc_; ++j) cli_->dis_args.push_back(argv_[j]);
        return finish(CliAction::Dis);
      }
      if (a.rfind("--interpret-imports=", 0) == 0) {
        const std::string mode = a.substr(std::strlen("--interpret-imports="));
        if (!set_imports(mode, cli_)) {
          error("--interpret-imports must be none, user or all (got '" + mode + "')");
          return;
        }
        continue;
      }
      if (a.rfind("--command-to-run=", 0) == 0 || a.rfind("--module=", 0) == 0) {
        // x-python (click) also accepts --name=VALUE for these two.
        const size_t eq = a.find('=');
        flush_token();
        keep(a[2] == 'c' ? "-c" : "-m");
        keep(a.substr(eq + 1));
        break;
      }
      if (!cluster(a)) return;
      if (stop_) break;
    }
    // The program and its arguments go to the host untouched.
    for (; i_ < argc_; ++i_) cli_->host_argv.push_back(argv_[i_]);
    if (cli_->version_level > 0) cli_->action = CliAction::Version;
  }

 private:
  // One "-abc" token; false once the parse has ended (help, error).
  bool cluster(const std::string& a) {
    token_.resize(1);  // just the "-" (an assignment trips GCC 12's -Wrestrict)
    for (size_t p = 1; p < a.size(); ++p) {
      const char c = a[p];
      if (c == '-') return long_option(a, a.substr(p + 1));
      if (c == 'J') return error("-J is reserved for Jython");
      const char* spec = std::strchr(kShortOpts, c);
      if (spec == nullptr) return error(std::string("Unknown option: -") + c);
      // getopt finds ':' in its option string and returns it; python then
      // rejects it with the usage lines alone.
      if (c == ':') return error("");
      if (spec[1] == ':') {
        std::string arg;
        if (p + 1 < a.size()) {
          arg = a.substr(p + 1);
          token_ += c;
          token_ += arg;
          flush_token();
        } else {
          if (i_ >= argc_) return error(std::string("Argument expected for the -") + c + " option");
          arg = argv_[i_++];
          token_ += c;
          flush_token();
          keep(arg);
        }
        // -c and -m end the options: what follows belongs to the program.
        if (c == 'c' || c == 'm') stop_ = true;
        return true;
      }
      switch (c) {
        case 'h':
        case '?': finish(CliAction::Help); return false;
        case 'V': ++cli_->version_level; break;
        case 'v': ++cli_->trace_level; break;  // xpython's tracing: not passed on
        default: token_ += c; break;
      }
    }
    flush_token();
    return true;
  }

  // "--name" (also reached from inside a cluster, as in getopt).
  bool long_option(const std::string& a, const std::string& name) {
    if (name.empty()) {
      // getopt prints this and ends the options without an error.
      std::fputs("expected long option\n", stderr);
      flush_token();
      keep("--");
      stop_ = true;
      return true;
    }
    const LongOpt* opt = nullptr;
    for (const LongOpt& o : kLongOpts)
      if (name == o.name) opt = &o;
    if (opt == nullptr) return error("unknown option " + a);
    std::string arg;
    if (opt->has_arg) {
      if (i_ >= argc_) return error("Argument expected for the " + a + " options");
      arg = argv_[i_++];
    }
    if (name == "check-hash-based-pycs") {
      if (arg != "always" && arg != "never" && arg != "default")
        return error("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
      flush_token();
      keep("--check-hash-based-pycs");
      keep(arg);
      return true;
    }
    flush_token();
    if (name == "help-all" || name == "help-env" || name == "help-xoptions") {
      finish(name == "help-all" ? CliAction::HelpAll : name == "help-env" ? CliAction::HelpEnv : CliAction::HelpXoptions);
      return false;
    }
    if (name == "verbose") {
      ++cli_->trace_level;
      return true;
    }
    if (name == "interpret-imports") {
      if (!set_imports(arg, cli_))
        return error("--interpret-imports must be none, user or all (got '" + arg + "')");
      return true;
    }
    // --command-to-run CMD, --module MOD: x-python's -c and -m.
    keep(name == "module" ? "-m" : "-c");
    keep(arg);
    stop_ = true;
    return true;
  }

  void keep(const std::string& s) { cli_->host_argv.push_back(s); }
  void flush_token() {
    if (token_.size() > 1) keep(token_);
    token_.resize(1);  // just the "-" (an assignment trips GCC 12's -Wrestrict)
  }
  void finish(CliAction action) { cli_->action = action; }
  bool error(const std::string& msg) {
    cli_->action = CliAction::UsageError;
    cli_->error = msg;
    return false;
  }

  int argc_;
  char** argv_;
  Cli* cli_;
  int i_ = 1;
  bool stop_ = false;
  std::string token_ = "-";
};

}  // namespace

Cli parse_cli(int argc, char** argv) {
  Cli cli;
  Parser(argc, argv, &cli).run();
  return cli;
}

std::string usage_line(const std::string& program) {
  return "usage: " + program + " [option] ... [-c cmd | -m mod | file | -] [arg] ...\n";
}

std::string usage_hint() { return "Try `xpython -h' for more information.\n"; }

std::string help_text(const std::string& program) {
  // Python 3.11's -h text (Python/initconfig.c, usage_help), -v excepted,
  // then what xpython adds. tests/driver/test_cli.py checks that every line
  // of `python3 -h` but -v's is here, in order.
  return usage_line(program) +
         "Options (and corresponding environment variables):\n"
         "-b     : issue warnings about str(bytes_instance), str(bytearray_instance)\n"
         "         and comparing bytes/bytearray with str. (-bb: issue errors)\n"
         "-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x\n"
         "-c cmd : program passed in as string (terminates option list)\n"
         "-d     : turn on parser debugging output (for experts only, only works on\n"
         "         debug builds); also PYTHONDEBUG=x\n"
         "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
         "-h     : print this help message and exit (also -? or --help)\n"
         "-i     : inspect interactively after running script; forces a prompt even\n"
         "         if stdin does not appear to be a terminal; also PYTHONINSPECT=x\n"
         "-I     : isolate Python from the user's environment (implies -E and -s)\n"
         "-m mod : run library module as a script (terminates option list)\n"
         "-O     : remove assert and __debug__-dependent statements; add .opt-1 before\n"
         "         .pyc extension; also PYTHONOPTIMIZE=x\n"
         "-OO    : do -O changes and also discard docstrings; add .opt-2 before\n"
         "         .pyc extension\n"
         "-P     : don't prepend a potentially unsafe path to sys.path; also PYTHONSAFEPATH\n"
         "-q     : don't print version and copyright messages on interactive startup\n"
         "-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE\n"
         "-S     : don't imply 'import site' on initialization\n"
         "-u     : force the stdout and stderr streams to be unbuffered;\n"
         "         this option has no effect on stdin; also PYTHONUNBUFFERED=x\n"
         "-v     : xpython: trace every executed instruction to stderr (line, offset,\n"
         "         opname, operand values); -vv also shows the value stack and new\n"
         "         frames. Not python's -v (trace imports): use PYTHONVERBOSE=x for that\n"
         "-V     : print the Python version number and exit (also --version)\n"
         "         when given twice, print more information about the build\n"
         "-W arg : warning control; arg is action:message:category:module:lineno\n"
         "         also PYTHONWARNINGS=arg\n"
         "-x     : skip first line of source, allowing use of non-Unix forms of #!cmd\n"
         "-X opt : set implementation-specific option\n"
         "--check-hash-based-pycs always|default|never:\n"
         "         control how Python invalidates hash-based .pyc files\n"
         "--help-env      : print help about Python environment variables and exit\n"
         "--help-xoptions : print help about implementation-specific -X options and exit\n"
         "--help-all      : print complete help information and exit\n"
         "Arguments:\n"
         "file   : program read from script file\n"
         "-      : program read from stdin (default; interactive mode if a tty)\n"
         "arg ...: arguments passed to program in sys.argv[1:]\n"
         "\n"
         "xpython runs the program's bytecode in its own VM on the host Python " PY_VERSION
         ";\n"
         "every option above means what it means to python, except -v. -V prints\n"
         "xpython's version and the host's.\n"
         "file   : a .py file, a directory or zip file holding __main__.py, or a .pyc of\n"
         "         any CPython 2.4-3.14 or PyPy version (this build executes 3.11\n"
         "         bytecode; a valid .pyc of another version exits with status 3)\n"
         "xpython's own options:\n"
         "--interpret-imports=none|user|all\n"
         "         which imported modules run in the VM: none (all native), user\n"
         "         (modules beside the program; default), all (every pure-Python\n"
         "         module imported after start-up, the standard library included)\n"
         "--dis [--format=text|json] [--version-of X.Y] FILE...\n"
         "         disassemble a .pyc of any version (2.4-3.14, PyPy) in that version's\n"
         "         dis layout, or as JSON, or a .py compiled by the host (see --dis -h)\n"
         "--verbose, --command-to-run cmd, --module mod: x-python's names for -v, -c, -m\n"
         "\n"
         "Environment: XPYTHON_OPCODE_STATS=FILE adds the number of times each opcode\n"
         "ran (lines \"VERSION NAME COUNT\") to FILE at exit.\n"
         "\n"
         "Exit status: the program's (0, sys.exit code, 1 for an uncaught exception);\n"
         "2 for bad input (missing file, malformed .pyc, invalid bytecode, usage error);\n"
         "3 for a valid .pyc of a version this build cannot run.\n";
}

}  // namespace xp::app
