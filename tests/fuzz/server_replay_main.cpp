// Runs the server input fuzz target over files, so its corpus (or a crash input) replays
// without libFuzzer, with any compiler:
//   server_fuzz_replay [-v] PATH...
// A PATH is a file or a directory (read recursively; names starting with '.' are skipped).
// A violated check inside the target aborts the program.
//
// Files named END.COUNT.description (as make_server_corpus.py writes them) also check how the
// run ended: END.COUNT must equal tfts_fuzz::last_outcome() (see server_fuzz.h). Other names
// (the fuzzer's hashes, crash-*) are only run.
#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <system_error>
#include <vector>

#include "server_fuzz.h"

namespace {

namespace fs = std::filesystem;

// "END.COUNT" when `name` follows the corpus convention, else empty.
std::string expectation(const std::string& name) {
  static const std::regex kConvention("^([a-z_]+\\.[0-9]+)\\..+$");
  std::smatch m;
  return std::regex_match(name, m, kConvention) ? m[1].str() : std::string();
}

void collect(const fs::path& path, std::vector<fs::path>* files, bool* missing) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files->push_back(it->path());
    }
    if (ec) {
      fprintf(stderr, "replay: cannot read %s: %s\n", path.string().c_str(), ec.message().c_str());
      *missing = true;
    }
  } else if (fs::is_regular_file(path, ec)) {
    files->push_back(path);
  } else {
    fprintf(stderr, "replay: no such file or directory: %s\n", path.string().c_str());
    *missing = true;
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool verbose = false;
  bool missing = false;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "-v") == 0) {
      verbose = true;
    } else {
      collect(argv[i], &files, &missing);
    }
  }
  if (argc < 2) {
    fprintf(stderr, "usage: %s [-v] FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  std::sort(files.begin(), files.end());

  int mismatches = 0;
  int checked = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      fprintf(stderr, "replay: cannot open %s\n", file.string().c_str());
      missing = true;
      continue;
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    const std::string& got = tfts_fuzz::last_outcome();
    if (verbose) {
      printf("%-60s %s\n", file.filename().string().c_str(),
             got.empty() ? "(not run: size)" : got.c_str());
    }
    const std::string want = expectation(file.filename().string());
    if (!want.empty()) {
      ++checked;
      if (got != want) {
        fprintf(stderr, "replay: %s: expected %s, got %s\n", file.string().c_str(), want.c_str(),
                got.empty() ? "(input not run)" : got.c_str());
        ++mismatches;
      }
    }
  }
  printf("replayed %zu inputs (%d with expectations, %d mismatches)\n", files.size(), checked,
         mismatches);
  if (files.empty()) {
    fprintf(stderr, "replay: no inputs\n");
    return 1;
  }
  return (mismatches > 0 || missing) ? 1 : 0;
}
