#include "tools/dis_main.h"

#include "core/error.h"
#include "core/python.h"
#include "core/ref.h"
#include "runtime/host_code.h"
#include "tools/disassembler.h"
#include "tools/str_cat.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace xp::tools {

namespace {

const char kUsage[] =
    "usage: xpython --dis [--format=text|json] [--version-of X.Y[-pypy]] [--no-verify]\n"
    "                     [--show-offsets] FILE...\n"
    "\n"
    "Disassembles .pyc files (or, with --version-of, headerless marshal data of that\n"
    "version) in the style of that version's dis module, every code object included.\n"
    "A FILE ending in .py is source: the host (3.11) compiles it, as python -m dis.\n"
    "  --format=json   one JSON document per FILE and line (docs/dis-json.md)\n"
    "  --no-verify     decode without running the bytecode verifier\n"
    "  --show-offsets  3.13+: show offsets as well as labels (like dis -O)\n"
    "Exit status: 0; 2 for bad input (missing or malformed file, invalid bytecode);\n"
    "3 for a valid file of a version xpython cannot decode.\n";

struct Args {
  bool json = false;
  bool verify = true;
  bool show_offsets = false;
  std::optional<PyVersion> version_of;
  std::vector<std::string> files;
};

std::optional<PyVersion> parse_version(const std::string& s) {
  std::string v = s;
  Impl impl = Impl::CPython;
  for (const char* suffix : {"-pypy", "pypy"}) {
    const size_t n = std::strlen(suffix);
    if (v.size() > n && v.compare(v.size() - n, n, suffix) == 0) {
      impl = Impl::PyPy;
      v.resize(v.size() - n);
      break;
    }
  }
  const size_t dot = v.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= v.size() || v.size() > 5) return std::nullopt;
  for (size_t i = 0; i < v.size(); ++i)
    if (i != dot && (v[i] < '0' || v[i] > '9')) return std::nullopt;
  return PyVersion(std::stoi(v.substr(0, dot)), std::stoi(v.substr(dot + 1)), impl);
}

// Returns an error message, "" when the arguments are fine.
std::string parse_args(const std::vector<std::string>& args, Args* out, bool* help) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-h" || a == "--help") {
      *help = true;
      return "";
    }
    if (a == "--format=text") {
      out->json = false;
    } else if (a == "--format=json") {
      out->json = true;
    } else if (a.rfind("--format=", 0) == 0) {
      return cat("--format must be text or json (got '", a.substr(9), "')");
    } else if (a == "--version-of" || a.rfind("--version-of=", 0) == 0) {
      std::string v;
      if (a == "--version-of") {
        if (i + 1 >= args.size()) return "--version-of needs a version (X.Y)";
        v = args[++i];
      } else {
        v = a.substr(13);
      }
      out->version_of = parse_version(v);
      if (!out->version_of) return cat("--version-of: '", v, "' is not a version like 3.11 or 3.9-pypy");
    } else if (a == "--no-verify") {
      out->verify = false;
    } else if (a == "--show-offsets" || a == "-O") {
      out->show_offsets = true;
    } else if (a == "--") {
      out->files.insert(out->files.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (a.size() > 1 && a[0] == '-') {
      return cat("--dis: unknown option '", a, "'");
    } else {
      out->files.push_back(a);
    }
  }
  if (out->files.empty()) return "--dis needs a FILE";
  return "";
}

std::string read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open: " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) throw InputError(path + ": cannot read (not a regular file?)");
  if (static_cast<uint64_t>(size) > pyc::kMaxPycSize)
    throw InputError(path + ": file too large (" + std::to_string(size) + " bytes)");
  std::string data(static_cast<size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(data.data(), size)) throw InputError(path + ": read error");
  return data;
}

