// Runs the HTTP target fuzz target over files, so its corpus (or a crash input) replays without
// libFuzzer, with any compiler:  http_target_fuzz_replay [-v] PATH...
// The target aborts on a broken promise; every file is only run (no expected outcome).
#include <stdio.h>

#include <filesystem>
#include <vector>

#include "replay_driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  return tfts_fuzz::run_replay(argc, argv, [](const std::filesystem::path& file,
                                              const std::vector<uint8_t>& bytes, bool verbose) {
    LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    if (verbose) printf("%s\n", file.filename().string().c_str());
    return tfts_fuzz::Verdict::unchecked;
  });
}
