#include "tfts/server/display_connection.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

namespace tfts::server {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {
// A HELLO is one small message: a display that has not sent it by then is not a display.
std::chrono::milliseconds handshake_timeout(std::chrono::milliseconds keepalive) {
  return std::max<std::chrono::milliseconds>(1s, 3 * keepalive);
}
}  // namespace

DisplayConnection::DisplayConnection(asio::ip::tcp::socket socket, ConnectionHost& host,
                                     int keepalive_ms)
    : socket_(std::move(socket)),
      watchdog_(socket_.get_executor()),
      host_(host),
      keepalive_(keepalive_ms) {
  boost::system::error_code ec;
  const auto ep = socket_.remote_endpoint(ec);
  peer_ = ec ? "unknown peer" : ep.address().to_string() + ":" + std::to_string(ep.port());
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
}

std::string DisplayConnection::who() const {
  if (!session_) return "connection from " + peer_;
  return "display '" + session_->hello().name + "' (" + peer_ + ", session " +
         std::to_string(session_->id()) + ")";
}

void DisplayConnection::start() {
  started_ = last_rx_ = last_tx_ = Clock::now();
  asio::co_spawn(socket_.get_executor(), read_loop(),
                 [self = shared_from_this()](std::exception_ptr e) {
                   if (!e) return;
                   try {
                     std::rethrow_exception(e);
                   } catch (const std::exception& ex) {
                     self->close_now(std::string("internal error: ") + ex.what());
                   }
                 });
  arm_watchdog();
}

asio::awaitable<void> DisplayConnection::read_loop() {
  auto self = shared_from_this();
  std::array<uint8_t, 4096> buf;
  HelloReader hello;
  while (!closed_ && !closing_) {
    boost::system::error_code ec;
    const size_t n = co_await socket_.async_read_some(
        asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    if (closed_ || closing_) co_return;  // a reason was sent; nothing read now matters
    if (ec) {
      close_now(ec == asio::error::eof ? "the display closed the connection"
                                       : "read failed: " + ec.message());
      co_return;
    }
    last_rx_ = Clock::now();
    std::span<const uint8_t> chunk(buf.data(), n);
    if (!session_) {
      chunk = chunk.subspan(hello.consume(chunk));
      if (hello.state() == HelloReader::State::failed) {
        spdlog::warn("{}: bad handshake: {}", who(), hello.error());
        count_error(hello.reason());
        control_.push_back(make_refusal(hello.reason(), hello.error()));
        closing_ = true;
        close_note_ = "bad handshake: " + hello.error();
        pump();
        co_return;
      }
      if (hello.state() != HelloReader::State::done) continue;
      if (hello.hello().role == proto::Role::source) {
        hand_over_source(hello.hello(), chunk);
        co_return;
      }
      on_hello(hello.hello());
      if (closing_) co_return;
    }
    if (chunk.empty()) continue;
    if (!session_->receive(chunk, last_rx_)) {
      if (session_->peer_closed()) {
        // A display that says ERROR reports its own failure (e.g. a corrupt payload); a BYE is
        // a goodbye, whatever its reason.
        if (session_->peer_reported_error()) count_error(session_->close_reason());
        close_now(session_->close_text());
      } else {
        spdlog::warn("{}: {}", who(), session_->close_text());
        count_error(session_->close_reason());
        close_with(proto::MessageType::error, session_->close_reason(), session_->close_text());
      }
      co_return;
    }
    pump();  // an ACK may have opened the credit window
  }
}

void DisplayConnection::on_hello(const Hello& hello) {
  admission_ = host_.admit(hello);
  if (!admission_.fanout) {
    spdlog::warn("{}: refused display '{}': {}", who(), hello.name, admission_.refusal);
    control_.push_back(make_refusal(admission_.refusal_reason, admission_.refusal));
    closing_ = true;
    close_note_ = "refused: " + admission_.refusal;
    pump();
    return;
  }
  session_.emplace(admission_.session_id, hello, admission_.settings);
  session_->set_metrics(admission_.metrics);
  spdlog::info("{}: connected, {}x{}, max payload {}, codecs 0x{:02x}{}, on screen '{}'", who(),
               hello.width, hello.height, hello.max_payload, session_->caps().codecs,
               hello.framebuffer ? ", framebuffer" : "", admission_.screen);
  control_.push_back(make_welcome(session_->caps().codecs,
                                  admission_.settings.max_in_flight,
                                  static_cast<int>(keepalive_.count()), session_->id()));
  admission_.fanout->add(*this);  // delivers the current frame, if any
  pump();
}

void DisplayConnection::hand_over_source(const Hello& hello, std::span<const uint8_t> early) {
  closed_ = true;  // this object is done; the socket lives on in the host's source connection
  watchdog_.cancel();
  host_.adopt_source(std::move(socket_), peer_, hello,
                     std::vector<uint8_t>(early.begin(), early.end()));
  host_.leave(*this, nullptr);
}

void DisplayConnection::deliver(const ScreenFramePtr& frame, const pipeline::TileMask& damage) {
  if (!session_ || closed_) return;
  session_->offer(frame, damage);
  pump();
}

void DisplayConnection::move_to(FeedFanout& fanout, const std::string& screen,
                                DisplayMetrics* metrics) {
  spdlog::info("{}: moved from screen '{}' to '{}'", who(), admission_.screen, screen);
  admission_.fanout = &fanout;
  admission_.screen = screen;
  admission_.metrics = metrics;
  session_->set_metrics(metrics);
  session_->switch_feed();
  fanout.add(*this);  // delivers the current frame, if any
  pump();
}

void DisplayConnection::pump() {
  if (writing_ || closed_) return;
  if (!control_.empty()) {
    Bytes b = std::move(control_.front());
    control_.pop_front();
    write_bytes(std::move(b));
    return;
  }
  if (closing_) {
    close_now(close_note_);
    return;
  }
  // Encoding happens here, at send time, from the newest frame: nothing stale is ever queued.
  // An encode may find nothing to send (a lossy one within its bound); the session then wants
  // an exact refinement at once, so try again (at most twice: the retry is exact).
  const auto now = Clock::now();
  while (session_ && session_->ready(now)) {
    if (auto frame = session_->next_frame(admission_.fanout->cache(), now)) {
      write_frame(*frame);
      return;
    }
  }
}

// A completion condition that notes each partial write: a display reading slowly is not a
// display that stopped reading.
std::function<size_t(const boost::system::error_code&, size_t)> DisplayConnection::progress() {
  return [self = shared_from_this()](const boost::system::error_code& ec, size_t) -> size_t {
    self->write_started_ = Clock::now();
    return ec ? 0 : 65536;
  };
}

void DisplayConnection::write_frame(const OutgoingFrame& frame) {
  writing_ = true;
  write_started_ = frame_write_started_ = Clock::now();
  writing_frame_ = frame;
  const Bytes& body = frame.encoded->bytes;
  const std::array<asio::const_buffer, 3> buffers{
      asio::buffer(writing_frame_.begin),
      asio::buffer(body.data() + 5, body.size() - 10),
      asio::buffer(writing_frame_.end)};
  asio::async_write(socket_, buffers, progress(),
                    [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                      self->on_written(ec, n);
                    });
}

void DisplayConnection::write_bytes(Bytes bytes) {
  writing_ = true;
  write_started_ = Clock::now();
  writing_bytes_ = std::move(bytes);
  asio::async_write(socket_, asio::buffer(writing_bytes_), progress(),
                    [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                      self->on_written(ec, n);
                    });
}

void DisplayConnection::on_written(const boost::system::error_code& ec, size_t) {
  writing_ = false;
  const bool was_frame = writing_frame_.encoded != nullptr;
  writing_frame_.encoded.reset();
  if (closed_) return;
  if (ec) {
    close_now("write failed: " + ec.message());
    return;
  }
  last_tx_ = Clock::now();
  if (was_frame && admission_.metrics) {
    admission_.metrics->screen->send->observe(
        std::chrono::duration<double>(last_tx_ - frame_write_started_).count());
  }
  pump();
}

void DisplayConnection::close_with(proto::MessageType type, proto::Reason reason,
                                   const std::string& text) {
  if (closed_ || closing_) return;
  control_.push_back(make_close_message(type, reason, text));
  closing_ = true;
  close_note_ = text;
  pump();
}

void DisplayConnection::shutdown(proto::Reason reason, const std::string& text) {
  if (closed_ || closing_) return;
  if (!session_) {
    // Still in the handshake: the display expects a WELCOME or a refusal, not a bare BYE.
    control_.push_back(make_refusal(reason, text));
    closing_ = true;
    close_note_ = text;
    pump();
    return;
  }
  close_with(proto::MessageType::bye, reason, text);  // after the frame being written, if any
}

void DisplayConnection::close_now(const std::string& why) {
  if (closed_) return;
  closed_ = true;
  if (session_) {
    const SessionStats& s = session_->stats();
    spdlog::info("{}: disconnected: {} ({} frames sent, {} acked, {} bytes)", who(), why,
                 s.frames_sent, s.frames_acked, s.bytes_sent);
  } else {
    spdlog::info("{}: closed before the handshake finished: {}", who(), why);
  }
  watchdog_.cancel();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  host_.leave(*this, session_ ? admission_.fanout : nullptr);
}

void DisplayConnection::count_error(proto::Reason reason) {
  // A display that stops reading after a timeout was counted would be counted again when its
  // ERROR cannot be written either.
  if (error_counted_) return;
  error_counted_ = true;
  host_.protocol_error(session_ ? &*session_ : nullptr, session_ ? admission_.screen : "", reason);
}

std::chrono::milliseconds DisplayConnection::watchdog_tick() const {
  return std::max<std::chrono::milliseconds>(keepalive_ / 4, 25ms);
}

void DisplayConnection::arm_watchdog() {
  watchdog_.expires_after(watchdog_tick());
  watchdog_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec && !self->closed_) self->on_watchdog();
  });
}

