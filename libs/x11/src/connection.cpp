#include "connection.h"

#include <poll.h>
#include <xcb/xcbext.h>
#include <xcb/damage.h>
#include <xcb/randr.h>
#include <xcb/shm.h>
#include <xcb/xfixes.h>

#include <cstring>

namespace tfts::x11 {
namespace {

using SteadyClock = std::chrono::steady_clock;

xcb_screen_t* nth_screen(const xcb_setup_t* setup, int n) {
  for (auto it = xcb_setup_roots_iterator(setup); it.rem; xcb_screen_next(&it), --n) {
    if (n == 0) return it.data;
  }
  return nullptr;
}

}  // namespace

std::string connection_error_text(int code) {
  switch (code) {
    case XCB_CONN_CLOSED_EXT_NOTSUPPORTED:
      return "the server lacks a required extension";
    case XCB_CONN_CLOSED_MEM_INSUFFICIENT:
      return "out of memory";
    case XCB_CONN_CLOSED_REQ_LEN_EXCEED:
      return "a request was too long for the server";
    case XCB_CONN_CLOSED_PARSE_ERR:
      return "not a valid display name";
    case XCB_CONN_CLOSED_INVALID_SCREEN:
      return "the display has no such screen";
    case XCB_CONN_CLOSED_FDPASSING_FAILED:
      return "passing a file descriptor failed";
    default:
      return "no X server answers there, or it refused the connection (check DISPLAY and "
             "XAUTHORITY)";
  }
}

std::unique_ptr<Connection> Connection::open(xcb_connection_t* c, int screen_number,
                                             std::string& error) {
  std::unique_ptr<Connection> conn(new Connection(c));
  if (!conn->init(screen_number, error)) return nullptr;
  return conn;
}

Connection::~Connection() { xcb_disconnect(c_); }

bool Connection::init(int screen_number, std::string& error) {
  screen_ = nth_screen(xcb_get_setup(c_), screen_number);
  if (!screen_) {
    error = "the display has no screen " + std::to_string(screen_number);
    return false;
  }
  if (!root_pixel_layout(xcb_get_setup(c_), screen_, layout_, error)) return false;
  if (!init_extensions()) {
    error = broken_reason_.empty() ? "the server did not answer" : broken_reason_;
    return false;
  }
  return true;
}

bool Connection::init_extensions() {
  xcb_prefetch_extension_data(c_, &xcb_shm_id);
  xcb_prefetch_extension_data(c_, &xcb_damage_id);
  xcb_prefetch_extension_data(c_, &xcb_xfixes_id);
  xcb_prefetch_extension_data(c_, &xcb_randr_id);
  const auto name_cookie = xcb_intern_atom(c_, 0, 12, "_NET_WM_NAME");
  const auto utf8_cookie = xcb_intern_atom(c_, 0, 11, "UTF8_STRING");
  // Replies come in request order: once the atoms are here, so are the QueryExtension replies,
  // and xcb_get_extension_data() below no longer waits.
  const auto name = await<xcb_intern_atom_reply_t>(name_cookie);
  const auto utf8 = await<xcb_intern_atom_reply_t>(utf8_cookie);
  if (!name || !utf8) return false;
  net_wm_name_ = name->atom;
  utf8_string_ = utf8->atom;

  const auto present = [this](xcb_extension_t* id) {
    const xcb_query_extension_reply_t* r = xcb_get_extension_data(c_, id);
    return r && r->present ? r : nullptr;
  };
  const auto* shm = present(&xcb_shm_id);
  const auto* damage = present(&xcb_damage_id);
  const auto* xfixes = present(&xcb_xfixes_id);
  const auto* randr = present(&xcb_randr_id);
  ext_.shm = shm != nullptr;
  // DAMAGE and XFIXES must be told the client's version before any other request.
  xcb_damage_query_version_cookie_t damage_cookie{};
  xcb_xfixes_query_version_cookie_t xfixes_cookie{};
  xcb_randr_query_version_cookie_t randr_cookie{};
  if (xfixes) xfixes_cookie = xcb_xfixes_query_version(c_, 5, 0);
  if (damage) damage_cookie = xcb_damage_query_version(c_, 1, 1);
  if (randr) randr_cookie = xcb_randr_query_version(c_, 1, 5);
  if (xfixes) {
    const auto v = await<xcb_xfixes_query_version_reply_t>(xfixes_cookie);
    ext_.xfixes = v != nullptr;
    ext_.xfixes_event = xfixes->first_event;
  }
  if (damage) {
    // DAMAGE needs XFIXES (regions) on the server side; both come together in practice.
    const auto v = await<xcb_damage_query_version_reply_t>(damage_cookie);
    ext_.damage = v != nullptr;
    ext_.damage_event = damage->first_event;
  }
  if (randr) {
    const auto v = await<xcb_randr_query_version_reply_t>(randr_cookie);
    ext_.randr = v && (v->major_version > 1 || v->minor_version >= 2);
    ext_.randr_monitors = v && (v->major_version > 1 || v->minor_version >= 5);
    ext_.randr_event = randr->first_event;
  }
  return !broken();
}

void* Connection::await(unsigned sequence, xcb_generic_error_t** error) {
  if (error) *error = nullptr;
  if (broken()) return nullptr;
  if (xcb_flush(c_) <= 0) {
    broken();
    return nullptr;
  }
  const auto deadline = SteadyClock::now() + kReplyTimeout;
  for (;;) {
    void* reply = nullptr;
    xcb_generic_error_t* e = nullptr;
    if (xcb_poll_for_reply(c_, sequence, &reply, &e)) {
      if (error) {
        *error = e;
      } else {
        std::free(e);
      }
      return reply;
    }
    if (broken()) return nullptr;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - SteadyClock::now());
    if (left.count() <= 0) {
      broken_reason_ = "the X server did not answer within " +
                       std::to_string(kReplyTimeout.count()) + " ms";
      return nullptr;
    }
    pollfd p{xcb_get_file_descriptor(c_), POLLIN, 0};
    ::poll(&p, 1, static_cast<int>(left.count()) + 1);
  }
}

bool Connection::check(xcb_void_cookie_t cookie) {
  // A round trip after the request: once its reply is here, the request was processed and
  // xcb_request_check() answers without waiting.
  if (!await<xcb_get_input_focus_reply_t>(xcb_get_input_focus(c_))) return false;
  xcb_generic_error_t* e = xcb_request_check(c_, cookie);
  const bool ok = e == nullptr;
  std::free(e);
  return ok;
}

bool Connection::query_screen(core::Rect& screen) {
  const auto g = await<xcb_get_geometry_reply_t>(xcb_get_geometry(c_, screen_->root));
  if (!g) return false;
  screen = {0, 0, g->width, g->height};
  return true;
}

bool Connection::broken() {
  if (!broken_reason_.empty()) return true;
  const int code = xcb_connection_has_error(c_);
  if (code == 0) return false;
  broken_reason_ = code == XCB_CONN_ERROR ? std::string("the connection to the X server broke")
                                          : connection_error_text(code);
  return true;
}

}  // namespace tfts::x11
