#include "tfts/server/server_metrics.h"

#include "tfts/metrics/process_metrics.h"

namespace tfts::server {
namespace {

using Labels = std::vector<std::string>;
const Labels kScreen{"screen"};
const Labels kDisplay{"screen", "display"};

// As in docs/protocol.md §4.
constexpr const char* kCodecNames[proto::kCodecCount] = {"fill",        "raw",     "rle", "palette",
                                                         "palette_rle", "predict", "copy"};

}  // namespace

ServerMetrics::ServerMetrics(size_t max_display_series)
    : max_display_series_(max_display_series),
      grabs_(registry_.counter("tftstream_screen_grabs_total",
                               "Times the screen asked its source for a picture.", kScreen)),
      captured_(registry_.counter("tftstream_screen_frames_captured_total",
                                  "Source pictures that were new (grabs that changed).", kScreen)),
      processed_(registry_.counter(
          "tftstream_screen_frames_processed_total",
          "Frames the screen's pipelines produced, over all display sizes.", kScreen)),
      source_errors_(registry_.counter("tftstream_screen_source_errors_total",
                                       "Grabs that failed (see the server log for why).",
                                       kScreen)),
      source_failing_(registry_.gauge("tftstream_screen_source_failing",
                                      "1 while the screen's source fails, else 0.", kScreen)),
      stage_(registry_.histogram(
          "tftstream_stage_duration_seconds",
          "Time per frame in each stage: capture (source grab), resize, colour (gamma, white "
          "balance, RGB565, dither, rotation), diff (tile damage), encode (per display, shared "
          "encodes once) and send (one frame to one display's socket).",
          {"screen", "stage"}, metrics::stage_buckets())),
      connects_(registry_.counter("tftstream_display_connects_total",
                                  "Handshakes completed by the display.", kDisplay)),
      disconnects_(registry_.counter("tftstream_display_disconnects_total",
                                     "Connections of the display that ended.", kDisplay)),
      frames_sent_(registry_.counter("tftstream_display_frames_sent_total",
                                     "Frames sent to the display.", kDisplay)),
      frames_acked_(registry_.counter("tftstream_display_frames_acked_total",
                                      "Frames the display acknowledged (drawn).", kDisplay)),
      bytes_sent_(registry_.counter("tftstream_display_sent_bytes_total",
                                    "Frame bytes sent to the display, markers included.",
                                    kDisplay)),
      full_refreshes_(registry_.counter("tftstream_display_full_refreshes_total",
                                        "Frames that repainted the whole display (connects and "
                                        "REFRESH requests).",
                                        kDisplay)),
      codec_bytes_(registry_.counter("tftstream_display_codec_bytes_total",
                                     "Rectangle bytes sent to the display, by codec.",
                                     {"screen", "display", "codec"})),
      codec_rects_(registry_.counter("tftstream_display_codec_rects_total",
                                     "Rectangles sent to the display, by codec.",
                                     {"screen", "display", "codec"})),
      connected_(registry_.gauge("tftstream_display_connected",
                                 "Sessions of this display name connected now.", kDisplay)),
      in_flight_(registry_.gauge("tftstream_display_frames_in_flight",
                                 "Frames sent and not yet acknowledged.", kDisplay)),
      acked_fps_(registry_.gauge("tftstream_display_acked_fps",
                                 "Acknowledged frames per second over the last second.",
                                 kDisplay)),
      free_heap_(registry_.gauge("tftstream_display_free_heap_bytes",
                                 "Free memory the display reported in its last ACK.", kDisplay)),
      rssi_(registry_.gauge("tftstream_display_wifi_rssi_dbm",
                            "Wi-Fi signal the display reported in its last ACK (0: none).",
                            kDisplay)),
      latency_(registry_.histogram("tftstream_display_frame_latency_seconds",
                                   "From the screen's capture to the display's ACK.", kDisplay,
                                   metrics::latency_buckets())),
      display_decode_(registry_.histogram(
          "tftstream_display_decode_seconds",
          "Decode time per frame as the display reported it in its ACKs.", kDisplay,
          metrics::stage_buckets())),
      display_draw_(registry_.histogram(
          "tftstream_display_draw_seconds",
          "Draw (panel transfer) time per frame as the display reported it in its ACKs.",
          kDisplay, metrics::stage_buckets())),
      protocol_errors_(registry_.counter(
          "tftstream_protocol_errors_total",
          "Connections ended by a protocol error, by reason (docs/protocol.md §5); screen and "
          "display are empty for failed handshakes.",
          {"screen", "display", "reason"})),
      displays_(registry_.gauge("tftstream_displays", "Displays connected (TFTS protocol).")),
      legacy_displays_(registry_.gauge("tftstream_legacy_displays",
                                       "Seed-protocol displays connected.")),
      open_connections_(registry_.gauge("tftstream_open_connections",
                                        "Display connections open, handshakes included.")),
      accepted_(registry_.sampled_counter("tftstream_connections_accepted_total",
                                          "Display connections accepted.")),
      encodes_(registry_.sampled_counter(
          "tftstream_shared_encodes_total",
          "Exact encodes made for sharing between displays of a feed (fan-out cache misses).")),
      shared_encodes_(registry_.sampled_counter(
          "tftstream_shared_encode_reuses_total",
          "Times a shared encode was sent to another display instead of encoding again.")) {
  metrics::register_process_metrics(registry_);
  registry_.on_collect([this] {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    for (auto& [key, entry] : displays_map_) {
      if (entry.connected > 0) entry.metrics->update_fps(now);
    }
  });
}

ScreenMetrics& ServerMetrics::screen(const std::string& name) {
  std::lock_guard lock(mutex_);
  auto& slot = screens_[name];
  if (slot) return *slot;
  slot = std::make_unique<ScreenMetrics>();
  ScreenMetrics& m = *slot;
  m.grabs = &grabs_.with({name});
  m.captured = &captured_.with({name});
  m.processed = &processed_.with({name});
  m.source_errors = &source_errors_.with({name});
  m.source_failing = &source_failing_.with({name});
  m.capture = &stage_.with({name, "capture"});
  m.resize = &stage_.with({name, "resize"});
  m.colour = &stage_.with({name, "colour"});
  m.diff = &stage_.with({name, "diff"});
  m.encode = &stage_.with({name, "encode"});
  m.send = &stage_.with({name, "send"});
  return m;
}

DisplayMetrics& ServerMetrics::display_joined(const std::string& screen,
                                              const std::string& display) {
  ScreenMetrics& sm = this->screen(screen);
  std::lock_guard lock(mutex_);
  auto [it, made] = displays_map_.try_emplace({screen, display});
  DisplayEntry& e = it->second;
  e.last_seen = ++tick_;
  ++e.connected;
  if (made) {
    e.metrics = std::make_unique<DisplayMetrics>();
    DisplayMetrics& m = *e.metrics;
    const Labels l{screen, display};
    m.screen = &sm;
    m.connects = &connects_.with(l);
    m.disconnects = &disconnects_.with(l);
    m.frames_sent = &frames_sent_.with(l);
    m.frames_acked = &frames_acked_.with(l);
    m.bytes_sent = &bytes_sent_.with(l);
    m.full_refreshes = &full_refreshes_.with(l);
    for (size_t c = 0; c < proto::kCodecCount; ++c) {
      m.codec_bytes[c] = &codec_bytes_.with({screen, display, kCodecNames[c]});
      m.codec_rects[c] = &codec_rects_.with({screen, display, kCodecNames[c]});
    }
    m.connected = &connected_.with(l);
    m.in_flight = &in_flight_.with(l);
    m.acked_fps = &acked_fps_.with(l);
    m.free_heap = &free_heap_.with(l);
    m.rssi = &rssi_.with(l);
    m.latency = &latency_.with(l);
    m.display_decode = &display_decode_.with(l);
    m.display_draw = &display_draw_.with(l);
    if (displays_map_.size() > max_display_series_) evict_one();
  }
  e.metrics->connects->add();
  e.metrics->connected->set(e.connected);
  return *e.metrics;
}

void ServerMetrics::display_left(const std::string& screen, const std::string& display) {
  std::lock_guard lock(mutex_);
  const auto it = displays_map_.find({screen, display});
  if (it == displays_map_.end()) return;
  DisplayEntry& e = it->second;
  e.connected = std::max(0, e.connected - 1);
  e.last_seen = ++tick_;
  e.metrics->disconnects->add();
  e.metrics->connected->set(e.connected);
  // Another session of the same name may still be connected: its values stand.
  if (e.connected == 0) e.metrics->gone();
}

void ServerMetrics::evict_one() {
  auto victim = displays_map_.end();
  for (auto it = displays_map_.begin(); it != displays_map_.end(); ++it) {
    if (it->second.connected > 0) continue;
    if (victim == displays_map_.end() || it->second.last_seen < victim->second.last_seen) {
      victim = it;
    }
  }
  if (victim == displays_map_.end()) return;  // all connected: max_displays bounds them
  remove_series(victim->first.first, victim->first.second);
  displays_map_.erase(victim);
}

void ServerMetrics::remove_series(const std::string& screen, const std::string& display) {
  const Labels l{screen, display};
  for (auto* f : {&connects_, &disconnects_, &frames_sent_, &frames_acked_, &bytes_sent_,
                  &full_refreshes_}) {
    f->remove(l);
  }
  for (auto* f : {&connected_, &in_flight_, &acked_fps_, &free_heap_, &rssi_}) f->remove(l);
  for (auto* f : {&latency_, &display_decode_, &display_draw_}) f->remove(l);
  // Their codec and reason series: every child under this (screen, display).
  for (auto* f : {&codec_bytes_, &codec_rects_, &protocol_errors_}) f->remove(l);
}

void ServerMetrics::protocol_error(const std::string& screen, const std::string& display,
                                   proto::Reason reason) {
  protocol_errors_.with({screen, display, std::string(proto::reason_name(reason))}).add();
}

void ServerMetrics::on_collect(std::function<Totals()> totals) {
  metrics::Gauge* displays = &displays_.with({});
  metrics::Gauge* legacy = &legacy_displays_.with({});
  metrics::Gauge* open = &open_connections_.with({});
  metrics::Gauge* accepted = &accepted_.with({});
  metrics::Gauge* encodes = &encodes_.with({});
  metrics::Gauge* shared = &shared_encodes_.with({});
  registry_.on_collect([=, totals = std::move(totals)] {
    const Totals t = totals();
    displays->set(t.displays);
    legacy->set(t.legacy_displays);
    open->set(t.open_connections);
    accepted->set(t.connections_accepted);
    encodes->set(t.encodes);
    shared->set(t.shared_encodes);
  });
}

}  // namespace tfts::server
