// Server, continued: what the rest of the program asks the running server (status,
// pictures, frames, tasks), answered on or through the network thread that owns the state.
#include <boost/asio/post.hpp>
#include <future>

#include "tfts/server/server.h"

namespace tfts::server {

namespace asio = boost::asio;

ServerStatus Server::status() {
  if (!running_) return {};
  auto done = std::make_shared<std::promise<ServerStatus>>();
  auto result = done->get_future();
  asio::post(io_, [this, done] { done->set_value(status_now()); });
  // The network thread answers within microseconds; it does not answer at all once stopping.
  if (result.wait_for(std::chrono::seconds(2)) != std::future_status::ready) return {};
  return result.get();
}

ServerStatus Server::status_now() const {
  ServerStatus s;
  s.open_connections = static_cast<int>(connections_.size());
  s.legacy_displays = static_cast<int>(legacy_connections_.size());
  s.connections_accepted = accepted_;
  for (const auto& c : connections_) {
    if (c->session()) (is_viewer(*c) ? s.viewers : s.displays).push_back(describe(*c));
  }
  s.departed.assign(departed_.begin(), departed_.end());
  for (const auto& [name, screen] : screens_) {
    s.screens.push_back({name, screen->describe_source(), screen->counters()});
  }
  for (const auto& c : source_connections_) {
    const SourceSession& d = c->session();
    s.devices.push_back({d.hello().name, c->peer(), d.id(), d.hello().width, d.hello().height,
                         d.stats()});
  }
  s.encodes = encodes_done_;
  s.shared_encodes = encodes_shared_;
  for (const auto& [feed, fanout] : fanouts_) {
    s.encodes += fanout->cache().misses();
    s.shared_encodes += fanout->cache().hits();
  }
  return s;
}

bool Server::display_picture(const std::string& name, core::Rgb565Plane& out) const {
  // The newest session of that name: after a reconnect the old one may still be closing.
  for (auto it = connections_.rbegin(); it != connections_.rend(); ++it) {
    const DisplaySession* s = (*it)->session();
    if (s && s->hello().name == name && !is_viewer(**it)) {
      out = s->shadow();
      return true;
    }
  }
  return false;
}

DisplayStatus Server::describe(const DisplayConnection& c) {
  const DisplaySession& d = *c.session();
  const SessionStats& st = d.stats();
  return {d.hello().name, c.screen(), c.peer(), d.id(), d.hello().width, d.hello().height,
          d.in_flight(), st.frames_sent, st.frames_acked, st.bytes_sent, st.shared_encodes,
          st.last_sent_frame_id, st.latency_ms.percentile(50), st.latency_ms.percentile(95),
          st.last_ack};
}

bool Server::run_on_network_thread(const std::function<void()>& task) {
  if (!running_) return false;
  auto done = std::make_shared<std::promise<void>>();
  auto ran = done->get_future();
  asio::post(io_, [&task, done] {
    task();
    done->set_value();
  });
  // Once the loop has stopped, a task still queued never runs (and never touches `task`).
  while (ran.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
    if (io_.stopped()) return false;
  }
  return true;
}

ScreenFramePtr Server::current_frame(const std::string& screen, int width, int height) {
  if (!running_) return nullptr;
  auto done = std::make_shared<std::promise<ScreenFramePtr>>();
  auto result = done->get_future();
  asio::post(io_, [this, done, screen, width, height] {
    ScreenFramePtr found;
    for (const auto& [feed, fanout] : fanouts_) {
      if (fanout_screens_.at(fanout.get())->name() == screen && feed->width() == width &&
          feed->height() == height) {
        found = fanout->current();
      }
    }
    done->set_value(found);
  });
  if (result.wait_for(std::chrono::seconds(2)) != std::future_status::ready) return nullptr;
  return result.get();
}

}  // namespace tfts::server