void DisplayConnection::on_watchdog() {
  const auto now = Clock::now();
  const auto silence = 3 * keepalive_;
  if (writing_ && now - write_started_ > silence) {
    spdlog::warn("{}: stopped reading (a write has made no progress for {} ms)", who(),
                 std::chrono::duration_cast<std::chrono::milliseconds>(now - write_started_).count());
    count_error(proto::Reason::timeout);
    close_now("the display stopped reading");
    return;
  }
  if (!session_ && !closing_ && now - started_ > handshake_timeout(keepalive_)) {
    spdlog::warn("{}: no complete HELLO within {} ms", who(), handshake_timeout(keepalive_).count());
    count_error(proto::Reason::timeout);
    control_.push_back(make_refusal(proto::Reason::timeout, "no HELLO in time"));
    closing_ = true;
    close_note_ = "no HELLO in time";
    pump();
    if (!closed_) arm_watchdog();
    return;
  }
  const auto unacked = session_ ? session_->oldest_unacked_since() : std::nullopt;
  if (session_ && !closing_ && unacked && now - *unacked > 5 * keepalive_) {
    // Alive (it may send KEEPALIVE) but not drawing: it will never open its credit window.
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - *unacked).count();
    spdlog::warn("{}: no ACK for {} ms", who(), ms);
    count_error(proto::Reason::timeout);
    close_with(proto::MessageType::error, proto::Reason::timeout,
               "no ACK for " + std::to_string(ms) + " ms");
  } else if (session_ && !closing_ && now - last_rx_ > silence) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_rx_).count();
    spdlog::warn("{}: silent for {} ms", who(), ms);
    count_error(proto::Reason::timeout);
    close_with(proto::MessageType::error, proto::Reason::timeout,
               "silent for " + std::to_string(ms) + " ms");
  } else if (session_ && !writing_ && control_.empty() &&
             now - last_tx_ >= keepalive_ - watchdog_tick()) {
    control_.push_back({static_cast<uint8_t>(proto::MessageType::keepalive)});
    pump();
  }
  if (!closed_) arm_watchdog();
}

}  // namespace tfts::server
