#include "tfts/sim/tcp_device.h"

#include <chrono>
#include <cstring>
#include <thread>

#include "tcp_socket.h"
#include "tfts/mirror/tfts_mirror.h"
#include "tfts/proto/wire.h"

namespace tfts::sim {
namespace {

using Clock = std::chrono::steady_clock;

// Room for a whole changed picture: the loopback socket takes it at once, so a well-behaved
// virtual device never has to drop (a real one may, and the core handles that).
constexpr size_t kSendBuffer = 512 * 1024;

size_t sock_write(void* user, const uint8_t* p, size_t n) {
  const ssize_t r = ::send(*static_cast<int*>(user), p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
  return r > 0 ? static_cast<size_t>(r) : 0;
}

int sock_read(void* user, uint8_t* buf, size_t cap) {
  const ssize_t r = ::recv(*static_cast<int*>(user), buf, cap, MSG_DONTWAIT);
  if (r > 0) return static_cast<int>(r);
  if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
  return -1;
}

uint32_t now_ms() {
  return static_cast<uint32_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                   Clock::now().time_since_epoch())
                                   .count());
}

// The columns [x0, x1) where rows [y0, y1) of `a` and `b` differ; false when they do not. LVGL
// flushes the areas it invalidated, not whole rows: a strip's changed columns are the closest
// a picture sequence gets to that.
bool changed_columns(const core::Rgb565Plane& a, const core::Rgb565Plane& b, int y0, int y1,
                     int& x0, int& x1) {
  x0 = a.width();
  x1 = 0;
  for (int y = y0; y < y1; ++y) {
    const uint16_t* ra = a.row(y);
    const uint16_t* rb = b.row(y);
    for (int x = 0; x < x0; ++x) {
      if (ra[x] != rb[x]) {
        x0 = x;
        break;
      }
    }
    for (int x = a.width() - 1; x >= x1; --x) {
      if (ra[x] != rb[x]) {
        x1 = x + 1;
        break;
      }
    }
  }
  return x0 < x1;
}

std::string close_text(const tfts_mirror_t& m) {
  const auto reason = static_cast<proto::Reason>(tfts_mirror_peer_reason(&m));
  switch (tfts_mirror_close_reason(&m)) {
    case TFTS_MIRROR_CLOSE_REFUSED:
      return std::string("server refused: ") + proto::reason_name(reason);
    case TFTS_MIRROR_CLOSE_PEER_ERROR:
      return std::string("server error: ") + proto::reason_name(reason);
    case TFTS_MIRROR_CLOSE_PEER_BYE:
      return std::string("server said bye: ") + proto::reason_name(reason);
    case TFTS_MIRROR_CLOSE_DISCONNECTED:
      return "server closed the connection";
    case TFTS_MIRROR_CLOSE_TIMEOUT:
      return "no WELCOME, or the server went silent";
    case TFTS_MIRROR_CLOSE_PROTOCOL:
      return "the server sent something invalid";
    default:
      return "session closed";
  }
}

}  // namespace

TcpDevice::TcpDevice(TcpDeviceOptions options) : opt_(std::move(options)) {}

