#include "bench_command.h"

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "reference_scale.h"
#include "tfts/codec/frame_encoder.h"
#include "tfts/core/png_io.h"
#include "tfts/pipeline/screen_pipeline.h"
#include "tfts/sim/simulated_display.h"

namespace tfts::app {
namespace {

namespace fs = std::filesystem;

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

bool load_sequence(const std::string& dir, std::vector<core::RgbPlane>& frames,
                   std::string& error) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".png") files.push_back(e.path());
  }
  if (ec) {
    error = dir + ": " + ec.message();
    return false;
  }
  if (files.empty()) {
    error = dir + ": no .png frames";
    return false;
  }
  std::sort(files.begin(), files.end());
  frames.resize(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (!core::load_png(files[i].string(), frames[i], error)) return false;
  }
  return true;
}

void write_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> to_be_bytes(const core::Rgb565Plane& img) {
  std::vector<uint8_t> out;
  out.reserve(static_cast<size_t>(img.width()) * img.height() * 2);
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) {
      out.push_back(static_cast<uint8_t>(img.at(x, y) >> 8));
      out.push_back(static_cast<uint8_t>(img.at(x, y)));
    }
  }
  return out;
}

const char* const kCodecNames[proto::kCodecCount] = {"fill",        "raw",     "rle", "palette",
                                                     "palette_rle", "predict", "copy"};

nlohmann::json bench_one(const BenchOptions& o, const std::string& name,
                         const std::vector<core::RgbPlane>& frames, std::string& error) {
  pipeline::ScreenParams sp;
  sp.width = o.width;
  sp.height = o.height;
  sp.dither = o.dither;
  pipeline::ScreenPipeline pipe(sp);

  codec::DisplayCaps caps;
  caps.width = o.width;
  caps.height = o.height;
  caps.max_payload = o.max_payload;
  caps.framebuffer = o.framebuffer;
  codec::FrameEncoder encoder(caps);

  client::DisplayConfig dc{static_cast<uint16_t>(o.width), static_cast<uint16_t>(o.height),
                           o.max_payload, caps.codecs, o.framebuffer};
  sim::SimulatedDisplay display(dc);
  std::vector<uint8_t> wire = sim::make_welcome(encoder.caps().codecs);
  size_t total_bytes = 0;  // the welcome is handshake, not per-frame traffic
  std::vector<uint8_t> stream = wire;
  display.feed(wire);

  core::Rgb565Plane shadow(o.width, o.height);
  double cpu_ms = 0, encode_ms = 0;
  uint32_t seq = 0;
  long rects = 0;
  std::array<size_t, proto::kCodecCount> codec_bytes{};
  const core::RgbPlane* previous = nullptr;
  size_t first_frame_bytes = 0;
  bool decode_ok = true;

  auto send = [&](const core::Rgb565Plane& target, int max_error, bool full) {
    wire.clear();
    const double t0 = thread_cpu_ms();
    const codec::FrameStats fs = encoder.encode(target.view(), shadow, max_error, seq, wire, full);
    encode_ms += thread_cpu_ms() - t0;
    if (fs.bytes > 0) ++seq;
    total_bytes += fs.bytes;
    rects += fs.rects;
    for (size_t c = 0; c < codec_bytes.size(); ++c) codec_bytes[c] += fs.bytes_by_codec[c];
    if (client::is_error(display.feed(wire))) decode_ok = false;
    if (!o.record_dir.empty()) stream.insert(stream.end(), wire.begin(), wire.end());
    return fs.bytes;
  };

  for (size_t i = 0; i < frames.size(); ++i) {
    const double t0 = thread_cpu_ms();
    const core::Rgb565Plane& target = pipe.process(frames[i].view());
    cpu_ms += thread_cpu_ms() - t0;
    // Principle 5: a lossy update may leave small errors while the picture moves; once the
    // source holds still, the next update is exact.
    const bool still = previous && *previous == frames[i];
    const size_t b = send(target, still ? 0 : o.max_error, i == 0);
    if (i == 0) first_frame_bytes = b;
    previous = &frames[i];
  }
  if (o.max_error > 0) send(pipe.target(), 0, false);  // the idle link refines to exact

  if (!decode_ok) {
    error = name + ": the simulated display rejected the stream: " +
            client::status_name(display.decoder().status());
    return {};
  }
  const core::Rgb565Plane& shown = display.framebuffer();
  const std::vector<double> ref = reference_area_average(frames.back(), o.width, o.height);
  const double n = static_cast<double>(frames.size());

  nlohmann::json codecs = nlohmann::json::object();
  for (size_t c = 0; c < codec_bytes.size(); ++c) {
    if (codec_bytes[c] > 0) codecs[kCodecNames[c]] = static_cast<double>(codec_bytes[c]) / n;
  }
  if (!o.record_dir.empty()) {
    fs::create_directories(o.record_dir);
    write_file(fs::path(o.record_dir) / (name + ".tfts"), stream);
    write_file(fs::path(o.record_dir) / (name + ".rgb565"), to_be_bytes(shown));
  }
  return {{"frames", frames.size()},
          {"bytes_per_frame", static_cast<double>(total_bytes) / n},
          {"ms_per_frame", (cpu_ms + encode_ms) / n},
          {"ms_per_frame_pipeline", cpu_ms / n},
          {"ms_per_frame_encode", encode_ms / n},
          {"final_exact", shown == pipe.target()},
          {"final_psnr_db", psnr_db(shown, ref)},
          {"first_frame_bytes", first_frame_bytes},
          {"rects_per_frame", static_cast<double>(rects) / n},
          {"bytes_per_frame_by_codec", codecs}};
}

}  // namespace

int run_bench(const BenchOptions& o) {
  nlohmann::json workloads = nlohmann::json::object();
  for (const std::string& dir : o.frame_dirs) {
    std::vector<core::RgbPlane> frames;
    std::string error;
    if (!load_sequence(dir, frames, error)) {
      std::cerr << "tftstream bench: " << error << "\n";
      return 2;
    }
    const std::string name = fs::path(dir).lexically_normal().filename().string().empty()
                                 ? fs::path(dir).parent_path().filename().string()
                                 : fs::path(dir).lexically_normal().filename().string();
    nlohmann::json r = bench_one(o, name, frames, error);
    if (r.is_null()) {
      std::cerr << "tftstream bench: " << error << "\n";
      return 1;
    }
    workloads[name] = r;
    if (!o.json) {
      std::printf("%-12s %4d frames %10.0f B/frame %7.3f ms/frame exact=%s psnr=%.2f dB\n",
                  name.c_str(), r["frames"].get<int>(), r["bytes_per_frame"].get<double>(),
                  r["ms_per_frame"].get<double>(), r["final_exact"].get<bool>() ? "yes" : "no",
                  r["final_psnr_db"].get<double>());
    }
  }
  if (o.json) {
    nlohmann::json out = {{"size", std::to_string(o.width) + "x" + std::to_string(o.height)},
                          {"framebuffer", o.framebuffer},
                          {"max_error", o.max_error},
                          {"dither", o.dither},
                          {"max_payload", o.max_payload},
                          {"workloads", workloads}};
    std::cout << out.dump(2) << "\n";
  }
  return 0;
}

}  // namespace tfts::app
