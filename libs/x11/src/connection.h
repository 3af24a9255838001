// One open X connection with what the capture needs to know about it: the screen, its pixel
// layout, which extensions it has (MIT-SHM, DAMAGE, XFIXES, RANDR) and two atoms. Every reply is
// awaited with a time limit, so a hung X server costs at most kReplyTimeout and then marks the
// connection broken instead of blocking the screen's thread for ever.
#pragma once

#include <xcb/xcb.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>

#include "pixel_layout.h"
#include "tfts/core/rect.h"

namespace tfts::x11 {

// Replies and errors from xcb are malloc'd; the caller frees them.
struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};
template <typename T>
using Reply = std::unique_ptr<T, FreeDeleter>;

struct Extensions {
  bool shm = false;
  bool damage = false;
  bool xfixes = false;
  bool randr = false;           // 1.2 or later: outputs, screen change events
  bool randr_monitors = false;  // 1.5 or later: GetMonitors
  uint8_t damage_event = 0;     // first event code of each extension
  uint8_t xfixes_event = 0;
  uint8_t randr_event = 0;
};

class Connection {
 public:
  // A server that does not answer a request within this time is taken as hung: the connection
  // is dropped and opened again (a local capture answers in well under a millisecond, a
  // 1920x1080 GetImage over a slow link in tens of milliseconds).
  static constexpr std::chrono::milliseconds kReplyTimeout{500};

  /// Takes ownership of `c` (from xcb_connect, screen number `screen_number`) and reads the
  /// setup and the extensions. Null with a sentence in `error` when the screen cannot be
  /// captured (no such screen, unsupported visual, server hung). `c` is disconnected then.
  static std::unique_ptr<Connection> open(xcb_connection_t* c, int screen_number,
                                          std::string& error);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  xcb_connection_t* get() const { return c_; }
  xcb_window_t root() const { return screen_->root; }
  const PixelLayout& layout() const { return layout_; }
  const Extensions& extensions() const { return ext_; }
  xcb_atom_t net_wm_name() const { return net_wm_name_; }
  xcb_atom_t utf8_string() const { return utf8_string_; }

  /// The reply to request `sequence`, or null: on an X error (then in `error`, if given), or
  /// when the connection broke or timed out (then broken() is true).
  void* await(unsigned sequence, xcb_generic_error_t** error = nullptr);
  template <typename T, typename Cookie>
  Reply<T> await(Cookie cookie, xcb_generic_error_t** error = nullptr) {
    return Reply<T>(static_cast<T*>(await(cookie.sequence, error)));
  }
  /// Waits (bounded) until a checked request without reply has been processed; true when it
  /// succeeded.
  bool check(xcb_void_cookie_t cookie);

  /// The root window's current size, asked of the server (it changes with RandR).
  bool query_screen(core::Rect& screen);

  /// True once the connection failed or the server stopped answering; why, as a sentence.
  bool broken();
  const std::string& broken_reason() const { return broken_reason_; }

 private:
  explicit Connection(xcb_connection_t* c) : c_(c) {}
  bool init(int screen_number, std::string& error);
  bool init_extensions();

  xcb_connection_t* c_;
  xcb_screen_t* screen_ = nullptr;
  PixelLayout layout_;
  Extensions ext_;
  xcb_atom_t net_wm_name_ = XCB_ATOM_NONE;
  xcb_atom_t utf8_string_ = XCB_ATOM_NONE;
  std::string broken_reason_;
};

/// A sentence for xcb_connection_has_error()'s code.
std::string connection_error_text(int code);

}  // namespace tfts::x11
