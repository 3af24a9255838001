#include "tfts/server/server.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "tfts/http/access_guard.h"
#include "tfts/server/server_routes.h"
#include "tfts/server/source_setup.h"
#include "tfts/source/source_factory.h"

namespace tfts::server {

namespace asio = boost::asio;
using asio::ip::tcp;

Server::Server(config::ServerConfig cfg)
    : cfg_(std::move(cfg)),
      saved_cfg_(cfg_),
      // Display series beyond this many names are dropped, oldest gone first.
      metrics_(static_cast<size_t>(std::max(256, 4 * cfg_.max_displays))),
      display_acceptor_(io_),
      legacy_acceptor_(io_) {
  metrics_.on_collect([this] {  // runs where /metrics is served: the network thread
    ServerMetrics::Totals t;
    t.open_connections = static_cast<double>(connections_.size());
    t.legacy_displays = static_cast<double>(legacy_connections_.size());
    t.connections_accepted = static_cast<double>(accepted_);
    t.displays = count_sessions(proto::Role::display);
    t.encodes = static_cast<double>(encodes_done_);
    t.shared_encodes = static_cast<double>(encodes_shared_);
    for (const auto& [feed, fanout] : fanouts_) {
      t.encodes += static_cast<double>(fanout->cache().misses());
      t.shared_encodes += static_cast<double>(fanout->cache().hits());
    }
    return t;
  });
}

std::unique_ptr<Server> Server::create(const config::ServerConfig& cfg, std::string& error) {
  std::unique_ptr<Server> server(new Server(cfg));
  std::vector<std::string> problems;
  for (const auto& [name, screen_cfg] : cfg.screens) {
    std::string why;
    auto spec = source_spec_for(cfg, screen_cfg, why);
    if (spec) spec->devices = &server->devices_;
    auto source = spec ? source::make_source(*spec, why) : nullptr;
    if (!source) {
      problems.push_back("screen '" + name + "': " + why);
      continue;
    }
    Server* self = server.get();
    server->screens_[name] = std::make_unique<Screen>(
        screen_cfg, std::move(source),
        [self](const std::shared_ptr<ScreenFeed>& feed) { self->wake(feed); },
        &server->metrics_.screen(name));
  }
  if (!problems.empty()) {
    error.clear();
    for (const auto& p : problems) error += (error.empty() ? "" : "\n") + p;
    return nullptr;
  }
  return server;
}

Server::~Server() { stop(); }

bool Server::listen(tcp::acceptor& acceptor, const std::string& bind, int port, uint16_t& bound,
                    std::string& error) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(bind, ec);
  if (ec) {
    error = "cannot listen on '" + bind + "': not an IP address";
    return false;
  }
  const tcp::endpoint ep(address, static_cast<uint16_t>(port));
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    error = "cannot listen on " + bind + ":" + std::to_string(port) + ": " + ec.message();
    return false;
  }
  bound = acceptor.local_endpoint().port();
  return true;
}

bool Server::start(std::string& error) {
  // The configured level holds wherever the server runs (the program, tests, benchmarks).
  spdlog::set_level(spdlog::level::from_str(cfg_.log_level));
  if (!listen(display_acceptor_, cfg_.bind, cfg_.port, display_port_, error)) return false;
  spdlog::info("displays (TFTS protocol): listening on {}:{}", cfg_.bind, display_port_);
  if (cfg_.legacy.enabled) {
    if (!listen(legacy_acceptor_, cfg_.legacy.bind, cfg_.legacy.port, legacy_port_, error)) {
      return false;
    }
    spdlog::info("seed-firmware displays (legacy protocol, {}x{}): listening on {}:{}",
                 cfg_.legacy.width, cfg_.legacy.height, cfg_.legacy.bind, legacy_port_);
  }
  // Off loopback the port is reachable by others: only with a token (docs/http-api.md).
  if (!cfg_.http_token.empty() && !http::is_valid_token(cfg_.http_token)) {
    error = "server.http_token may hold only letters, digits and -._~ (1..256 of them)";
    return false;
  }
  if (!http::is_loopback_address(cfg_.http_bind) && cfg_.http_token.empty()) {
    error = "server.http_bind " + cfg_.http_bind + " is not a loopback address: set "
            "server.http_token too, so that only those who have it can watch and change the "
            "screens";
    return false;
  }
  http::Router routes = make_server_routes(*this);
  routes.set_guard(http::make_access_guard({cfg_.http_token}));
  http::WebSocketRoutes websockets;
  websockets["/ws/display"] = [this](http::WebSocket socket, const http::Request& request) {
    relay_browser_display(std::move(socket), request);
  };
  http_ = std::make_unique<http::HttpServer>(io_, std::move(routes), std::move(websockets));
  if (!http_->listen(cfg_.http_bind, cfg_.http_port, error)) return false;
  spdlog::info("HTTP (metrics at /metrics, health at /healthz): listening on {}:{}",
               cfg_.http_bind, http_->port());
  for (auto& [name, screen] : screens_) {
    spdlog::info("screen '{}': {} at {} fps", name, screen->describe_source(), screen->config().fps);
    screen->start();
  }
  accept_displays();
  if (cfg_.legacy.enabled) accept_legacy();
  running_ = true;
  thread_ = std::thread([this] { io_.run(); });
  return true;
}

