// Server, continued: viewers (role 2) and changes made while it runs (the web UI's controls,
// docs/http-api.md). All of it runs on the network thread.
#include <filesystem>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include "tfts/config/config_loader.h"  // to_toml
#include "tfts/server/server.h"
#include "tfts/server/source_setup.h"
#include "tfts/source/device_source.h"
#include "tfts/source/source_factory.h"

namespace tfts::server {
namespace {

// A viewer's HELLO name "screen:NAME" watches screen NAME, "device:NAME" mirrored device NAME;
// any other name watches a display's screen.
constexpr std::string_view kScreenTarget = "screen:";
constexpr std::string_view kDeviceTarget = "device:";

// Settings that go into the source itself (source_spec_for()): changing one builds a new one.
bool needs_new_source(const config::ScreenConfig& a, const config::ScreenConfig& b) {
  return a.source != b.source || a.fps != b.fps || a.loop != b.loop || a.theme != b.theme ||
         a.interval != b.interval || a.history != b.history || a.prometheus != b.prometheus;
}

}  // namespace

bool Server::is_viewer(const DisplayConnection& connection) {
  return connection.session() && connection.session()->hello().role == proto::Role::viewer;
}

int Server::count_sessions(proto::Role role) const {
  int n = 0;
  for (const auto& c : connections_) n += c->session() && c->session()->hello().role == role;
  return n;
}

Admission Server::admit_viewer(const Hello& hello) {
  Admission a;
  if (count_sessions(proto::Role::viewer) >= cfg_.max_viewers) {
    a.refusal_reason = proto::Reason::server_full;
    a.refusal = "server full: " + std::to_string(cfg_.max_viewers) + " viewers connected";
    return a;
  }
  Screen* screen = nullptr;
  if (hello.name.starts_with(kScreenTarget)) {
    const auto it = screens_.find(hello.name.substr(kScreenTarget.size()));
    if (it == screens_.end()) {
      a.refusal_reason = proto::Reason::protocol_violation;
      a.refusal = "no screen called '" + hello.name.substr(kScreenTarget.size()) + "'";
      return a;
    }
    screen = it->second.get();
  } else if (hello.name.starts_with(kDeviceTarget)) {
    const std::string device = hello.name.substr(kDeviceTarget.size());
    screen = device_screen(device, a.refusal);
    if (!screen) {
      // An unknown device is a wrong request; too many device views is a full server.
      a.refusal_reason = devices_.get(device).known ? proto::Reason::server_full
                                                    : proto::Reason::protocol_violation;
      return a;
    }
  } else {
    screen = screen_for(hello.name);
  }
  return admit_to(*screen, hello);
}

Screen* Server::device_screen(const std::string& name, std::string& why) {
  if (const auto it = device_screens_.find(name); it != device_screens_.end()) {
    return it->second.get();
  }
  if (!devices_.get(name).known) {
    why = "no device called '" + name + "' has connected";
    return nullptr;
  }
  if (!running_ || device_screens_.size() >= kMaxDeviceScreens) {
    why = "no more device views (" + std::to_string(kMaxDeviceScreens) + ")";
    return nullptr;
  }
  config::ScreenConfig cfg;
  cfg.name = std::string(kDeviceTarget) + name;
  cfg.source = cfg.name;
  auto screen = std::make_unique<Screen>(
      cfg, std::make_unique<source::DeviceSource>(devices_, name),
      [this](const std::shared_ptr<ScreenFeed>& feed) { wake(feed); }, &metrics_.screen(cfg.name));
  screen->start();
  return (device_screens_[name] = std::move(screen)).get();
}

config::ScreenEdit Server::change_screen(const std::string& name,
                                         const std::vector<config::KeyText>& changes) {
  config::ScreenEdit edit = config::edit_screen(cfg_, name, changes);
  if (!edit.ok()) return edit;
  const config::ScreenConfig before = cfg_.screens.at(name);
  const config::ScreenConfig& after = edit.config.screens.at(name);
  std::unique_ptr<source::FrameSource> source;
  if (needs_new_source(before, after)) {
    std::string why;
    auto spec = source_spec_for(edit.config, after, why);
    if (spec) spec->devices = &devices_;
    source = spec ? source::make_source(*spec, why) : nullptr;
    if (!source) {
      edit.errors.push_back({"source", why});
      return edit;
    }
  }
  spdlog::info("screen {}: changed through the API ({} key(s){})", name, changes.size(),
               source ? ", new source " + source->describe() : "");
  screens_.at(name)->reconfigure(after, std::move(source));
  cfg_ = edit.config;
  if (before.max_error != after.max_error) {
    for (const auto& c : connections_) {
      if (c->session() && c->screen() == name) c->set_max_error(after.max_error);
    }
  }
  if (before.displays != after.displays) rehome_sessions();
  return edit;
}

void Server::rehome_sessions() {
  for (const auto& c : std::vector(connections_)) {
    const DisplaySession* s = c->session();
    if (!s || !c->fanout()) continue;
    const std::string& name = s->hello().name;
    if (is_viewer(*c) && (name.starts_with(kScreenTarget) || name.starts_with(kDeviceTarget))) {
      continue;
    }
    Screen* to = screen_for(name);
    if (to->name() == c->screen()) continue;
    FeedFanout* fresh = join_feed(*to, s->hello().width, s->hello().height);
    if (!fresh) {
      c->shutdown(proto::Reason::server_full, "screen '" + to->name() + "' serves too many sizes");
      continue;
    }
    FeedFanout* old = c->fanout();
    old->remove(*c);
    release_feed(*old);
    DisplayMetrics* metrics = nullptr;
    if (!is_viewer(*c)) {
      metrics_.display_left(c->screen(), name);
      metrics = &metrics_.display_joined(to->name(), name);
    }
    c->move_to(*fresh, to->name(), metrics);
    c->set_max_error(cfg_.screens.at(to->name()).max_error);
  }
}

void Server::adopt_source(boost::asio::ip::tcp::socket socket, const std::string& peer,
                          const Hello& hello, std::vector<uint8_t> early) {
  proto::Reason reason = proto::Reason::normal;
  std::string refusal = SourceSession::acceptable(hello, reason);
  if (refusal.empty() && static_cast<int>(source_connections_.size()) >= cfg_.max_displays) {
    refusal = "server full: " + std::to_string(source_connections_.size()) + " devices connected";
    reason = proto::Reason::server_full;
  }
  if (!refusal.empty()) {
    spdlog::warn("device '{}' ({}): refused: {}", hello.name, peer, refusal);
    // A short refusal on a fresh socket: written at once, then the socket closes.
    boost::system::error_code ec;
    const std::vector<uint8_t> bytes = make_refusal(reason, refusal);
    boost::asio::write(socket, boost::asio::buffer(bytes), ec);
    socket.close(ec);
    return;
  }
  // The newest connection of a name wins, as for displays: a device that reconnects after a
  // network hiccup must not be shadowed by its own half-dead session.
  for (const auto& old : std::vector(source_connections_)) {
    if (old->session().hello().name == hello.name) {
      old->shutdown(proto::Reason::normal, "replaced by a newer connection of the same name");
    }
  }
  auto c = std::make_shared<SourceConnection>(
      std::move(socket), peer, next_session_id_++, hello, cfg_.max_in_flight, std::move(early),
      devices_, std::chrono::milliseconds(cfg_.keepalive_ms),
      [this](SourceConnection& gone) {
        std::erase_if(source_connections_, [&](const auto& p) { return p.get() == &gone; });
      });
  source_connections_.push_back(c);
  c->start();
}

bool Server::device_picture(const std::string& name, core::Rgb565Plane& out) const {
  const source::DeviceRegistry::Snapshot s = devices_.get(name);
  if (!s.picture) return false;
  out = *s.picture;
  return true;
}

bool Server::refresh_device(const std::string& name) {
  // The newest session of that name: an older one is on its way out.
  for (auto it = source_connections_.rbegin(); it != source_connections_.rend(); ++it) {
    if ((*it)->session().hello().name == name) {
      (*it)->request_refresh();
      return true;
    }
  }
  return false;
}

bool Server::save_config(std::string& error, size_t& bytes_written) {
  namespace fs = std::filesystem;
  if (config_file_.empty()) {
    error = "the server was started without --config FILE, so there is no file to save to";
    return false;
  }
  std::string text = "# Saved by tftstream (web UI / POST /api/config/save); comments of the\n";
  text += "# original file are in " + config_file_ + ".bak.\n\n";
  text += config::to_toml(cfg_);
  std::error_code ec;
  const std::string backup = config_file_ + ".bak";
  if (fs::exists(config_file_, ec) && !fs::exists(backup, ec)) {
    fs::copy_file(config_file_, backup, ec);
    if (ec) {
      error = "cannot keep the original as " + backup + ": " + ec.message();
      return false;
    }
  }
  // A whole new file, synced, renamed over the old one: a crash mid-write never leaves half a
  // config. It gets the old file's permissions (a 0600 file may hold http_token), else 0600.
  const std::string temporary = config_file_ + ".tmp";
  const auto old_perms = fs::status(config_file_, ec).permissions();
  const mode_t mode = ec || old_perms == fs::perms::unknown
                          ? 0600
                          : static_cast<mode_t>(old_perms & fs::perms::mask);
  fs::remove(temporary, ec);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  bool written = fd >= 0;
  for (size_t done = 0; written && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    written = n > 0;
    if (written) done += static_cast<size_t>(n);
  }
  written = written && ::fchmod(fd, mode) == 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!written) {
    error = "cannot write " + temporary + ": " + std::strerror(errno);
    fs::remove(temporary, ec);
    return false;
  }
  fs::rename(temporary, config_file_, ec);
  if (ec) {
    error = "cannot replace " + config_file_ + ": " + ec.message();
    fs::remove(temporary, ec);
    return false;
  }
  bytes_written = text.size();
  saved_cfg_ = cfg_;
  spdlog::info("configuration saved to {} ({} bytes)", config_file_, text.size());
  return true;
}

bool Server::config_saved() const { return cfg_ == saved_cfg_; }

}  // namespace tfts::server
