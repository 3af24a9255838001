#include "tfts/server/source_connection.h"

#include <array>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

namespace tfts::server {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

SourceConnection::SourceConnection(asio::ip::tcp::socket socket, std::string peer,
                                   uint32_t session_id, const Hello& hello, int max_in_flight,
                                   std::vector<uint8_t> early, source::DeviceRegistry& devices,
                                   std::chrono::milliseconds keepalive, GoneFn gone)
    : socket_(std::move(socket)),
      watchdog_(socket_.get_executor()),
      drained_(socket_.get_executor()),
      peer_(std::move(peer)),
      session_(session_id, hello, max_in_flight, static_cast<int>(keepalive.count())),
      early_(std::move(early)),
      devices_(devices),
      keepalive_(keepalive),
      gone_(std::move(gone)) {}

std::string SourceConnection::who() const {
  return "device '" + session_.hello().name + "' (" + peer_ + ", session " +
         std::to_string(session_.id()) + ")";
}

void SourceConnection::start() {
  last_rx_ = last_tx_ = Clock::now();
  const Hello& h = session_.hello();
  spdlog::info("{}: mirroring its {}x{} screen", who(), h.width, h.height);
  devices_.connected(h.name, session_.id());
  send(session_.welcome());
  if (!early_.empty() && !take(early_)) return;
  early_.clear();
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

asio::awaitable<void> SourceConnection::read_loop() {
  auto self = shared_from_this();
  std::array<uint8_t, 16384> buf;
  while (!closed_ && !closing_) {
    boost::system::error_code ec;
    while (queued_bytes_ > kMaxQueued && !closed_) {
      drained_.expires_at(std::chrono::steady_clock::time_point::max());
      co_await drained_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (closed_ || closing_) co_return;
    const size_t n = co_await socket_.async_read_some(
        asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    if (closed_ || closing_) co_return;
    if (ec) {
      close_now(ec == asio::error::eof ? "the device closed the connection"
                                       : "read failed: " + ec.message());
      co_return;
    }
    last_rx_ = Clock::now();
    if (!take({buf.data(), n})) co_return;
  }
}

bool SourceConnection::take(std::span<const uint8_t> bytes) {
  const bool alive = session_.receive(bytes);
  if (session_.take_new_picture()) {
    devices_.publish(session_.hello().name, session_.id(),
                     std::make_shared<const core::Rgb565Plane>(session_.picture()));
  }
  if (!session_.output().empty()) {
    send(std::move(session_.output()));
    session_.output().clear();
  }
  if (alive) return true;
  if (session_.peer_closed()) {
    close_now(session_.close_text());
  } else {
    spdlog::warn("{}: {}", who(), session_.close_text());
    close_with(proto::MessageType::error, session_.close_reason(), session_.close_text());
  }
  return false;
}

void SourceConnection::send(Bytes bytes) {
  if (closed_ || bytes.empty()) return;
  queued_bytes_ += bytes.size();
  queue_.push_back(std::move(bytes));
  pump();
}

void SourceConnection::pump() {
  if (writing_ || closed_) return;
  if (queue_.empty()) {
    if (closing_) close_now(close_note_);
    return;
  }
  writing_bytes_ = std::move(queue_.front());
  queue_.pop_front();
  writing_ = true;
  asio::async_write(socket_, asio::buffer(writing_bytes_),
                    [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                      self->writing_ = false;
                      self->queued_bytes_ -= self->writing_bytes_.size();
                      if (self->queued_bytes_ <= kMaxQueued) self->drained_.cancel();
                      if (self->closed_) return;
                      if (ec) return self->close_now("write failed: " + ec.message());
                      self->last_tx_ = Clock::now();
                      self->pump();
                    });
}

void SourceConnection::request_refresh() {
  if (closed_ || closing_) return;
  session_.request_refresh();
  send(std::move(session_.output()));
  session_.output().clear();
}

void SourceConnection::shutdown(proto::Reason reason, const std::string& text) {
  close_with(proto::MessageType::bye, reason, text);
}

void SourceConnection::close_with(proto::MessageType type, proto::Reason reason,
                                  const std::string& text) {
  if (closed_ || closing_) return;
  send(make_close_message(type, reason, text));
  closing_ = true;
  close_note_ = text;
  pump();
}

void SourceConnection::close_now(const std::string& why) {
  if (closed_) return;
  closed_ = true;
  const SourceStats& s = session_.stats();
  spdlog::info("{}: disconnected: {} ({} frames, {} bytes)", who(), why, s.frames, s.bytes);
  devices_.disconnected(session_.hello().name, session_.id());
  watchdog_.cancel();
  drained_.cancel();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  gone_(*this);
}

void SourceConnection::arm_watchdog() {
  watchdog_.expires_after(std::max<std::chrono::milliseconds>(keepalive_ / 4,
                                                              std::chrono::milliseconds(25)));
  watchdog_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (!ec && !self->closed_) self->on_watchdog();
  });
}

void SourceConnection::on_watchdog() {
  const auto now = Clock::now();
  if (writing_ && now - last_tx_ > 3 * keepalive_) {
    close_now("the device stopped reading");
    return;
  }
  if (!closing_ && now - last_rx_ > 3 * keepalive_) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - last_rx_).count();
    spdlog::warn("{}: silent for {} ms", who(), ms);
    close_with(proto::MessageType::error, proto::Reason::timeout,
               "silent for " + std::to_string(ms) + " ms");
  } else if (!closing_ && !writing_ && queue_.empty() && now - last_tx_ >= keepalive_) {
    send({static_cast<uint8_t>(proto::MessageType::keepalive)});
  }
  if (!closed_) arm_watchdog();
}

}  // namespace tfts::server
