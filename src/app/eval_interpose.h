// Interposing the host's _PyEval_EvalFrameDefault (eval_interpose.cpp).
#pragma once

namespace xp::app {

// Finds the host's own definition and hands it to the VM; before the host
// starts (its start-up already evaluates frames through the interposed one).
void register_eval_interposition();

}  // namespace xp::app
