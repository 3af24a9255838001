// Runs the Prometheus answer fuzz target over files, so its corpus (or a crash input) replays
// without libFuzzer, with any compiler:
//   prom_response_fuzz_replay [-v] PATH...
// A PATH is a file or a directory (read recursively; names starting with '.' are skipped).
// A violated check inside the target aborts the program.
//
// Files named END.COUNT.description (as prom_make_corpus.py writes them) also check how the
// parse ended: END.COUNT must equal tfts_fuzz::prom_outcome() (see prom_fuzz.h). Other names
// (the fuzzer's hashes, crash-*) are only run.
#include <stdio.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "prom_fuzz.h"
#include "replay_driver.h"

namespace {

namespace fs = std::filesystem;

// "END.COUNT" when `name` follows the corpus convention, else empty.
std::string expectation(const std::string& name) {
  static const std::regex kConvention("^([a-z_]+\\.[0-9]+)\\..+$");
  std::smatch m;
  return std::regex_match(name, m, kConvention) ? m[1].str() : std::string();
}

}  // namespace

int main(int argc, char** argv) {
  return tfts_fuzz::run_replay(argc, argv, [](const fs::path& file,
                                              const std::vector<uint8_t>& bytes, bool verbose) {
    LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    const std::string& got = tfts_fuzz::prom_outcome();
    if (verbose) {
      printf("%-60s %s\n", file.filename().string().c_str(),
             got.empty() ? "(not run: size)" : got.c_str());
    }
    const std::string want = expectation(file.filename().string());
    if (want.empty()) return tfts_fuzz::Verdict::unchecked;
    if (got == want) return tfts_fuzz::Verdict::held;
    fprintf(stderr, "replay: %s: expected %s, got %s\n", file.string().c_str(), want.c_str(),
            got.empty() ? "(input not run)" : got.c_str());
    return tfts_fuzz::Verdict::broken;
  });
}