// Messages may quote bytes of a damaged file: control characters (NUL,
// newlines, form feeds, ...) become \xNN so the error stays one printable line.
std::string one_line(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool is_source(const std::string& path) { return path.size() > 3 && path.compare(path.size() - 3, 3, ".py") == 0; }

// A .py compiled by the host (co_filename as given, like `python -m dis`).
std::shared_ptr<Code> compile_source(const std::string& path) {
  const std::string data = read_file(path);
  Ref src = steal(PyBytes_FromStringAndSize(data.data(), static_cast<Py_ssize_t>(data.size())));
  Ref name = src ? steal(PyUnicode_DecodeFSDefault(path.c_str())) : Ref();
  Ref builtins = name ? steal(PyImport_ImportModule("builtins")) : Ref();
  Ref code = builtins ? steal(PyObject_CallMethod(builtins.get(), "compile", "OOsii", src.get(), name.get(), "exec", 0, 1))
                      : Ref();
  if (!code) {
    // "SyntaxError: invalid syntax (f.py, line 3)": the error as one line.
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    Ref type_name = t ? steal(PyObject_GetAttrString(t, "__name__")) : Ref();
    Ref text = v ? steal(PyObject_Str(v)) : Ref();
    std::string msg = "cannot compile";
    if (type_name && text) {
      const char* a = PyUnicode_AsUTF8(type_name.get());
      const char* b = PyUnicode_AsUTF8(text.get());
      if (a && b) msg = cat(a, ": ", b);
    }
    PyErr_Clear();
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    throw InputError(cat(path, ": ", msg));
  }
  return rt::code_from_host(code.get());
}

// Disassembles one file; returns its exit status.
int dis_file(const std::string& path, const Args& args) {
  // 2.x str constants stay bytes so that they print as 2.x did ('abc', not
  // u'abc'); 3.x loading does not depend on the mode.
  pyc::LoadOptions lopts;
  lopts.py2_str = pyc::Py2StrMode::Bytes;
  DisOptions dopts;
  dopts.verify = args.verify;
  dopts.show_offsets = args.show_offsets;
  try {
    DisInput in;
    in.path = path;
    std::shared_ptr<Code> code;
    if (is_source(path) && !args.version_of) {
      code = compile_source(path);
      in.version = PyVersion(PY_MAJOR_VERSION, PY_MINOR_VERSION);
      in.from_source = true;
    } else if (args.version_of) {
      code = pyc::load_marshal_code(read_file(path), *args.version_of, path, lopts);
      in.version = *args.version_of;
    } else {
      pyc::PycFile f = pyc::load_pyc_file(path, lopts);
      code = f.code;
      in.version = f.header.magic.version;
      in.header = f.header;
    }
    const DisCode dc = disassemble(code, dopts);
    std::string out = args.json ? render_json(in, dc) + "\n" : render_text(in, dc, dopts);
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return 0;
  } catch (const VerifyError& e) {
    // Decode/verify errors name co_filename; say which file it was too.
    std::fflush(stdout);
    std::fprintf(stderr, "xpython: error: %s: %s\n", path.c_str(), one_line(e.what()).c_str());
    return e.exit_status();
  } catch (const InputError& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "xpython: error: %s\n", one_line(e.what()).c_str());
    return e.exit_status();
  } catch (const std::exception& e) {
    // Anything else (bad_alloc, a host error turned exception) is still one line.
    std::fflush(stdout);
    std::fprintf(stderr, "xpython: error: %s: %s\n", path.c_str(), one_line(e.what()).c_str());
    return kExitBadInput;
  }
}

}  // namespace

int dis_main(const std::vector<std::string>& argv) {
  Args args;
  bool help = false;
  const std::string err = parse_args(argv, &args, &help);
  if (help) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!err.empty()) {
    std::fprintf(stderr, "xpython: error: %s\n", err.c_str());
    return kExitBadInput;
  }
  int status = 0;
  for (const std::string& f : args.files) {
    const int rc = dis_file(f, args);
    // The worst outcome wins: bad input (2) over unsupported (3) over success.
    if (rc == kExitBadInput || (rc != 0 && status == 0)) status = rc;
  }
  return status;
}

}  // namespace xp::tools
