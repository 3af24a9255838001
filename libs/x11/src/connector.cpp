#include "connector.h"

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <utility>

#include "connection.h"

namespace tfts::x11 {

// The one piece of state whose lifetime is really shared (style §4): the attempt's thread is
// detached, because a hung server could keep it in xcb_connect() longer than the source lives.
struct Connector::Attempt {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  bool abandoned = false;
  xcb_connection_t* c = nullptr;
  int screen = 0;
};

namespace {

// xcb_connect() reads the Xauthority file through libXau, whose XauFileName() formats
// $HOME/.Xauthority into a static buffer when $XAUTHORITY is not set: two connects at once race
// on it (ThreadSanitizer found it with two sources connecting). Connects are serialized then.
// The price: a connect that hangs delays other x11 sources' connects (never their grabs).
std::mutex xauth_mutex;

xcb_connection_t* connect_display(const std::string& display, int& screen) {
  if (std::getenv("XAUTHORITY")) return xcb_connect(display.c_str(), &screen);
  std::lock_guard lock(xauth_mutex);
  return xcb_connect(display.c_str(), &screen);
}

}  // namespace

Connector::Connector(std::string display) : display_(std::move(display)) {}

Connector::~Connector() {
  if (!attempt_) return;
  std::lock_guard lock(attempt_->mutex);
  if (attempt_->done) {
    if (attempt_->c) xcb_disconnect(attempt_->c);
  } else {
    attempt_->abandoned = true;
  }
}

void Connector::start() {
  if (attempt_) return;
  attempt_ = std::make_shared<Attempt>();
  std::thread([attempt = attempt_, display = display_] {
    int screen = 0;
    xcb_connection_t* c = connect_display(display, screen);
    std::lock_guard lock(attempt->mutex);
    if (attempt->abandoned) {
      xcb_disconnect(c);
      return;
    }
    attempt->c = c;
    attempt->screen = screen;
    attempt->done = true;
    attempt->done_cv.notify_all();
  }).detach();
}

Connector::Outcome Connector::poll(std::chrono::milliseconds wait, xcb_connection_t*& c,
                                   int& screen, std::string& error) {
  if (!attempt_) return Outcome::idle;
  {
    std::unique_lock lock(attempt_->mutex);
    if (!attempt_->done_cv.wait_for(lock, wait, [this] { return attempt_->done; })) {
      return Outcome::pending;
    }
  }
  // The thread is finished with the attempt: no lock needed from here on.
  std::shared_ptr<Attempt> attempt = std::move(attempt_);
  const int code = xcb_connection_has_error(attempt->c);
  if (code != 0) {
    xcb_disconnect(attempt->c);
    error = connection_error_text(code);
    return Outcome::failed;
  }
  c = attempt->c;
  screen = attempt->screen;
  return Outcome::connected;
}

}  // namespace tfts::x11
