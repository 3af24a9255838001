// Runs the mirror fuzz target over files, so its corpus (or a crash input) replays without
// libFuzzer, with any compiler:
//   mirror_receive_fuzz_replay [-v] PATH...
// A PATH is a file or a directory (read recursively; names starting with '.' are skipped).
// A violated check inside the target aborts the program.
//
// Files named END.COUNT.description (as mirror_make_corpus.py writes them) also check how the
// session ended: END.COUNT must equal tfts_fuzz::mirror_outcome() (see mirror_fuzz.h). Other
// names (the fuzzer's hashes, crash-*) are only run.
#include "mirror_fuzz.h"
#include "replay_driver.h"

int main(int argc, char** argv) {
  return tfts_fuzz::run_outcome_replay(argc, argv, LLVMFuzzerTestOneInput,
                                       tfts_fuzz::mirror_outcome);
}