bool TcpDevice::run(const std::atomic<bool>* stop) {
  if (opt_.pictures.empty()) {
    stats_.last_error = "no pictures to send";
    return false;
  }
  const int w = opt_.pictures[0].width(), h = opt_.pictures[0].height();
  std::string error;
  Socket sock(connect_to(opt_.host, opt_.port, error));
  if (sock.fd() < 0) {
    stats_.last_error = error;
    return false;
  }
  // The device core itself (firmware/TftStream/src/tfts/mirror), as an LVGL device runs it.
  int fd = sock.fd();
  std::vector<uint8_t> buffer(kSendBuffer);
  tfts_mirror_t m;
  tfts_mirror_config_t cfg{};
  cfg.width = static_cast<uint16_t>(w);
  cfg.height = static_cast<uint16_t>(h);
  cfg.name = opt_.name.c_str();
  cfg.max_payload = opt_.max_payload;
  cfg.buf = buffer.data();
  cfg.buf_size = buffer.size();
  cfg.write = sock_write;
  cfg.read = sock_read;
  cfg.user = &fd;
  if (!tfts_mirror_init(&m, &cfg)) {
    stats_.last_error = "the device core refuses this size, name or payload limit";
    return false;
  }
  tfts_mirror_start(&m, now_ms());
  const tfts_mirror_stats_t* s = tfts_mirror_stats(&m);

  // Polls until `done` or `until`; false once the session is over or the caller stops it.
  const auto poll_until = [&](Clock::time_point until, auto done) {
    while (true) {
      if (tfts_mirror_poll(&m, now_ms()) == TFTS_MIRROR_CLOSED) return false;
      if (stop && *stop) return false;
      if (done() || Clock::now() >= until) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  const auto never = [] { return false; };
  const core::Rgb565Plane* shown = nullptr;  // what the server holds
  // Flushes `picture` in strips as LVGL's partial mode does: whole when `full`, else only the
  // changed part of each strip. Nothing changed: no flush at all, as LVGL would do.
  const auto flush = [&](const core::Rgb565Plane& picture, bool full) {
    struct Area {
      int x0, x1, y0, y1;
    };
    std::vector<Area> areas;
    for (int y = 0; y < h; y += opt_.strip_rows) {
      const int y1 = std::min(h, y + opt_.strip_rows);
      int x0 = 0, x1 = w;
      if (full || changed_columns(picture, *shown, y, y1, x0, x1)) areas.push_back({x0, x1, y, y1});
    }
    for (size_t i = 0; i < areas.size(); ++i) {
      const Area& a = areas[i];
      tfts_mirror_flush(&m, static_cast<uint16_t>(a.x0), static_cast<uint16_t>(a.y0),
                        static_cast<uint16_t>(a.x1 - a.x0), static_cast<uint16_t>(a.y1 - a.y0),
                        reinterpret_cast<const uint8_t*>(picture.row(a.y0) + a.x0),
                        static_cast<size_t>(w) * 2, TFTS_MIRROR_RGB565, i + 1 == areas.size());
    }
    shown = &picture;
  };
  const auto answer_refresh = [&] {
    if (!tfts_mirror_take_refresh(&m)) return;
    flush(shown ? *shown : opt_.pictures[0], true);
  };

  // The first picture goes whole once the core says the link is up (its first refresh).
  bool ok = poll_until(Clock::now() + std::chrono::seconds(3),
                       [&] { return tfts_mirror_take_refresh(&m); });
  ok = ok && tfts_mirror_state(&m) == TFTS_MIRROR_STREAMING;
  if (ok) flush(opt_.pictures[0], true);
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(1.0 / std::max(0.1, opt_.fps)));
  for (size_t i = 1; ok && i <= opt_.pictures.size(); ++i) {
    ok = poll_until(Clock::now() + interval, never);
    // A well-behaved device: everything sent is acknowledged before the next picture, so none
    // is dropped for lack of credit.
    ok = ok && poll_until(Clock::now() + std::chrono::seconds(5), [&] {
           return s->frames_acked == s->frames_sent && tfts_mirror_pending(&m) == 0;
         });
    if (ok) answer_refresh();
    if (ok && i < opt_.pictures.size()) flush(opt_.pictures[i], false);
  }
  const auto hold_until = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(opt_.hold_seconds));
  while (ok && Clock::now() < hold_until) {
    ok = poll_until(std::min(hold_until, Clock::now() + std::chrono::milliseconds(20)), never);
    if (ok) answer_refresh();
  }
  stats_.frames = s->frames_sent;
  stats_.acks = s->frames_acked;
  stats_.refreshes = s->refresh_requests;
  stats_.bytes = s->bytes_written;
  if (tfts_mirror_state(&m) == TFTS_MIRROR_CLOSED) {
    stats_.last_error = close_text(m);
    return false;
  }
  if (!ok && !(stop && *stop)) {
    stats_.last_error = "no WELCOME from the server within 3 s, or ACKs stopped coming";
    return false;
  }
  tfts_mirror_close(&m);
  return true;
}

}  // namespace tfts::sim
