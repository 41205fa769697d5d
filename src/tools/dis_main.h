// `xpython --dis`: the disassembler's command line.
#pragma once

#include <string>
#include <vector>

namespace xp::tools {

// Runs `xpython --dis ARGS` (args after --dis; the host Python is already
// initialised). Returns the exit status: 0, 2 for bad input (missing file,
// malformed .pyc, invalid bytecode, bad option), 3 for a valid file of a
// version xpython cannot decode. Errors are one line on stderr.
int dis_main(const std::vector<std::string>& args);

}  // namespace xp::tools
