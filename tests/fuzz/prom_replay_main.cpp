// Runs the Prometheus answer fuzz target over files, so its corpus (or a crash input) replays
// without libFuzzer, with any compiler:
//   prom_response_fuzz_replay [-v] PATH...
// A PATH is a file or a directory (read recursively; names starting with '.' are skipped).
// A violated check inside the target aborts the program.
//
// Files named END.COUNT.description (as prom_make_corpus.py writes them) also check how the
// parse ended: END.COUNT must equal tfts_fuzz::prom_outcome() (see prom_fuzz.h). Other names
// (the fuzzer's hashes, crash-*) are only run.
#include "prom_fuzz.h"
#include "replay_driver.h"

int main(int argc, char** argv) {
  return tfts_fuzz::run_outcome_replay(argc, argv, LLVMFuzzerTestOneInput,
                                       tfts_fuzz::prom_outcome);
}
