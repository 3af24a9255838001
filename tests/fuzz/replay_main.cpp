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
#include "replay_driver.h"

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

}  // namespace

int main(int argc, char** argv) {
  return tfts_fuzz::run_replay(argc, argv, [](const fs::path& file,
                                              const std::vector<uint8_t>& bytes, bool verbose) {
    LLVMFuzzerTestOneInput(bytes.empty() ? nullptr : bytes.data(), bytes.size());
    const tfts_fuzz::Outcome& out = tfts_fuzz::last_outcome();
    if (verbose) {
      printf("%-60s %s, %u frames%s\n", file.filename().string().c_str(),
             expectation_name(out.status), out.frames, out.ran ? "" : " (not run: size)");
    }
    DecodeStatus want_status = DecodeStatus::need_more;
    unsigned long want_frames = 0;
    if (!parse_expectation(file.filename().string(), &want_status, &want_frames)) {
      return tfts_fuzz::Verdict::unchecked;
    }
    const bool clean_end = out.status == DecodeStatus::need_more ||
                           out.status == DecodeStatus::welcome ||
                           out.status == DecodeStatus::frame_done;
    const bool status_ok =
        want_status == DecodeStatus::need_more ? clean_end : out.status == want_status;
    if (out.ran && status_ok && out.frames == want_frames) return tfts_fuzz::Verdict::held;
    fprintf(stderr, "replay: %s: expected %s with %lu frames, got %s with %u frames%s\n",
            file.string().c_str(), expectation_name(want_status), want_frames,
            expectation_name(out.status), out.frames, out.ran ? "" : " (input not run)");
    return tfts_fuzz::Verdict::broken;
  });
}
