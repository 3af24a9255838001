// FakeTransport: a scripted tfts::device::Transport for the StreamClient tests. Connects succeed
// or fail as scripted, the test queues the server's bytes, and everything the client writes is
// kept per connection. read() returns 0 when nothing is queued and -1 once a scripted close is
// reached, as WiFiClient does. Single-threaded, like the client.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "tfts/device/transport.h"

namespace tfts::device::test {

class FakeTransport final : public Transport {
 public:
  struct ConnectCall {
    std::string host;
    uint16_t port = 0;
    uint32_t timeout_ms = 0;
    bool ok = false;
  };

  // Outcomes of the next connect() calls, in order; once the script is used up, connects succeed.
  void script_connects(std::initializer_list<bool> outcomes) {
    outcomes_.insert(outcomes_.end(), outcomes.begin(), outcomes.end());
  }
  // Server -> client bytes: appended to the open connection's input, or kept for the next
  // connection when none is open (so a test can script the answer to a HELLO in advance).
  void queue(std::span<const uint8_t> bytes) { rx_.insert(rx_.end(), bytes.begin(), bytes.end()); }
  // The server closes: read() returns -1 once the queued bytes have been read.
  void close_after_queued() { closing_ = true; }
  // Most bytes per read() / write() (1: one byte at a time).
  void set_read_limit(size_t n) { read_limit_ = n; }
  void set_write_limit(size_t n) { write_limit_ = n; }

  bool connect(const char* host, uint16_t port, uint32_t timeout_ms) override {
    bool ok = true;
    if (!outcomes_.empty()) {
      ok = outcomes_.front();
      outcomes_.pop_front();
    }
    connects_.push_back({host ? host : "", port, timeout_ms, ok});
    if (ok) {
      open_ = true;
      written_.emplace_back();
    }
    return ok;
  }
  int read(uint8_t* buf, size_t cap) override {
    if (!open_) return -1;
    if (rx_.empty()) return closing_ ? -1 : 0;
    const size_t n = std::min({cap, read_limit_, rx_.size(), size_t{1} << 20});
    std::copy_n(rx_.begin(), n, buf);
    rx_.erase(rx_.begin(), rx_.begin() + static_cast<std::ptrdiff_t>(n));
    return static_cast<int>(n);
  }
  size_t write(const uint8_t* data, size_t len) override {
    if (!open_) return 0;
    const size_t n = std::min(len, write_limit_);
    written_.back().insert(written_.back().end(), data, data + n);
    return n;
  }
  bool connected() override { return open_; }
  // Ends the connection; its unread input is gone (a later queue() is for the next one).
  void stop() override {
    if (open_) ++stops_;
    open_ = false;
    closing_ = false;
    rx_.clear();
  }

  bool is_open() const { return open_; }
  int stops() const { return stops_; }
  size_t pending_input() const { return rx_.size(); }
  const std::vector<ConnectCall>& connects() const { return connects_; }
  // Successful connections so far, and what the client wrote on each.
  size_t connections() const { return written_.size(); }
  const std::vector<uint8_t>& written(size_t connection) const { return written_.at(connection); }

 private:
  std::deque<bool> outcomes_;
  std::deque<uint8_t> rx_;
  bool closing_ = false;
  bool open_ = false;
  int stops_ = 0;
  size_t read_limit_ = std::numeric_limits<size_t>::max();
  size_t write_limit_ = std::numeric_limits<size_t>::max();
  std::vector<ConnectCall> connects_;
  std::vector<std::vector<uint8_t>> written_;
};

}  // namespace tfts::device::test