void Server::stop() {
  if (!running_.exchange(false)) return;
  asio::post(io_, [this] {
    boost::system::error_code ec;
    display_acceptor_.close(ec);
    legacy_acceptor_.close(ec);
    if (http_) http_->close();
    for (const auto& c : std::vector(connections_)) c->shutdown(proto::Reason::server_shutdown, "server stopping");
    for (const auto& c : std::vector(legacy_connections_)) c->close("server stopping");
    for (const auto& c : std::vector(source_connections_)) {
      c->shutdown(proto::Reason::server_shutdown, "server stopping");
    }
    for (auto& [name, screen] : device_screens_) screen->stop();  // made on this thread
  });
  for (auto& [name, screen] : screens_) screen->stop();
  // Give the BYEs a moment to leave, then end the loop whatever is left.
  asio::post(io_, [this] {
    auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(200));
    timer->async_wait([this, timer](const boost::system::error_code&) {
      // Browser displays got their BYE through the relay by now (it closes when the display
      // port does); whatever is left is cut.
      for (const auto& r : ws_relays_) r->close();
      ws_relays_.clear();
      io_.stop();
    });
  });
  if (thread_.joinable()) thread_.join();
  spdlog::info("server stopped");
}

void Server::accept_displays() {
  display_acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !display_acceptor_.is_open()) return;
    if (ec) return accept_failed(ec, [this] { accept_displays(); });
    ++accepted_;
    // Connections still in their handshake count too: a flood of half-open connections must
    // not eat the server's file descriptors.
    if (static_cast<int>(connections_.size()) >= cfg_.max_displays + kHandshakeAllowance) {
      if (flood_log_.allow()) {
        spdlog::warn("too many connections ({} open): closing new ones ({} more since the last "
                     "such line)", connections_.size(), flood_log_.take_suppressed());
      }
      return accept_displays();  // `socket` closes here
    }
    auto c = std::make_shared<DisplayConnection>(
        std::move(socket), static_cast<ConnectionHost&>(*this), cfg_.keepalive_ms);
    connections_.push_back(c);
    c->start();
    accept_displays();
  });
}

void Server::accept_failed(const boost::system::error_code& ec, std::function<void()> again) {
  // Out of file descriptors, typically: the pending connection stays in the backlog, so an
  // immediate retry would fail again at once and spin. Wait a little, and say it once a while.
  if (flood_log_.allow()) {
    spdlog::warn("accepting a connection failed: {} ({} more since the last such line)",
                 ec.message(), flood_log_.take_suppressed());
  }
  auto timer = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(100));
  timer->async_wait([timer, again = std::move(again)](const boost::system::error_code& e) {
    if (!e) again();
  });
}

void Server::accept_legacy() {
  legacy_acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !legacy_acceptor_.is_open()) return;
    if (ec) return accept_failed(ec, [this] { accept_legacy(); });
    if (static_cast<int>(legacy_connections_.size()) >= cfg_.max_displays) {
      if (flood_log_.allow()) {
        spdlog::warn("legacy listener full ({} displays): closing new ones",
                     legacy_connections_.size());
      }
      return accept_legacy();
    }
    {
      ++accepted_;
      const std::string& screen_name =
          cfg_.legacy.screen.empty() ? cfg_.default_screen : cfg_.legacy.screen;
      FeedFanout* fanout =
          join_feed(*screens_.at(screen_name), cfg_.legacy.width, cfg_.legacy.height);
      if (!fanout) {
        spdlog::warn("legacy display: screen '{}' serves too many display sizes", screen_name);
        return accept_legacy();
      }
      auto c = std::make_shared<LegacyConnection>(
          std::move(socket), *fanout, cfg_.legacy.max_packet, [this](LegacyConnection& gone) {
            gone.fanout().remove(gone);
            release_feed(gone.fanout());
            std::erase_if(legacy_connections_, [&](const auto& p) { return p.get() == &gone; });
          });
      legacy_connections_.push_back(c);
      c->start();
    }
    accept_legacy();
  });
}

