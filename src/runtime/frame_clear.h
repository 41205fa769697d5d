// frame.clear() that knows generator frames run by the VM.
#pragma once

namespace xp::rt {

// Replaces types.FrameType.clear (once, at start-up).
void install_frame_clear();

}  // namespace xp::rt
