#include "tfts/sim/tcp_device.h"

#include <chrono>
#include <thread>

#include "tcp_socket.h"
#include "tfts/client/display_messages.h"
#include "tfts/codec/byte_writer.h"
#include "tfts/codec/codec_chooser.h"
#include "tfts/codec/tile_encoders.h"

namespace tfts::sim {
namespace {

using Clock = std::chrono::steady_clock;
using proto::MessageType;

// What the device core (firmware/TftStream/src/tfts/mirror) encodes: the codecs a small MCU
// produces in one or two passes without tile analysis (docs/protocol.md §4.1-4.3, §4.5).
const uint16_t kDeviceCodecs =
    proto::codec_bit(proto::Codec::fill) | proto::codec_bit(proto::Codec::raw) |
    proto::codec_bit(proto::Codec::rle) | proto::codec_bit(proto::Codec::palette_rle);

// The server's side of the conversation as far as a device needs it.
struct ServerReader {
  std::vector<uint8_t> in;
  bool welcomed = false;
  uint8_t max_in_flight = 1;
  uint16_t keepalive_ms = 2000;
  uint32_t session_id = 0;
  std::string error;  // set when the server refused, closed or sent nonsense

  // Consumes complete messages from `in`; counts ACKs and REFRESHes.
  void parse(TcpDeviceStats& stats, bool& refresh) {
    size_t pos = 0;
    while (error.empty()) {
      const size_t left = in.size() - pos;
      const uint8_t* m = in.data() + pos;
      if (!welcomed) {
        if (left < proto::kHandshakePrefixBytes) break;
        if (std::memcmp(m, proto::kMagic, 4) != 0) {
          error = "not a tftstream server (bad magic)";
          break;
        }
        const size_t body = static_cast<size_t>(m[5] << 8 | m[6]);
        if (body == 0) {  // refused: an ERROR follows
          welcomed = true;
          pos += proto::kHandshakePrefixBytes;
          continue;
        }
        if (left < proto::kHandshakePrefixBytes + body || body < 9) break;
        const uint8_t* b = m + proto::kHandshakePrefixBytes;
        max_in_flight = b[2] ? b[2] : 1;
        keepalive_ms = static_cast<uint16_t>(b[3] << 8 | b[4]);
        session_id = static_cast<uint32_t>(b[5]) << 24 | b[6] << 16 | b[7] << 8 | b[8];
        welcomed = true;
        pos += proto::kHandshakePrefixBytes + body;
        continue;
      }
      if (left == 0) break;
      const auto type = static_cast<MessageType>(m[0]);
      if (type == MessageType::ack) {
        if (left < proto::kAckBytes) break;
        ++stats.acks;
        pos += proto::kAckBytes;
      } else if (type == MessageType::refresh || type == MessageType::keepalive) {
        if (type == MessageType::refresh) refresh = true;
        pos += 1;
      } else if (type == MessageType::error || type == MessageType::bye) {
        if (left < 3 || left < 3u + m[2]) break;
        error = std::string("server ") + (type == MessageType::bye ? "said bye: " : "error: ") +
                proto::reason_name(static_cast<proto::Reason>(m[1]));
        if (m[2]) error += " (" + std::string(reinterpret_cast<const char*>(m + 3), m[2]) + ")";
      } else {
        error = "unexpected message type " + std::to_string(m[0]) + " from the server";
      }
    }
    in.erase(in.begin(), in.begin() + static_cast<long>(pos));
  }
};

// Appends RECTs for columns [x0, x1) of rows [y0, y1) of `picture`, in bands whose raw
// payload fits max_payload.
void append_area(const core::Rgb565Plane& picture, int x0, int x1, int y0, int y1,
                 uint32_t max_payload, std::vector<uint8_t>& out) {
  const int w = x1 - x0;
  const int band = std::max(1, static_cast<int>(max_payload / (2u * static_cast<uint32_t>(w))));
  codec::TileStats stats;
  codec::VectorWriter wr(out);
  for (int y = y0; y < y1; y += band) {
    const int h = std::min(band, y1 - y);
    const auto view = picture.view().crop(x0, y, w, h);
    codec::analyse_tile(view, stats);
    const proto::Codec c = codec::choose_codec(stats, kDeviceCodecs);
    wr.u8(static_cast<uint8_t>(MessageType::rect));
    wr.u8(static_cast<uint8_t>(c));
    wr.be16(static_cast<uint16_t>(x0));
    wr.be16(static_cast<uint16_t>(y));
    wr.be16(static_cast<uint16_t>(w));
    wr.be16(static_cast<uint16_t>(h));
    wr.be32(static_cast<uint32_t>(stats.payload_bytes[static_cast<size_t>(c)]));
    codec::encode_payload(c, view, stats, wr);
  }
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
  const client::DisplayConfig cfg{static_cast<uint16_t>(w), static_cast<uint16_t>(h),
                                  opt_.max_payload, kDeviceCodecs, false};
  std::vector<uint8_t> out(client::kHelloMaxBytes);
  out.resize(client::write_hello(out.data(), out.size(), cfg, opt_.name.c_str(), 0,
                                 proto::Role::source));
  if (out.empty() || !sock.send_all(out.data(), out.size())) {
    stats_.last_error = out.empty() ? "bad name or size for a HELLO" : "sending HELLO failed";
    return false;
  }

  ServerReader server;
  bool refresh = false;
  auto last_tx = Clock::now();
  // Reads what the server sent within `wait_ms`; false when the session is over.
  const auto pump = [&](int wait_ms) {
    pollfd p{sock.fd(), POLLIN, 0};
    if (::poll(&p, 1, wait_ms) == 1) {
      uint8_t buf[4096];
      const ssize_t n = ::recv(sock.fd(), buf, sizeof buf, 0);
      if (n <= 0) {
        server.error = "server closed the connection";
        return false;
      }
      server.in.insert(server.in.end(), buf, buf + n);
      server.parse(stats_, refresh);
    }
    if (server.welcomed && Clock::now() - last_tx > std::chrono::milliseconds(server.keepalive_ms)) {
      const uint8_t keepalive = static_cast<uint8_t>(MessageType::keepalive);
      if (!sock.send_all(&keepalive, 1)) server.error = "send failed";
      last_tx = Clock::now();
    }
    return server.error.empty() && !(stop && *stop);
  };
  const auto deadline = Clock::now() + std::chrono::seconds(3);
  while (!server.welcomed || server.session_id == 0) {
    if (!pump(20)) break;
    if (Clock::now() > deadline) server.error = "no WELCOME from the server within 3 s";
  }
  stats_.session_id = server.session_id;

  core::Rgb565Plane shown;  // what the server holds once everything sent is decoded
  const auto send_frame = [&](const core::Rgb565Plane& picture, bool full) {
    // Wait for credit, as a device must (§2.4).
    while (stats_.frames - stats_.acks >= server.max_in_flight) {
      if (!pump(20)) return false;
    }
    std::vector<uint8_t> frame;
    codec::VectorWriter wr(frame);
    const uint32_t seq = static_cast<uint32_t>(stats_.frames);
    wr.u8(static_cast<uint8_t>(MessageType::frame_begin));
    wr.be32(seq);
    for (int y = 0; y < h; y += opt_.strip_rows) {
      const int y1 = std::min(h, y + opt_.strip_rows);
      int x0 = 0, x1 = w;
      if (full || changed_columns(picture, shown, y, y1, x0, x1)) {
        append_area(picture, x0, x1, y, y1, opt_.max_payload, frame);
      }
    }
    wr.u8(static_cast<uint8_t>(MessageType::frame_end));
    wr.be32(seq);
    if (!sock.send_all(frame.data(), frame.size())) {
      server.error = "send failed";
      return false;
    }
    last_tx = Clock::now();
    stats_.bytes += frame.size();
    ++stats_.frames;
    shown = picture;
    return true;
  };

  const auto interval = std::chrono::duration<double>(1.0 / std::max(0.1, opt_.fps));
  bool ok = server.error.empty();
  for (size_t i = 0; ok && i < opt_.pictures.size(); ++i) {
    ok = send_frame(opt_.pictures[i], i == 0);
    const auto next = Clock::now() + std::chrono::duration_cast<Clock::duration>(interval);
    while (ok && Clock::now() < next) ok = pump(5);
    if (ok && refresh) {
      refresh = false;
      ++stats_.refreshes;
      ok = send_frame(shown, true);
    }
  }
  const auto hold_until =
      Clock::now() + std::chrono::duration_cast<Clock::duration>(
                         std::chrono::duration<double>(opt_.hold_seconds));
  while (ok && Clock::now() < hold_until) {
    ok = pump(20);
    if (ok && refresh) {
      refresh = false;
      ++stats_.refreshes;
      ok = send_frame(shown, true);
    }
  }
  if (!server.error.empty()) {
    stats_.last_error = server.error;
    return false;
  }
  uint8_t bye[3];
  sock.send_all(bye, client::write_bye(bye, sizeof bye, proto::Reason::normal));
  return true;
}

}  // namespace tfts::sim
