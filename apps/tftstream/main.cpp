// tftstream: one binary, subcommands. Wiring only: each command lives in its own file.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "bench_command.h"

namespace {

// Parses "WxH" into positive dimensions.
bool parse_size(const std::string& s, int& w, int& h) {
  int consumed = 0;
  if (std::sscanf(s.c_str(), "%dx%d%n", &w, &h, &consumed) != 2) return false;
  return consumed == static_cast<int>(s.size()) && w > 0 && h > 0 && w <= 4096 && h <= 4096;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tftstream: live pictures to small displays, and back"};
  app.require_subcommand(1);

  tfts::app::BenchOptions bench;
  std::string bench_size = "320x240";
  CLI::App* bench_cmd = app.add_subcommand(
      "bench", "Stream PNG sequences through the pipeline into a simulated display");
  bench_cmd->add_option("--frames", bench.frame_dirs, "Directory of frame_*.png (repeatable)")
      ->required()
      ->check(CLI::ExistingDirectory);
  bench_cmd->add_option("--size", bench_size, "Display size WxH")->capture_default_str();
  bench_cmd->add_flag("--framebuffer", bench.framebuffer,
                      "The display holds a framebuffer (enables copy/scroll rectangles)");
  bench_cmd->add_option("--max-error", bench.max_error,
                        "Per-channel error (8-bit units) that may wait while the picture moves")
      ->check(CLI::Range(0, 64))
      ->capture_default_str();
  bench_cmd->add_flag("--dither", bench.dither, "Ordered dithering to RGB565");
  bench_cmd->add_option("--max-payload", bench.max_payload, "The display's payload limit (bytes)")
      ->check(CLI::Range(256u, 1u << 24))
      ->capture_default_str();
  bench_cmd->add_option("--record", bench.record_dir,
                        "Write each workload's byte stream and final image here");
  bench_cmd->add_flag("--json", bench.json, "Print JSON");

  CLI11_PARSE(app, argc, argv);

  if (*bench_cmd) {
    if (!parse_size(bench_size, bench.width, bench.height)) {
      std::fprintf(stderr, "tftstream bench: --size must be WxH, e.g. 320x240 (got '%s')\n",
                   bench_size.c_str());
      return 2;
    }
    return tfts::app::run_bench(bench);
  }
  return 0;
}
