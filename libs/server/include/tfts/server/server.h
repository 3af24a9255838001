// The streaming server (design §2): screens (a source and its pipelines, each on a thread of
// its own), the display listener speaking the TFTS protocol, and optionally the seed-protocol
// listener. All connections live on one network thread; screens hand frames over through
// latest-wins mailboxes, so no display can slow a screen or another display down.
#pragma once

#include <atomic>
#include <deque>
#include <functional>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tfts/config/screen_edit.h"
#include "tfts/config/server_config.h"
#include "tfts/http/http_server.h"
#include "tfts/server/connection_host.h"
#include "tfts/server/display_connection.h"
#include "tfts/server/legacy_connection.h"
#include "tfts/server/log_limiter.h"
#include "tfts/server/screen.h"
#include "tfts/server/source_connection.h"
#include "tfts/server/server_metrics.h"
#include "tfts/server/ws_display_relay.h"

namespace tfts::server {

// One connected display as the server sees it (a copy, safe to keep).
struct DisplayStatus {
  std::string name;
  std::string screen;
  std::string peer;
  uint32_t session_id = 0;
  int width = 0, height = 0;
  size_t in_flight = 0;
  uint64_t frames_sent = 0, frames_acked = 0, bytes_sent = 0, shared_encodes = 0;
  uint64_t last_sent_frame_id = 0;
  double latency_p50_ms = 0, latency_p95_ms = 0;
  AckMessage last_ack;
};

// One device sending its screen (source role), connected or not.
struct DeviceStatus {
  std::string name;
  std::string peer;
  uint32_t session_id = 0;
  int width = 0, height = 0;
  SourceStats stats;
};

struct ScreenStatus {
  std::string name;
  std::string source;
  ScreenCounters counters;
};

struct ServerStatus {
  std::vector<ScreenStatus> screens;
  std::vector<DisplayStatus> displays;
  std::vector<DisplayStatus> viewers;  // role-2 sessions; `name` is what they watch
  std::vector<DeviceStatus> devices;   // connected sources (role 1)
  std::vector<DisplayStatus> departed;  // the last sessions that ended, oldest first (max 256)
  int legacy_displays = 0;
  int open_connections = 0;  // including ones still in their handshake
  uint64_t connections_accepted = 0;
  // Exact encodes made for sharing (fan-out cache misses) and the times one was reused (hits);
  // lossy encodes and encodes from an unknown shadow are per session and not counted here.
  uint64_t encodes = 0, shared_encodes = 0;
};

class Server final : private ConnectionHost {
 public:
  // Builds the screens and their sources. Returns null with every problem in `error`.
  static std::unique_ptr<Server> create(const config::ServerConfig& cfg, std::string& error);
  ~Server() override;

  // Binds the listeners and starts the screens and the network thread. False with a reason
  // when a port cannot be bound.
  bool start(std::string& error);
  // Says BYE(server_shutdown) to every display, stops the screens and joins the thread.
  void stop();

  uint16_t display_port() const { return display_port_; }
  uint16_t legacy_port() const { return legacy_port_; }
  uint16_t http_port() const { return http_ ? http_->port() : 0; }
  // A consistent copy of the server's state, made on the network thread. Empty when the server
  // is not running. Not to be called from the network thread itself.
  ServerStatus status();
  // Runs `task` on the network thread and waits until it has run, for the calls below that
  // belong there (tests, tools). False, without running it, when the server is not running.
  bool run_on_network_thread(const std::function<void()>& task);
  // The newest frame of `screen` at the given size, if any display of that size is attached.
  ScreenFramePtr current_frame(const std::string& screen, int width, int height);

  // For the HTTP routes (server_routes.h), which run on the network thread: the state as
  // status() gives it, the picture the server knows display `name` holds (its session's shadow
  // framebuffer; false when no display of that name is connected), and the metrics.
  ServerStatus status_now() const;
  bool display_picture(const std::string& name, core::Rgb565Plane& out) const;
  // The newest picture device `name` sent (kept after it disconnects); false when none came.
  bool device_picture(const std::string& name, core::Rgb565Plane& out) const;
  // Asks connected device `name` for a complete frame; false when it is not connected.
  bool refresh_device(const std::string& name);
  ServerMetrics& metrics() { return metrics_; }
  // The running configuration: as loaded, with every change_screen() since. Network thread.
  const config::ServerConfig& config() const { return cfg_; }