void Server::relay_browser_display(http::WebSocket socket, const http::Request& request) {
  boost::system::error_code ec;
  tcp::endpoint target = display_acceptor_.local_endpoint(ec);
  if (ec) return;  // stopping: the socket closes as it goes
  // A listener on every interface is reached on loopback.
  if (target.address().is_unspecified()) {
    target.address(target.address().is_v6() ? asio::ip::address(asio::ip::address_v6::loopback())
                                            : asio::ip::address(asio::ip::address_v4::loopback()));
  }
  std::erase_if(ws_relays_, [](const auto& r) { return r->closed(); });
  auto relay = std::make_shared<WsDisplayRelay>(std::move(socket), target, request.peer);
  ws_relays_.push_back(relay);
  relay->start();
}

Screen* Server::screen_for(const std::string& display_name) {
  // The running configuration, not the screens' own copies: those take a change only when
  // their thread gets to it.
  for (const auto& [name, screen_cfg] : cfg_.screens) {
    const auto& d = screen_cfg.displays;
    if (std::find(d.begin(), d.end(), display_name) != d.end()) return screens_.at(name).get();
  }
  return screens_.at(cfg_.default_screen).get();
}

FeedFanout* Server::join_feed(Screen& screen, int width, int height) {
  std::shared_ptr<ScreenFeed> feed = screen.attach(width, height);
  if (!feed) return nullptr;
  auto& slot = fanouts_[feed.get()];
  if (!slot) {
    slot = std::make_unique<FeedFanout>(feed);
    fanout_screens_[slot.get()] = &screen;
  } else {
    screen.detach(feed);  // one attach per fanout, not per display
  }
  return slot.get();
}

void Server::release_feed(FeedFanout& fanout) {
  if (fanout.members() > 0) return;
  Screen* screen = fanout_screens_.at(&fanout);
  encodes_done_ += fanout.cache().misses();
  encodes_shared_ += fanout.cache().hits();
  screen->detach(fanout.feed());
  fanout_screens_.erase(&fanout);
  fanouts_.erase(fanout.feed().get());
  // A device's screen exists for its viewers only: the last one gone, so is it (and its thread).
  for (auto it = device_screens_.begin(); it != device_screens_.end(); ++it) {
    if (it->second.get() == screen && screen->feed_count() == 0) {
      screen->stop();
      device_screens_.erase(it);
      break;
    }
  }
}

Admission Server::admit(const Hello& hello) {
  Admission a;
  if (hello.role == proto::Role::viewer) return admit_viewer(hello);
  if (hello.role != proto::Role::display) {
    a.refusal_reason = proto::Reason::protocol_violation;
    // Sources are handed over after their HELLO (adopt_source) and never get here.
    a.refusal = "role " + std::to_string(static_cast<int>(hello.role)) + " is not a display";
    return a;
  }
  if (count_sessions(proto::Role::display) >= cfg_.max_displays) {
    a.refusal_reason = proto::Reason::server_full;
    a.refusal = "server full: " + std::to_string(cfg_.max_displays) + " displays connected";
    return a;
  }
  a = admit_to(*screen_for(hello.name), hello);
  if (a.fanout) a.metrics = &metrics_.display_joined(a.screen, hello.name);
  return a;
}

Admission Server::admit_to(Screen& screen, const Hello& hello) {
  Admission a;
  a.screen = screen.name();
  a.fanout = join_feed(screen, hello.width, hello.height);
  if (!a.fanout) {
    a.refusal_reason = proto::Reason::server_full;
    a.refusal = "screen '" + screen.name() + "' already serves " +
                std::to_string(Screen::kMaxFeeds) + " display sizes";
    return a;
  }
  a.settings.max_in_flight = cfg_.max_in_flight;
  // Device screens (viewers of device:NAME) are not configured: exact, like the default.
  const auto configured = cfg_.screens.find(a.screen);
  a.settings.max_error = configured == cfg_.screens.end() ? 0 : configured->second.max_error;
  a.session_id = next_session_id_++;
  return a;
}

void Server::leave(DisplayConnection& connection, FeedFanout* fanout) {
  if (connection.session() && !is_viewer(connection)) {
    metrics_.display_left(connection.screen(), connection.session()->hello().name);
    departed_.push_back(describe(connection));
    if (departed_.size() > 256) departed_.pop_front();
  }
  if (fanout) {
    fanout->remove(connection);
    release_feed(*fanout);
  }
  std::erase_if(connections_, [&](const auto& p) { return p.get() == &connection; });
}

void Server::protocol_error(const DisplaySession* session, const std::string& screen,
                            proto::Reason reason) {
  const bool named = session && session->hello().role == proto::Role::display;
  metrics_.protocol_error(screen, named ? session->hello().name : std::string(), reason);
}

void Server::wake(const std::shared_ptr<ScreenFeed>& feed) {
  asio::post(io_, [this, feed] {
    auto it = fanouts_.find(feed.get());
    if (it != fanouts_.end()) it->second->pull();
  });
}

}  // namespace tfts::server
