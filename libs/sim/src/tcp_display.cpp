#include "tfts/sim/tcp_display.h"

#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "tfts/client/display_messages.h"
#include "tfts/sim/simulated_display.h"
#include "tcp_socket.h"

namespace tfts::sim {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kWelcomeTimeoutS = 3.0;     // a server that accepts but never answers
constexpr size_t kLatencySamples = 100'000;  // the most recent ones are kept

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}


}  // namespace

TcpDisplay::TcpDisplay(const TcpDisplayOptions& options)
    : opt_(options), framebuffer_(options.width, options.height) {}

bool TcpDisplay::run(const std::atomic<bool>* stop) {
  const auto start = Clock::now();
  const double deadline = opt_.max_seconds > 0 ? opt_.max_seconds : 1e300;
  auto backoff = std::chrono::milliseconds(100);
  bool finished = false;
  while (true) {
    const uint64_t connects_before = stats_.connects;
    const SessionEnd end = session(stop, deadline - seconds_since(start));
    if (stats_.connects > connects_before) backoff = std::chrono::milliseconds(100);
    if (end == SessionEnd::done) {
      finished = true;
      break;
    }
    const bool out_of_time = seconds_since(start) >= deadline || (stop && *stop);
    if (!opt_.reconnect || out_of_time) {
      finished = out_of_time;
      break;
    }
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(2000));
  }
  stats_.seconds = seconds_since(start);
  return finished;
}

TcpDisplay::SessionEnd TcpDisplay::session(const std::atomic<bool>* stop, double seconds_left) {
  std::string error;
  Socket sock(connect_to(opt_.host, opt_.port, error));
  if (sock.fd() < 0) {
    stats_.last_error = error;
    return SessionEnd::failed;
  }
  const auto session_start = Clock::now();
  const client::DisplayConfig cfg{static_cast<uint16_t>(opt_.width),
                                  static_cast<uint16_t>(opt_.height), opt_.max_payload,
                                  opt_.codecs, opt_.framebuffer};
  SimulatedDisplay display(cfg);
  // Start from the pixels the panel already shows: a reconnect does not clear a panel.
  display.set_framebuffer(framebuffer_);
  const std::vector<uint8_t> hello = display.hello(opt_.name, opt_.role);
  if (!sock.send_all(hello.data(), hello.size())) {
    stats_.last_error = "sending HELLO failed";
    return SessionEnd::failed;
  }
  auto last_rx = Clock::now(), last_tx = Clock::now();
  auto frame_begin = Clock::now();
  double decode_us = 0;
  bool in_frame = false;
  bool welcomed = false;
  uint8_t buf[8192];
  uint8_t msg[32];
  auto finish = [&](SessionEnd e) {
    framebuffer_ = display.framebuffer();
    return e;
  };
  auto say_bye = [&](proto::Reason reason) {
    const size_t n = client::write_bye(msg, sizeof msg, reason);
    sock.send_all(msg, n);
  };
  while (true) {
    if ((stop && *stop) || seconds_since(session_start) >= seconds_left) {
      say_bye(proto::Reason::normal);
      return finish(SessionEnd::done);
    }
    pollfd p{sock.fd(), POLLIN, 0};
    const int ready = ::poll(&p, 1, 20);
    const auto now = Clock::now();
    if (ready > 0) {
      const ssize_t n = ::recv(sock.fd(), buf, sizeof buf, 0);
      if (n <= 0) {
        stats_.last_error = n == 0 ? "server closed the connection" : std::strerror(errno);
        return finish(SessionEnd::closed);
      }
      last_rx = now;
      stats_.bytes += static_cast<uint64_t>(n);
      size_t used = 0;
      while (used < static_cast<size_t>(n)) {
        const auto t0 = Clock::now();
        const client::FeedResult r =
            display.feed_until_event(buf + used, static_cast<size_t>(n) - used);
        decode_us += std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
        used += r.consumed;
        // A frame begins in this chunk if the decoder opened one, or finished one it had not
        // seen open (the whole frame came in one chunk).
        if (!in_frame && (display.decoder().in_frame() ||
                          r.status == client::DecodeStatus::frame_done)) {
          in_frame = true;
          frame_begin = now;
        }
        if (client::is_error(r.status)) {
          stats_.last_error = std::string("decoder: ") + client::status_name(r.status);
          say_bye(client::reason_for(r.status));
          return finish(SessionEnd::failed);
        }
        if (r.status == client::DecodeStatus::welcome) {
          welcomed = true;
          ++stats_.connects;
          stats_.session_id = display.decoder().session().session_id;
        } else if (r.status == client::DecodeStatus::bye) {
          stats_.last_error = std::string("server said bye: ") +
                              proto::reason_name(display.decoder().reason());
          return finish(SessionEnd::closed);
        } else if (r.status == client::DecodeStatus::frame_done) {
          in_frame = false;
          if (opt_.draw_delay_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(opt_.draw_delay_ms));
          }
          ++stats_.frames;
          const double ms =
              std::chrono::duration<double, std::milli>(Clock::now() - frame_begin).count();
          if (stats_.latency_ms.size() < kLatencySamples) {
            stats_.latency_ms.push_back(ms);
          } else {
            stats_.latency_ms[stats_.frames % kLatencySamples] = ms;
          }
          if (opt_.ack) {
            // No radio: rssi 127 is "unknown" (§3.1), not 0 dBm, a signal no one has.
            const client::AckStats ack{static_cast<uint32_t>(decode_us),
                                       static_cast<uint32_t>(opt_.draw_delay_ms * 1000), 0, 127};
            const size_t k = client::write_ack(msg, sizeof msg, display.decoder().frame_seq(), ack);
            if (!sock.send_all(msg, k)) return finish(SessionEnd::closed);
            last_tx = Clock::now();
          }
          decode_us = 0;
          if (opt_.max_frames > 0 && static_cast<long>(stats_.frames) >= opt_.max_frames) {
            say_bye(proto::Reason::normal);
            return finish(SessionEnd::done);
          }
        }
      }
    }
    if (!welcomed && seconds_since(session_start) > kWelcomeTimeoutS) {
      stats_.last_error = "no WELCOME from the server within 3 s";
      return finish(SessionEnd::failed);
    }
    const int keepalive = display.decoder().session().keepalive_ms;
    if (keepalive > 0 && welcomed) {
      if (now - last_tx >= std::chrono::milliseconds(keepalive)) {
        const size_t k = client::write_keepalive(msg, sizeof msg);
        if (!sock.send_all(msg, k)) return finish(SessionEnd::closed);
        last_tx = now;
      }
      if (now - last_rx > std::chrono::milliseconds(3 * keepalive)) {
        stats_.last_error = "server silent for more than 3 keepalive intervals";
        say_bye(proto::Reason::timeout);
        return finish(SessionEnd::closed);
      }
    }
  }
}

}  // namespace tfts::sim
