#include "tfts/x11/x11_source.h"

#include <xcb/damage.h>
#include <xcb/randr.h>
#include <xcb/xfixes.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <utility>

#include "connection.h"
#include "cursor_overlay.h"
#include "damage_tracker.h"
#include "image_reader.h"
#include "monitor_finder.h"
#include "x11_source_impl.h"

namespace tfts::x11 {

using source::Clock;
using source::GrabResult;

namespace {

core::Rect intersect(const core::Rect& a, const core::Rect& b) {
  const int l = std::max(a.x, b.x), t = std::max(a.y, b.y);
  const int r = std::min(a.right(), b.right()), bt = std::min(a.bottom(), b.bottom());
  if (r <= l || bt <= t) return {};
  return {l, t, r - l, bt - t};
}

std::string size_text(const core::Rect& r) {
  return std::to_string(r.w) + "x" + std::to_string(r.h);
}

}  // namespace

// Everything that lives as long as one connection. Members that refer to `conn` come after it,
// so they are destroyed first.
struct X11Source::Session {
  std::unique_ptr<Connection> conn;
  std::unique_ptr<ImageReader> reader;
  std::unique_ptr<DamageTracker> damage;
  std::unique_ptr<CursorOverlay> cursor;  // null with cursor=0
  core::Rect screen;
  bool screen_changed = false;  // a RandR or root ConfigureNotify event since the last look
};

X11Source::X11Source(X11Options options)
    : options_(std::move(options)),
      description_("x11:" + format_x11_options(options_)),
      connector_(options_.display) {}

X11Source::~X11Source() = default;

GrabResult X11Source::grab(core::RgbPlane& frame, Clock::time_point now) {
  try {
    return grab_connected(frame, now);
  } catch (const std::exception& e) {
    // Only the standard library throws here (allocation); the contract says grab() never does.
    session_.reset();
    have_frame_ = false;
    return fail(std::string("x11: capture failed: ") + e.what());
  }
}

GrabResult X11Source::fail(std::string message) {
  have_frame_ = false;
  return GrabResult::failed(std::move(message));
}

GrabResult X11Source::connect(Clock::time_point now) {
  const std::string display = "X display " + options_.display;
  if (now < next_attempt_) return GrabResult::failed(connect_error_);
  connector_.start();
  xcb_connection_t* c = nullptr;
  int screen_number = 0;
  std::string error;
  switch (connector_.poll(kConnectWait, c, screen_number, error)) {
    case Connector::Outcome::idle:
    case Connector::Outcome::pending:
      return GrabResult::failed(connect_error_.empty()
                                    ? "x11: connecting to " + display + " (no answer yet)"
                                    : connect_error_);
    case Connector::Outcome::failed:
      break;
    case Connector::Outcome::connected: {
      auto session = std::make_unique<Session>();
      session->conn = Connection::open(c, screen_number, error);
      if (session->conn && session->conn->query_screen(session->screen)) {
        Connection& conn = *session->conn;
        // The root's ConfigureNotify and RandR's events tell of a new screen size (and
        // monitors); the extensions' own objects report damage and cursor changes.
        const uint32_t mask = XCB_EVENT_MASK_STRUCTURE_NOTIFY;
        xcb_change_window_attributes(conn.get(), conn.root(), XCB_CW_EVENT_MASK, &mask);
        if (conn.extensions().randr) {
          xcb_randr_select_input(conn.get(), conn.root(),
                                 XCB_RANDR_NOTIFY_MASK_SCREEN_CHANGE |
                                     XCB_RANDR_NOTIFY_MASK_CRTC_CHANGE |
                                     XCB_RANDR_NOTIFY_MASK_OUTPUT_CHANGE);
        }
        session->reader = std::make_unique<ImageReader>(conn, options_.shm);
        session->damage = std::make_unique<DamageTracker>(conn, options_.damage);
        if (options_.cursor) session->cursor = std::make_unique<CursorOverlay>(conn);
        session_ = std::move(session);
        backoff_ = {};
        connect_error_.clear();
        return GrabResult::unchanged();
      }
      if (session->conn) error = session->conn->broken_reason();
      break;
    }
  }
  backoff_ = backoff_ == Clock::duration{} ? Clock::duration(kFirstRetry)
                                           : std::min<Clock::duration>(backoff_ * 2, kLastRetry);
  next_attempt_ = now + backoff_;
  connect_error_ = "x11: cannot open " + display + ": " + error;
  return GrabResult::failed(connect_error_);
}

GrabResult X11Source::lost(Clock::time_point now) {
  Connection& conn = *session_->conn;
  const std::string reason =
      conn.broken() ? conn.broken_reason() : std::string("the X server refused a basic request");
  connect_error_ = "x11: lost X display " + options_.display + ": " + reason + "; reconnecting";
  session_.reset();
  window_ = {};
  monitor_.reset();
  next_attempt_ = now;
  backoff_ = {};
  return fail(connect_error_);
}

void X11Source::pump_events() {
  Session& s = *session_;
  const Extensions& ext = s.conn->extensions();
  while (xcb_generic_event_t* ev = xcb_poll_for_event(s.conn->get())) {
    const uint8_t type = ev->response_type & 0x7F;
    if (type == 0) {
      // An error from a request whose reply nobody awaits (e.g. DamageSubtract on a server
      // going down); the next awaited request notices if it matters.
    } else if (ext.damage && type == ext.damage_event + XCB_DAMAGE_NOTIFY) {
      s.damage->add(*reinterpret_cast<xcb_damage_notify_event_t*>(ev));
    } else if (ext.xfixes && type == ext.xfixes_event + XCB_XFIXES_CURSOR_NOTIFY) {
      if (s.cursor) s.cursor->image_changed();
    } else if (ext.randr && (type == ext.randr_event + XCB_RANDR_SCREEN_CHANGE_NOTIFY ||
                             type == ext.randr_event + XCB_RANDR_NOTIFY)) {
      s.screen_changed = true;
    } else if (type == XCB_CONFIGURE_NOTIFY &&
               reinterpret_cast<xcb_configure_notify_event_t*>(ev)->window == s.conn->root()) {
      s.screen_changed = true;
    }
    std::free(ev);
  }
}

GrabResult X11Source::grab_connected(core::RgbPlane& frame, Clock::time_point now) {
  if (!session_) {
    GrabResult r = connect(now);
    if (!session_) return r;
  }
  Session& s = *session_;
  pump_events();
  if (s.screen_changed) {
    s.screen_changed = false;
    monitor_.reset();
    if (!s.conn->query_screen(s.screen)) return lost(now);
  }
  if (s.conn->broken()) return lost(now);

  if (s.cursor) s.cursor->request();  // travels with the window query, if any
  core::Rect area;
  GrabResult failure;
  if (!target_area(now, area, failure)) {
    return s.conn->broken() ? lost(now) : fail(std::move(failure.message));
  }

  const bool cursor_changed = s.cursor && s.cursor->update();
  if (s.conn->broken()) return lost(now);
  const bool same_area = have_frame_ && area == last_area_ && frame.width() == area.w &&
                         frame.height() == area.h;
  if (same_area && !s.damage->touches(area)) {
    if (!cursor_changed) return GrabResult::unchanged();
    // Only the pointer moved: put back what it covered and draw it at its new place. A pointer
    // moving elsewhere on the screen changes nothing here.
    const bool was_drawn = s.cursor->drawn();
    if (s.cursor->erase(frame)) {
      s.cursor->draw(frame, area.x, area.y);
      return was_drawn || s.cursor->drawn() ? GrabResult::changed() : GrabResult::unchanged();
    }
  }

  // Cleared before the pixels are read, so nothing drawn meanwhile goes unnoticed.
  s.damage->clear();
  if (frame.width() != area.w || frame.height() != area.h) frame = core::RgbPlane(area.w, area.h);
  std::string error;
  if (!s.reader->read(area, frame.view(), error)) {
    return s.conn->broken() ? lost(now) : fail("x11: " + error);
  }
  pump_events();
  s.damage->caught_up();
  if (s.cursor) {
    s.cursor->forget();
    s.cursor->draw(frame, area.x, area.y);
  }
  last_area_ = area;
  have_frame_ = true;
  return GrabResult::changed();
}

bool X11Source::target_area(Clock::time_point now, core::Rect& area, GrabResult& failure) {
  const core::Rect& screen = session_->screen;
  core::Rect base = screen;
  std::string what = "the region";
  if (!options_.monitor.empty()) {
    if (!monitor_area(now, base, failure)) return false;
    what = "the region of monitor " + options_.monitor;
  } else if (options_.wants_window()) {
    if (!window_area(now, base, failure)) return false;
    what = "window '" + window_.title + "'";
  }
  if (options_.geometry) {
    const core::Rect& g = *options_.geometry;
    base = intersect(base, {base.x + g.x, base.y + g.y, g.w, g.h});
  }
  area = intersect(base, screen);
  if (area.empty()) {
    failure = GrabResult::failed("x11: " + what + " lies outside the " + size_text(screen) +
                                 " screen");
    return false;
  }
  return true;
}

bool X11Source::monitor_area(Clock::time_point now, core::Rect& area, GrabResult& failure) {
  if (!monitor_) {
    if (now < next_search_) {
      failure = GrabResult::failed(monitor_error_);
      return false;
    }
    core::Rect rect;
    std::string error;
    if (!find_monitor(*session_->conn, options_.monitor, rect, error)) {
      next_search_ = now + kSearchInterval;
      monitor_error_ = "x11: " + error;
      failure = GrabResult::failed(monitor_error_);
      return false;
    }
    monitor_ = rect;
  }
  area = *monitor_;
  return true;
}

std::string X11Source::window_pattern() const {
  std::string text;
  if (!options_.title.empty()) text = "title " + options_.title.describe();
  if (!options_.wm_class.empty()) {
    text += (text.empty() ? "class " : " and class ") + options_.wm_class.describe();
  }
  return text;
}

bool X11Source::window_area(Clock::time_point now, core::Rect& area, GrabResult& failure) {
  Connection& conn = *session_->conn;
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (window_.id == XCB_WINDOW_NONE) {
      if (now < next_search_) break;
      next_search_ = now + kSearchInterval;
      FoundWindow found;
      if (!find_window(conn, options_.title, options_.wm_class, found)) {
        // After a close, that sentence stays until a window is found again.
        if (!window_closed_) window_error_ = "x11: no window matches " + window_pattern();
        break;
      }
      window_ = found;
    }
    switch (locate_window(conn, window_.id, area)) {
      case WindowState::visible:
        window_error_.clear();
        window_closed_ = false;
        return true;
      case WindowState::hidden: {
        window_error_ = "x11: window '" + window_.title + "' is not visible (unmapped or minimised)";
        // Another matching window may be showing meanwhile.
        FoundWindow other;
        if (now >= next_search_ &&
            find_window(conn, options_.title, options_.wm_class, other) && other.viewable) {
          window_ = other;
          next_search_ = now + kSearchInterval;
          continue;
        }
        next_search_ = std::max(next_search_, now + kSearchInterval);
        failure = GrabResult::failed(window_error_);
        return false;
      }
      case WindowState::gone:
        if (conn.broken()) return false;
        window_error_ = "x11: window '" + window_.title + "' closed; waiting for a window that " +
                        "matches " + window_pattern();
        window_closed_ = true;
        window_ = {};
        // Look again at once: a program that recreates its window should not wait.
        next_search_ = now;
        break;
    }
  }
  failure = GrabResult::failed(window_error_);
  return false;
}

std::unique_ptr<source::FrameSource> make_x11_source(X11Options options, std::string& error) {
  if (options.display.empty()) {
    const char* env = std::getenv("DISPLAY");
    if (!env || !*env) {
      error = "x11: DISPLAY is not set; name the display, e.g. x11:display=:0";
      return nullptr;
    }
    options.display = env;
  }
  return std::make_unique<X11Source>(std::move(options));
}

std::unique_ptr<source::FrameSource> make_x11_source(std::string_view argument,
                                                     std::string& error) {
  X11Options options;
  if (!parse_x11_options(argument, options, error)) return nullptr;
  return make_x11_source(std::move(options), error);
}

}  // namespace tfts::x11
