#include "tfts/server/legacy_connection.h"

#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

namespace tfts::server {

namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {
// Enough for a few packets in the kernel, small enough that latency stays near one frame.
constexpr int kSendBufferBytes = 32 * 1024;
// The seed firmware has no keepalive; a write making no progress this long means it is gone.
constexpr auto kWriteTimeout = 10s;
}  // namespace

LegacyConnection::LegacyConnection(asio::ip::tcp::socket socket, FeedFanout& fanout,
                                   int max_packet, LeaveFn leave)
    : socket_(std::move(socket)),
      watchdog_(socket_.get_executor()),
      fanout_(fanout),
      session_(fanout.feed()->width(), fanout.feed()->height(), max_packet),
      leave_(std::move(leave)) {
  boost::system::error_code ec;
  const auto ep = socket_.remote_endpoint(ec);
  peer_ = ec ? "unknown peer" : ep.address().to_string() + ":" + std::to_string(ep.port());
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  socket_.set_option(asio::socket_base::send_buffer_size(kSendBufferBytes), ec);
}

void LegacyConnection::start() {
  spdlog::info("legacy display {}: connected ({}x{})", peer_, session_.width(), session_.height());
  read_some();
  arm_watchdog();
  fanout_.add(*this);
}

void LegacyConnection::read_some() {
  socket_.async_read_some(asio::buffer(discard_),
                          [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                            if (self->closed_) return;
                            if (ec) {
                              self->close(ec == asio::error::eof ? "the display closed the connection"
                                                                 : "read failed: " + ec.message());
                              return;
                            }
                            self->read_some();
                          });
}

void LegacyConnection::deliver(const ScreenFramePtr& frame, const pipeline::TileMask& damage) {
  session_.offer(frame, damage);
  pump();
}

void LegacyConnection::pump() {
  if (writing_ || closed_ || !session_.ready()) return;
  batch_.clear();
  if (session_.next_batch(batch_) == 0) return;
  writing_ = true;
  write_started_ = std::chrono::steady_clock::now();
  // The completion condition runs after every partial write: the clock measures progress.
  auto progress = [self = shared_from_this()](const boost::system::error_code& ec, size_t) -> size_t {
    self->write_started_ = std::chrono::steady_clock::now();
    return ec ? 0 : 65536;
  };
  asio::async_write(socket_, asio::buffer(batch_), progress,
                    [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
                      self->writing_ = false;
                      if (self->closed_) return;
                      if (ec) return self->close("write failed: " + ec.message());
                      self->pump();
                    });
}

void LegacyConnection::arm_watchdog() {
  watchdog_.expires_after(1s);
  watchdog_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->closed_) return;
    if (self->writing_ && std::chrono::steady_clock::now() - self->write_started_ > kWriteTimeout) {
      self->close("the display stopped reading");
      return;
    }
    self->arm_watchdog();
  });
}

void LegacyConnection::close(const std::string& why) {
  if (closed_) return;
  closed_ = true;
  spdlog::info("legacy display {}: disconnected: {} ({} packets sent)", peer_, why,
               session_.packets_sent());
  watchdog_.cancel();
  boost::system::error_code ec;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  leave_(*this);
}

}  // namespace tfts::server
