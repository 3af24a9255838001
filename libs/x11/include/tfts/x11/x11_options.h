// What an `x11` source captures, parsed from the text after "x11:" in a source spec.
//
// Grammar (options separated by ';', in any order, each at most once; spaces around an option,
// its key and its value are ignored; an empty argument captures the whole default screen):
//
//   x11[:OPTION[;OPTION]...]
//   display=NAME        the X display, e.g. :1 or :0.1 (default: $DISPLAY)
//   geometry=WxH[+X+Y]  a region of W x H pixels at X,Y (default 0,0), relative to the top-left
//                       corner of what is captured: the screen, the monitor or the window
//   monitor=NAME        a RandR monitor or output by its exact name, e.g. HDMI-1
//   window=TEXT         the topmost visible window whose title (_NET_WM_NAME, else WM_NAME)
//                       contains TEXT (case-sensitive)
//   window=/REGEX/[i]   ... whose title matches the ECMAScript REGEX (i: ignoring case)
//   class=TEXT|/REGEX/[i]  ... whose WM_CLASS (instance or class name) contains or matches it
//   cursor=0|1          composite the mouse pointer in (default 1)
//   shm=0|1             use MIT-SHM when the display offers it (default 1)
//   damage=0|1          skip idle frames with XDamage (default 1; 0 reads every frame)
//
// window= and class= may be combined (a window must match both); neither combines with
// monitor=. Inside a plain TEXT, "\;" stands for ';' and "\\" for '\', and a TEXT that starts
// with '/' must be written "\/..." (else it is read as a REGEX). A REGEX runs to the '/' that is
// followed by the end, by ';' or by "i;"/"i" at the end, so it may contain ';'.
// Booleans also accept on/off, true/false and yes/no.
//
// Examples:  x11   x11:display=:1   x11:geometry=640x480+100+50   x11:monitor=HDMI-1
//            x11:window=Editor;cursor=0   x11:class=/^(xterm|URxvt)$/i   x11:window=\/tmp - Files
#pragma once

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

#include "tfts/core/rect.h"

namespace tfts::x11 {

/// A title or class pattern: a plain substring, or a regex (searched, not fully matched).
class TextMatch {
 public:
  TextMatch() = default;
  static TextMatch substring(std::string text);
  /// Null (and a sentence in `error`) when `pattern` is not a valid ECMAScript regex.
  static std::optional<TextMatch> regex(std::string pattern, bool ignore_case, std::string& error);

  bool empty() const { return text_.empty() && !regex_; }
  /// True when `text` contains the substring or the regex finds a match in it. A regex that
  /// exhausts the library's limits counts as no match.
  bool matches(std::string_view text) const;
  /// For messages: 'Editor' or /edit.*/i.
  std::string describe() const;

 private:
  std::string text_;  // the substring, or the regex's source
  std::shared_ptr<const std::regex> regex_;  // shared: options are copied, regexes are not cheap
  bool ignore_case_ = false;
};

struct X11Options {
  std::string display;                 // empty: $DISPLAY, resolved by make_x11_source
  std::optional<core::Rect> geometry;  // relative to the screen, monitor or window
  std::string monitor;                 // empty: not a monitor
  TextMatch title;                     // window= (empty: no title condition)
  TextMatch wm_class;                  // class=
  bool cursor = true;
  bool shm = true;
  bool damage = true;

  bool wants_window() const { return !title.empty() || !wm_class.empty(); }
};

/// Parses the argument of an `x11` spec (the grammar above). On failure returns false and a
/// sentence naming the offending option in `error`; `out` is then unspecified.
[[nodiscard]] bool parse_x11_options(std::string_view argument, X11Options& out,
                                     std::string& error);

/// The options written back in the grammar above (canonical order; defaults left out), so
/// that parse_x11_options(format_x11_options(o)) gives `o` again.
std::string format_x11_options(const X11Options& options);

}  // namespace tfts::x11
