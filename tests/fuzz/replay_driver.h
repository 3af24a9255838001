// The command-line side the corpus replayers share (replay_main.cpp for the decoder,
// server_replay_main.cpp, prom_replay_main.cpp, http_replay_main.cpp): "PROG [-v] FILE_OR_DIR...", directories walked
// recursively in name order (names starting with '.' skipped), each file read whole and handed
// to the target's own check, then one summary line. Exit status: 0 when every input ran and
// every expectation held, 1 otherwise (including no inputs at all), 2 for a usage error.
#pragma once

#include <stdio.h>
#include <string.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <regex>
#include <string>
#include <system_error>
#include <vector>

namespace tfts_fuzz {

enum class Verdict { unchecked, held, broken };  // the file name carried no expectation / ...

// Runs one input and checks it against the expectation in its name; prints its own lines.
using ReplayOne = std::function<Verdict(const std::filesystem::path& file,
                                        const std::vector<uint8_t>& bytes, bool verbose)>;

inline void collect_inputs(const std::filesystem::path& path,
                           std::vector<std::filesystem::path>& files, bool& missing) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(it->path());
    }
    if (ec) {
      fprintf(stderr, "replay: cannot read %s: %s\n", path.string().c_str(), ec.message().c_str());
      missing = true;
    }
  } else if (fs::is_regular_file(path, ec)) {
    files.push_back(path);
  } else {
    fprintf(stderr, "replay: no such file or directory: %s\n", path.string().c_str());
    missing = true;
  }
}

inline int run_replay(int argc, char** argv, const ReplayOne& replay_one) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s [-v] FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  bool verbose = false, missing = false;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    if (strcmp(argv[i], "-v") == 0) {
      verbose = true;
    } else {
      collect_inputs(argv[i], files, missing);
    }
  }
  std::sort(files.begin(), files.end());
  int checked = 0, mismatches = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      fprintf(stderr, "replay: cannot open %s\n", file.string().c_str());
      missing = true;
      continue;
    }
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                     std::istreambuf_iterator<char>());
    const Verdict v = replay_one(file, bytes, verbose);
    if (v != Verdict::unchecked) ++checked;
    if (v == Verdict::broken) ++mismatches;
  }
  printf("replayed %zu inputs (%d with expectations, %d mismatches)\n", files.size(), checked,
         mismatches);
  if (files.empty()) {
    fprintf(stderr, "replay: no inputs\n");
    return 1;
  }
  return (mismatches > 0 || missing) ? 1 : 0;
}

// The file-name convention of the corpora made by make_server_corpus.py and
// prom_make_corpus.py: "END.COUNT.description" expects the target's outcome "END.COUNT".
// Returns the expectation, or empty for other names (the fuzzer's hashes, crash-*).
inline std::string expected_outcome(const std::string& name) {
  static const std::regex kConvention("^([a-z_]+\\.[0-9]+)\\..+$");
  std::smatch m;
  return std::regex_match(name, m, kConvention) ? m[1].str() : std::string();
}

// run_replay() for a target that reports how each input ended as "END.COUNT" through
// `outcome` (empty when the input was not run), checked against expected_outcome().
inline int run_outcome_replay(int argc, char** argv, int (*target)(const uint8_t*, size_t),
                              const std::string& (*outcome)()) {
  return run_replay(argc, argv, [=](const std::filesystem::path& file,
                                    const std::vector<uint8_t>& bytes, bool verbose) {
    target(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    const std::string& got = outcome();
    if (verbose) {
      printf("%-60s %s\n", file.filename().string().c_str(),
             got.empty() ? "(not run: size)" : got.c_str());
    }
    const std::string want = expected_outcome(file.filename().string());
    if (want.empty()) return Verdict::unchecked;
    if (got == want) return Verdict::held;
    fprintf(stderr, "replay: %s: expected %s, got %s\n", file.string().c_str(), want.c_str(),
            got.empty() ? "(input not run)" : got.c_str());
    return Verdict::broken;
  });
}

}  // namespace tfts_fuzz
