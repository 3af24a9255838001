// `tftstream bench`: streams PNG sequences through the real pipeline and encoder into a
// simulated display running the real decoder, and reports bytes, CPU time and fidelity.
#pragma once

#include <string>
#include <vector>

namespace tfts::app {

struct BenchOptions {
  std::vector<std::string> frame_dirs;
  int width = 320;
  int height = 240;
  bool framebuffer = false;
  int max_error = 0;
  bool dither = false;
  uint32_t max_payload = 8192;
  std::string record_dir;  // when set: <dir>/<name>.tfts stream + <name>.rgb565 final image
  bool json = false;
};

// Returns the process exit code; prints JSON (or a table) on stdout, errors on stderr.
int run_bench(const BenchOptions& options);

}  // namespace tfts::app
