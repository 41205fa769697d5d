// Load throughput: how fast xpython turns .pyc bytes into verified Programs.
//
//   xp_load_bench [--passes N] [--mode load|full|both] [--list FILE] [PATH...]
//
// PATHs are .pyc files or directories (searched recursively for *.pyc);
// --list names a file with one path per line. Every file is read into
// memory first, so only the work itself is timed:
//   load  xp::pyc::load_pyc_bytes (header + marshal -> Code)
//   full  load, then xp::decode() (decode + verify) of every code object
// One untimed pass finds the files that fail (listed as "FAIL path: why");
// the timed passes then run over the files that load, and the median pass
// is reported as a "RESULT key=value ..." line that bench/run.py parses.
#include "bytecode/program.h"
#include "core/error.h"
#include "core/python.h"
#include "pyc/pyc_file.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Input {
  std::string path;
  std::string data;
};

struct Tally {
  size_t files = 0;
  size_t bytes = 0;
  size_t code_objects = 0;
  size_t instructions = 0;
};

[[noreturn]] void usage_error(const std::string& msg) {
  std::fprintf(stderr, "xp_load_bench: %s\n", msg.c_str());
  std::fprintf(stderr, "usage: xp_load_bench [--passes N] [--mode load|full|both] [--list FILE] [PATH...]\n");
  std::exit(xp::kExitBadInput);
}

void add_path(const std::string& p, std::vector<std::string>& out) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".pyc") found.push_back(it->path().string());
    }
    if (ec) usage_error("cannot list " + p + ": " + ec.message());
    std::sort(found.begin(), found.end());  // same order on every run
    out.insert(out.end(), found.begin(), found.end());
  } else {
    out.push_back(p);
  }
}

std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) usage_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// Decodes (and verifies) a code object and all code objects nested in it.
// An explicit stack: nesting depth comes from the input.
void decode_tree(const std::shared_ptr<xp::Code>& root, Tally& t) {
  std::vector<std::shared_ptr<const xp::Code>> todo{root};
  while (!todo.empty()) {
    std::shared_ptr<const xp::Code> code = std::move(todo.back());
    todo.pop_back();
    std::unique_ptr<xp::Program> prog = xp::decode(code);
    ++t.code_objects;
    t.instructions += prog->size();
    for (const xp::Const& c : code->consts)
      if (c.code) todo.push_back(c.code);
  }
}

// One file in the given mode; throws whatever the loader/decoder throws.
void process(const Input& in, bool full, Tally& t) {
  xp::pyc::PycFile pyc = xp::pyc::load_pyc_bytes(in.data, in.path);
  if (full) {
    decode_tree(pyc.code, t);
  } else {
    pyc.code->walk([&t](const xp::Code&) { ++t.code_objects; });
  }
  ++t.files;
  t.bytes += in.data.size();
}

double one_pass(const std::vector<const Input*>& inputs, bool full, Tally& t) {
  auto t0 = std::chrono::steady_clock::now();
  for (const Input* in : inputs) process(*in, full, t);
  auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(t1 - t0).count();
}

void init_python() {
  // The objects a .pyc's constants become are host objects; no site, no
  // signal handlers, no environment variables: only the object model.
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.site_import = 0;
  config.install_signal_handlers = 0;
  PyStatus st = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(st)) {
    std::fprintf(stderr, "xp_load_bench: cannot initialise Python: %s\n", st.err_msg ? st.err_msg : "?");
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int passes = 5;
  std::string mode = "both";
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(a + " needs a value");
      return argv[++i];
    };
    if (a == "--passes") {
      std::string v = value();
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (*end || n < 1 || n > 1000) usage_error("--passes wants a number from 1 to 1000, got " + v);
      passes = static_cast<int>(n);
    } else if (a == "--mode") {
      mode = value();
      if (mode != "load" && mode != "full" && mode != "both") usage_error("--mode is load, full or both");
    } else if (a == "--list") {
      std::istringstream lines(read_file(value()));
      for (std::string line; std::getline(lines, line);)
        if (!line.empty()) add_path(line, paths);
    } else if (a == "-h" || a == "--help") {
      std::printf("usage: xp_load_bench [--passes N] [--mode load|full|both] [--list FILE] [PATH...]\n");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      usage_error("unknown option " + a);
    } else {
      add_path(a, paths);
    }
  }
  if (paths.empty()) usage_error("no .pyc files given");

  std::vector<Input> inputs;
  inputs.reserve(paths.size());
  for (const std::string& p : paths) inputs.push_back({p, read_file(p)});

  init_python();

  // Untimed pass: which files load, decode and verify at all.
  std::vector<const Input*> good;
  size_t failed = 0;
  for (const Input& in : inputs) {
    Tally scratch;
    try {
      process(in, true, scratch);
      good.push_back(&in);
    } catch (const std::exception& e) {
      ++failed;
      PyErr_Clear();  // a failed conversion may leave the host's error set
      std::string msg = e.what();
      std::replace(msg.begin(), msg.end(), '\n', ' ');
      // Loader messages usually start with the file name already.
      if (msg.rfind(in.path, 0) == 0)
        std::printf("FAIL %s\n", msg.c_str());
      else
        std::printf("FAIL %s: %s\n", in.path.c_str(), msg.c_str());
    }
  }
  size_t total_bytes = 0;
  for (const Input& in : inputs) total_bytes += in.data.size();
  std::printf("load_bench: %zu files, %zu bytes, %zu failed\n", inputs.size(), total_bytes, failed);

  for (bool full : {false, true}) {
    if ((full && mode == "load") || (!full && mode == "full")) continue;
    std::vector<double> times;
    Tally t;
    for (int p = 0; p < passes; ++p) {
      t = Tally{};
      times.push_back(one_pass(good, full, t));
    }
    std::sort(times.begin(), times.end());
    // Median; for an even count the mean of the two middle passes.
    double med = times.size() % 2 ? times[times.size() / 2]
                                   : (times[times.size() / 2 - 1] + times[times.size() / 2]) / 2;
    const char* name = full ? "full" : "load";
    std::printf("%s: %.0f files/s, %.1f MB/s (%zu files, %zu code objects, %zu instructions, %.4f s)\n",
                full ? "load+decode+verify" : "load", t.files / med, t.bytes / 1e6 / med, t.files,
                t.code_objects, t.instructions, med);
    std::printf("RESULT mode=%s files=%zu bytes=%zu seconds=%.6f passes=%d code_objects=%zu instructions=%zu\n",
                name, t.files, t.bytes, med, passes, t.code_objects, t.instructions);
  }
  std::fflush(stdout);
  if (Py_FinalizeEx() < 0) return 120;
  return 0;
}
