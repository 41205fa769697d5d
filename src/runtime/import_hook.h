// --interpret-imports: which imported modules run in the VM.
#pragma once

#include <string>
#include <vector>

namespace xp::rt {

enum class ImportMode { None, User, All };

// Installs a finder (just before the host's PathFinder in sys.meta_path)
// that gives modules found as source or .pyc files a loader that executes
// them in the VM: in User mode only those under `roots` (the program's
// directory), in All mode every pure-Python module, in None mode nothing
// (no finder). Returns 0, or -1 with a Python error set.
int install_import_hook(ImportMode mode, const std::vector<std::string>& roots);

}  // namespace xp::rt
