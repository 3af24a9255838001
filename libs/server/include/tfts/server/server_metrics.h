// ServerMetrics: the server's own Prometheus metrics (docs/metrics.md lists every name). It owns
// the registry and hands out ScreenMetrics and DisplayMetrics, whose pointers the hot paths keep.
//
// Cardinality is bounded: display series are keyed by (screen, display name) and survive
// reconnects, but a peer could invent names without end, so past `max_display_series` names the
// series of the display disconnected longest ago are dropped.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "tfts/metrics/registry.h"
#include "tfts/proto/wire.h"
#include "tfts/server/display_metrics.h"
#include "tfts/server/screen_metrics.h"

namespace tfts::server {

class ServerMetrics {
 public:
  explicit ServerMetrics(size_t max_display_series = 256);

  // Made at start-up, one per screen; stable for the server's life.
  ScreenMetrics& screen(const std::string& name);
  // The display's metrics, made on its first connection. Network thread. Call
  // display_left() when that connection ends (the series stay, for counters' sake).
  DisplayMetrics& display_joined(const std::string& screen, const std::string& display);
  void display_left(const std::string& screen, const std::string& display);

  // A protocol error: a bad handshake (screen and display empty), a violation or a timeout.
  void protocol_error(const std::string& screen, const std::string& display, proto::Reason reason);

  // Server-wide values refreshed before each scrape.
  struct Totals {
    double displays = 0, legacy_displays = 0, open_connections = 0;
    double connections_accepted = 0, encodes = 0, shared_encodes = 0;
  };
  // `totals` is called on the scraping thread (the network thread, for /metrics).
  void on_collect(std::function<Totals()> totals);

  // The exposition. Call it on the network thread only (the /metrics route does): its
  // collectors read the server's connections and update DisplayMetrics' frame-rate windows,
  // which the network thread owns.
  std::string expose() const { return registry_.expose(); }

 private:
  struct DisplayEntry {
    std::unique_ptr<DisplayMetrics> metrics;
    int connected = 0;
    uint64_t last_seen = 0;  // order of the last join/leave
  };
  void evict_one();
  void remove_series(const std::string& screen, const std::string& display);

  metrics::Registry registry_;
  size_t max_display_series_;
  uint64_t tick_ = 0;

  // Screens.
  metrics::Family<metrics::Counter>& grabs_;
  metrics::Family<metrics::Counter>& captured_;
  metrics::Family<metrics::Counter>& processed_;
  metrics::Family<metrics::Counter>& source_errors_;
  metrics::Family<metrics::Gauge>& source_failing_;
  metrics::Family<metrics::Histogram>& stage_;
  // Displays.
  metrics::Family<metrics::Counter>& connects_;
  metrics::Family<metrics::Counter>& disconnects_;
  metrics::Family<metrics::Counter>& frames_sent_;
  metrics::Family<metrics::Counter>& frames_acked_;
  metrics::Family<metrics::Counter>& bytes_sent_;
  metrics::Family<metrics::Counter>& full_refreshes_;
  metrics::Family<metrics::Counter>& codec_bytes_;
  metrics::Family<metrics::Counter>& codec_rects_;
  metrics::Family<metrics::Gauge>& connected_;
  metrics::Family<metrics::Gauge>& in_flight_;
  metrics::Family<metrics::Gauge>& acked_fps_;
  metrics::Family<metrics::Gauge>& free_heap_;
  metrics::Family<metrics::Gauge>& rssi_;
  metrics::Family<metrics::Histogram>& latency_;
  metrics::Family<metrics::Histogram>& display_decode_;
  metrics::Family<metrics::Histogram>& display_draw_;
  metrics::Family<metrics::Counter>& protocol_errors_;
  // Server.
  metrics::Family<metrics::Gauge>& displays_;
  metrics::Family<metrics::Gauge>& legacy_displays_;
  metrics::Family<metrics::Gauge>& open_connections_;
  metrics::Family<metrics::Gauge>& accepted_;
  metrics::Family<metrics::Gauge>& encodes_;
  metrics::Family<metrics::Gauge>& shared_encodes_;

  std::mutex mutex_;  // screens_ (made before the threads start) and displays_map_
  std::map<std::string, std::unique_ptr<ScreenMetrics>> screens_;
  std::map<std::pair<std::string, std::string>, DisplayEntry> displays_map_;
};

}  // namespace tfts::server
