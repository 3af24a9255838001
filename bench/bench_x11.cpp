// X11 capture cost against a real Xvfb (issue 4): CPU time per captured frame for a 640x480
// region and for a 1920x1080 screen scaled to 320x240 by the pipeline, MIT-SHM against plain
// GetImage, and the CPU an idle screen costs at 30 grabs per second (XDAMAGE: `unchanged`
// without reading pixels). Prints one JSON object.
//
//   build/bin/bench_x11 [--frames N] [--idle-seconds S]
//
// CPU is counted on both sides: this process (capture, conversion, pipeline) and the Xvfb
// process (it copies the pixels into the shared segment or the socket).
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "test_client.h"
#include "tfts/pipeline/screen_pipeline.h"
#include "tfts/x11/x11_source.h"
#include "xvfb_server.h"

namespace {

using namespace std::chrono_literals;
using tfts::source::Clock;
using tfts::source::GrabStatus;
namespace testing = tfts::x11::testing;

double process_cpu() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall() { return std::chrono::duration<double>(Clock::now().time_since_epoch()).count(); }

struct Figures {
  double client_ms = 0;    // this process's CPU per frame: grab (+ pipeline when asked)
  double pipeline_ms = 0;  // of which the pipeline
  double server_ms = 0;    // Xvfb's CPU per frame
  double wall_ms = 0;      // wall time per frame
};

// Grabs `frames` frames with damage=0 (every grab reads the pixels), optionally running the
// pipeline on each.
Figures measure(const testing::XvfbServer& xvfb, const std::string& options, int frames,
                tfts::pipeline::ScreenPipeline* pipeline) {
  std::string error;
  auto source = tfts::x11::make_x11_source(
      "display=" + xvfb.display() + ";damage=0;cursor=0;" + options, error);
  if (!source) {
    std::fprintf(stderr, "bench_x11: %s\n", error.c_str());
    std::exit(1);
  }
  tfts::core::RgbPlane frame;
  for (int i = 0; i < 10; ++i) source->grab(frame, Clock::now());  // connect, warm up
  double pipeline_s = 0;
  const double c0 = process_cpu(), s0 = xvfb.cpu_seconds(), w0 = wall();
  for (int i = 0; i < frames; ++i) {
    const auto r = source->grab(frame, Clock::now());
    if (r.status != GrabStatus::changed) {
      std::fprintf(stderr, "bench_x11: grab gave no frame: %s\n", r.message.c_str());
      std::exit(1);
    }
    if (pipeline) {
      const double p0 = process_cpu();
      pipeline->process(frame.view());
      pipeline_s += process_cpu() - p0;
    }
  }
  const double n = frames;
  return {(process_cpu() - c0) * 1e3 / n, pipeline_s * 1e3 / n,
          (xvfb.cpu_seconds() - s0) * 1e3 / n, (wall() - w0) * 1e3 / n};
}

struct Idle {
  double client_percent = 0;  // of one core
  double server_percent = 0;
  long grabs = 0, changed = 0;
};

// Grabs at 30 per second on a still screen for `seconds`.
Idle idle(const testing::XvfbServer& xvfb, const std::string& options, double seconds) {
  std::string error;
  auto source = tfts::x11::make_x11_source("display=" + xvfb.display() + ";" + options, error);
  tfts::core::RgbPlane frame;
  for (int i = 0; i < 5; ++i) source->grab(frame, Clock::now());
  std::this_thread::sleep_for(100ms);
  source->grab(frame, Clock::now());
  Idle out;
  const auto period = std::chrono::duration_cast<Clock::duration>(1s) / 30;
  const double c0 = process_cpu(), s0 = xvfb.cpu_seconds(), w0 = wall();
  auto next = Clock::now();
  while (wall() - w0 < seconds) {
    out.changed += source->grab(frame, Clock::now()).status == GrabStatus::changed;
    ++out.grabs;
    next += period;
    std::this_thread::sleep_until(next);
  }
  const double elapsed = wall() - w0;
  out.client_percent = (process_cpu() - c0) / elapsed * 100;
  out.server_percent = (xvfb.cpu_seconds() - s0) / elapsed * 100;
  return out;
}

void print(const char* name, const Figures& f, bool last = false) {
  std::printf(
      "    \"%s\": {\"client_cpu_ms\": %.3f, \"pipeline_cpu_ms\": %.3f, \"xvfb_cpu_ms\": %.3f, "
      "\"wall_ms\": %.3f}%s\n",
      name, f.client_ms, f.pipeline_ms, f.server_ms, f.wall_ms, last ? "" : ",");
}

void print(const char* name, const Idle& i, bool last = false) {
  std::printf(
      "    \"%s\": {\"client_cpu_percent\": %.3f, \"xvfb_cpu_percent\": %.3f, \"grabs\": %ld, "
      "\"changed\": %ld}%s\n",
      name, i.client_percent, i.server_percent, i.grabs, i.changed, last ? "" : ",");
}

}  // namespace

int main(int argc, char** argv) {
  int frames = 300;
  double idle_seconds = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--frames") == 0) frames = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--idle-seconds") == 0) idle_seconds = std::atof(argv[i + 1]);
  }
  testing::XvfbServer xvfb;
  std::string error;
  if (!xvfb.start({1920, 1080, 24, {}}, error)) {
    std::fprintf(stderr, "bench_x11: %s\n", error.c_str());
    return 1;
  }
  // Something to look at: the quadrant windows over a grey root.
  testing::TestClient client(xvfb.display());
  client.fill_root(testing::kRootColour);
  client.create_window("bench a", "bench", "Bench", {100, 100, 800, 500});
  client.create_window("bench b", "bench", "Bench", {700, 400, 1000, 600});

  tfts::pipeline::ScreenPipeline to_qvga({320, 240, {}, false});
  const Figures region_shm = measure(xvfb, "geometry=640x480+400+300", frames, nullptr);
  const Figures region_plain = measure(xvfb, "geometry=640x480+400+300;shm=0", frames, nullptr);
  const Figures full_shm = measure(xvfb, "", frames, &to_qvga);
  const Figures full_plain = measure(xvfb, "shm=0", frames, &to_qvga);
  const Idle idle_screen = idle(xvfb, "", idle_seconds);
  const Idle idle_nocursor = idle(xvfb, "cursor=0", idle_seconds);
  const Idle idle_window = idle(xvfb, "window=bench b", idle_seconds);

  std::printf("{\n  \"machine_cores\": %u,\n  \"frames\": %d,\n  \"per_frame\": {\n",
              std::thread::hardware_concurrency(), frames);
  print("region_640x480_shm", region_shm);
  print("region_640x480_getimage", region_plain);
  print("screen_1920x1080_shm_to_320x240", full_shm);
  print("screen_1920x1080_getimage_to_320x240", full_plain, true);
  std::printf("  },\n  \"idle_30fps_%gs\": {\n", idle_seconds);
  print("screen_with_cursor", idle_screen);
  print("screen_without_cursor", idle_nocursor);
  print("window_with_cursor", idle_window, true);
  std::printf("  }\n}\n");
  return 0;
}