  // Where save_config() writes; empty = the server was started without a config file.
  void set_config_file(std::string path) { config_file_ = std::move(path); }
  const std::string& config_file() const { return config_file_; }
  // Network thread (server_control.cpp). Applies `changes` to screen `name` at once, all or
  // nothing (config::edit_screen() checks them; a source that cannot be built is an error on
  // key "source"): the screen gets its new settings or source, sessions their new quality, and
  // connected displays whose screen changed (a `displays` list edited) move to it.
  config::ScreenEdit change_screen(const std::string& name,
                                   const std::vector<config::KeyText>& changes);
  // Network thread. Writes the running configuration to config_file() (atomically; the first
  // save keeps the original as FILE.bak). False with a sentence in `error`.
  bool save_config(std::string& error, size_t& bytes_written);
  // False once the screens were changed, until the next save_config(): the configuration as
  // started (file and command line) or as last saved is the running one.
  bool config_saved() const;

 private:
  explicit Server(config::ServerConfig cfg);

  Admission admit(const Hello& hello) override;
  void adopt_source(boost::asio::ip::tcp::socket socket, const std::string& peer,
                    const Hello& hello, std::vector<uint8_t> early) override;
  void leave(DisplayConnection& connection, FeedFanout* fanout) override;
  void protocol_error(const DisplaySession* session, const std::string& screen,
                      proto::Reason reason) override;
  Screen* screen_for(const std::string& display_name);
  FeedFanout* join_feed(Screen& screen, int width, int height);  // null: too many sizes
  void release_feed(FeedFanout& fanout);
  void wake(const std::shared_ptr<ScreenFeed>& feed);  // screen thread
  bool listen(boost::asio::ip::tcp::acceptor& acceptor, const std::string& bind, int port,
              uint16_t& bound, std::string& error);
  void accept_displays();
  void accept_legacy();
  // A browser display on /ws/display: relayed to the display port (ws_display_relay.h).
  void relay_browser_display(http::WebSocket socket, const http::Request& request);
  // After an accept error: try again in a while (see server.cpp).
  void accept_failed(const boost::system::error_code& ec, std::function<void()> again);
  static DisplayStatus describe(const DisplayConnection& connection);
  static bool is_viewer(const DisplayConnection& connection);
  int count_sessions(proto::Role role) const;
  // A viewer's admission (role 2): the screen its HELLO name points at, no metrics.
  Admission admit_viewer(const Hello& hello);
  // The part of an admission both share: the feed of `screen` at the HELLO's size, the
  // settings and a session id (or the refusal when the screen serves too many sizes).
  Admission admit_to(Screen& screen, const Hello& hello);
  // Moves sessions whose screen is no longer the one their name maps to.
  void rehome_sessions();
  // The screen that shows device `name` to viewers ("device:NAME"), made on first use; null
  // with a sentence in `why` for a device never seen, or too many such screens.
  Screen* device_screen(const std::string& name, std::string& why);

  config::ServerConfig cfg_;
  config::ServerConfig saved_cfg_;  // as started or last saved (config_saved())
  std::string config_file_;
  ServerMetrics metrics_;  // before the screens, which keep pointers into it
  source::DeviceRegistry devices_;  // before the screens: device:NAME sources read it
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor display_acceptor_;
  boost::asio::ip::tcp::acceptor legacy_acceptor_;
  uint16_t display_port_ = 0;
  uint16_t legacy_port_ = 0;
  std::unique_ptr<http::HttpServer> http_;  // /metrics, /healthz, /api (network thread)
  std::vector<std::shared_ptr<WsDisplayRelay>> ws_relays_;  // network thread
  std::map<std::string, std::unique_ptr<Screen>> screens_;
  // Viewers of a device watch it through a screen of its own (network thread; bounded).
  std::map<std::string, std::unique_ptr<Screen>> device_screens_;
  static constexpr size_t kMaxDeviceScreens = 64;
  std::map<const ScreenFeed*, std::unique_ptr<FeedFanout>> fanouts_;  // network thread
  std::map<const FeedFanout*, Screen*> fanout_screens_;
  std::vector<std::shared_ptr<DisplayConnection>> connections_;
  std::vector<std::shared_ptr<LegacyConnection>> legacy_connections_;
  std::vector<std::shared_ptr<SourceConnection>> source_connections_;
  std::deque<DisplayStatus> departed_;
  uint64_t encodes_done_ = 0;  // cache misses and hits of fanouts already released
  uint64_t encodes_shared_ = 0;
  uint32_t next_session_id_ = 1;
  uint64_t accepted_ = 0;
  LogLimiter flood_log_;
  // Connections allowed beyond max_displays while they are still in their handshake.
  static constexpr int kHandshakeAllowance = 64;
  std::thread thread_;
  std::atomic<bool> running_{false};
};

}  // namespace tfts::server
