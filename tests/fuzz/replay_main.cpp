// Runs LLVMFuzzerTestOneInput over files, so the corpus (or a crash input) replays without
// libFuzzer, with any compiler:
//   decoder_fuzz_replay [-v] PATH...
// A PATH is a file or a directory (read recursively; names starting with '.' are skipped).
// A violated check inside the target aborts the program.
//
// Files named EXPECT.FRAMES.description (as make_corpus.py writes them) also check how the
// stream ended: EXPECT is "ok" (need_more: the stream ended cleanly), "bye", or the name of
// the DecodeStatus error (e.g. corrupt_payload), and FRAMES the number of frame_done events.
// "ok" means the stream ran out without bye or error (last status need_more, welcome or
// frame_done).
// Other names (the fuzzer's hashes, crash-*) are only run.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

#include "decoder_fuzz.h"

namespace {

namespace fs = std::filesystem;
using tfts::client::DecodeStatus;

struct StatusName {
  const char* name;
  DecodeStatus status;
};

const StatusName kExpectations[] = {
    {"ok", DecodeStatus::need_more},
    {"bye", DecodeStatus::bye},
    {"not_configured", DecodeStatus::not_configured},
    {"bad_magic", DecodeStatus::bad_magic},
    {"bad_version", DecodeStatus::bad_version},
    {"bad_message", DecodeStatus::bad_message},
    {"bad_sequence", DecodeStatus::bad_sequence},
    {"rect_out_of_bounds", DecodeStatus::rect_out_of_bounds},
    {"payload_too_large", DecodeStatus::payload_too_large},
    {"unsupported_codec", DecodeStatus::unsupported_codec},
    {"corrupt_payload", DecodeStatus::corrupt_payload},
};

const char* expectation_name(DecodeStatus s) {
  for (const StatusName& e : kExpectations) {
    if (e.status == s) return e.name;
  }
  switch (s) {
    case DecodeStatus::welcome: return "welcome";
    case DecodeStatus::frame_done: return "frame_done";
    default: return "?";
  }
}

// Parses "EXPECT.FRAMES.rest"; false when the name does not follow the convention.
bool parse_expectation(const std::string& name, DecodeStatus* status, unsigned long* frames) {
  const size_t dot1 = name.find('.');
  if (dot1 == std::string::npos) return false;
  const size_t dot2 = name.find('.', dot1 + 1);
  if (dot2 == std::string::npos || dot2 == dot1 + 1) return false;
  const std::string expect = name.substr(0, dot1);
  const std::string count = name.substr(dot1 + 1, dot2 - dot1 - 1);
  if (count.find_first_not_of("0123456789") != std::string::npos) return false;
  for (const StatusName& e : kExpectations) {
    if (expect == e.name) {
      *status = e.status;
      *frames = strtoul(count.c_str(), nullptr, 10);
      return true;
    }
  }
  return false;
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
    const tfts_fuzz::Outcome& out = tfts_fuzz::last_outcome();
    if (verbose) {
      printf("%-60s %s, %u frames%s\n", file.filename().string().c_str(),
             expectation_name(out.status), out.frames, out.ran ? "" : " (not run: size)");
    }
    DecodeStatus want_status = DecodeStatus::need_more;
    unsigned long want_frames = 0;
    if (parse_expectation(file.filename().string(), &want_status, &want_frames)) {
      ++checked;
      const bool clean_end = out.status == DecodeStatus::need_more ||
                             out.status == DecodeStatus::welcome ||
                             out.status == DecodeStatus::frame_done;
      const bool status_ok =
          want_status == DecodeStatus::need_more ? clean_end : out.status == want_status;
      if (!out.ran || !status_ok || out.frames != want_frames) {
        fprintf(stderr, "replay: %s: expected %s with %lu frames, got %s with %u frames%s\n",
                file.string().c_str(), expectation_name(want_status), want_frames,
                expectation_name(out.status), out.frames, out.ran ? "" : " (input not run)");
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
