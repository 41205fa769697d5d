// The verifier: after it accepts a Program, the VM may rely on it (no
// bounds checks in the loop).
//
// Guarantees for an accepted Program:
//  * every jump target is an instruction (done while decoding) and no path
//    runs off the end of the code;
//  * const/name/local/cell/free indices are in range for the op (<= 3.10:
//    LOAD_FAST < len(co_varnames), cell ops in the cells+frees part of
//    localsplus; 3.11+: localsplus, cell ops on CELL/FREE slots);
//  * op arguments are valid (comparisons, FORMAT_VALUE, BUILD_SLICE,
//    RAISE_VARARGS, MAKE_FUNCTION flags, ...), KW_NAMES constants are tuples
//    of str no longer than the CALL's argument count;
//  * along every path (incl. 3.11+ exception-table edges and <= 3.10 block
//    stack unwinding for exceptions, return, break and continue) the value
//    stack never underflows and never exceeds co_stacksize; ops get objects
//    (never NULL) except where the op is defined to take NULL (the 3.11+
//    call protocol, STORE_FAST); <= 3.10 block-protocol ops find the values
//    they expect (finally statuses, exception triples, saved exceptions);
//    the block stack stays within 20 blocks; 3.11+ cell ops only run where
//    MAKE_CELL / COPY_FREE_VARS made the slot a cell on every path;
//  * where the version's compiler keeps the stack consistent (3.9+, and any
//    code without the <= 3.8 finally protocol) paths meet with equal stacks.
//
// What the VM must still check at run time: values whose type the bytecode
// cannot fix (a code object for MAKE_FUNCTION, cells in a closure tuple, the
// length of CALL_FUNCTION_KW's names tuple and BUILD_CONST_KEY_MAP's keys).
#pragma once

#include "bytecode/program.h"

namespace xp {

struct VerifyStats {
  uint32_t max_depth = 0;   // the deepest value stack any path reaches
};

// Throws VerifyError ("file: code object 'f' (3.11): offset N: OPNAME: reason").
VerifyStats verify(const Program& prog);

}  // namespace xp
