// Helpers for end-to-end server tests in one process: a running Server on loopback with an
// ephemeral port, raw sockets for misbehaving clients, and the frame a display should end on.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tfts/core/png_io.h"
#include "tfts/pipeline/screen_pipeline.h"
#include "tfts/server/server.h"

namespace tfts::server::testing {

inline config::ServerConfig loopback_config(const std::string& source, bool loop = true) {
  config::ServerConfig cfg;
  cfg.bind = "127.0.0.1";
  cfg.port = 0;
  cfg.http_bind = "127.0.0.1";
  cfg.http_port = 0;
  cfg.keepalive_ms = 200;  // short, so timeouts happen within a test
  cfg.log_level = "warn";
  config::ScreenConfig main;
  main.name = "main";
  main.source = source;
  main.loop = loop;
  cfg.screens["main"] = main;
  cfg.legacy.bind = "127.0.0.1";
  cfg.legacy.port = 0;
  return cfg;
}

// A Server started on loopback; stopped when it goes out of scope.
class RunningServer {
 public:
  explicit RunningServer(const config::ServerConfig& cfg) {
    std::string error;
    server_ = Server::create(cfg, error);
    EXPECT_TRUE(server_) << error;
    if (server_) {
      EXPECT_TRUE(server_->start(error)) << error;
    }
  }
  ~RunningServer() {
    if (server_) server_->stop();
  }
  Server& operator*() { return *server_; }
  Server* operator->() { return server_.get(); }
  uint16_t port() const { return server_->display_port(); }

 private:
  std::unique_ptr<Server> server_;
};

// What the server's pipeline makes of a PNG for a display of w x h (default screen settings).
inline core::Rgb565Plane expected_target(const std::string& png, int w, int h) {
  core::RgbPlane src;
  std::string error;
  EXPECT_TRUE(core::load_png(png, src, error)) << error;
  pipeline::ScreenPipeline p({w, h, {}, false});
  return p.process(src.view());
}

// A blocking TCP client for tests that misbehave on purpose.
class RawClient {
 public:
  explicit RawClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawClient() { close(); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  int fd() const { return fd_; }
  bool send(const std::vector<uint8_t>& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Reads until the peer closes or `timeout` passes; returns what arrived.
  std::vector<uint8_t> read_until_closed(std::chrono::milliseconds timeout, bool* closed = nullptr) {
    std::vector<uint8_t> out;
    const auto end = std::chrono::steady_clock::now() + timeout;
    uint8_t buf[4096];
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        if (closed) *closed = true;
        return out;
      }
      out.insert(out.end(), buf, buf + n);
    }
    if (closed) *closed = false;
    return out;
  }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// Polls `done` every 20 ms for at most `limit`; true when it became true.
template <typename Pred>
bool eventually(Pred done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

}  // namespace tfts::server::testing
