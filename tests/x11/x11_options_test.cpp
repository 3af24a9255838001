// The x11 argument grammar (tfts/x11/x11_options.h): what parses, what is refused and how.
#include "tfts/x11/x11_options.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tfts/x11/x11_source.h"

namespace tfts::x11 {
namespace {

X11Options parse_ok(const std::string& text) {
  X11Options o;
  std::string error;
  EXPECT_TRUE(parse_x11_options(text, o, error)) << text << ": " << error;
  return o;
}

std::string parse_error(const std::string& text) {
  X11Options o;
  std::string error;
  EXPECT_FALSE(parse_x11_options(text, o, error)) << text;
  return error;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(X11Options, EmptyIsTheWholeDefaultScreen) {
  const X11Options o = parse_ok("");
  EXPECT_TRUE(o.display.empty());
  EXPECT_FALSE(o.geometry);
  EXPECT_TRUE(o.monitor.empty());
  EXPECT_FALSE(o.wants_window());
  EXPECT_TRUE(o.cursor && o.shm && o.damage);
}

TEST(X11Options, EveryKey) {
  const X11Options o = parse_ok("display=:1 ; geometry=640x480+100+50;cursor=0; shm=off;damage=no");
  EXPECT_EQ(o.display, ":1");
  ASSERT_TRUE(o.geometry);
  EXPECT_EQ(*o.geometry, (core::Rect{100, 50, 640, 480}));
  EXPECT_FALSE(o.cursor);
  EXPECT_FALSE(o.shm);
  EXPECT_FALSE(o.damage);
  EXPECT_EQ(parse_ok("geometry=320X200").geometry, (core::Rect{0, 0, 320, 200}));
  EXPECT_EQ(parse_ok("monitor=HDMI-1").monitor, "HDMI-1");
  EXPECT_EQ(parse_ok("display=:0.1").display, ":0.1");
  EXPECT_EQ(parse_ok("display=localhost:10.0").display, "localhost:10.0");
}

TEST(X11Options, WindowTitleAndClass) {
  X11Options o = parse_ok("window=Editor - notes.txt;class=gedit");
  EXPECT_TRUE(o.title.matches("Untitled Editor - notes.txt (saved)"));
  EXPECT_FALSE(o.title.matches("editor - notes.txt"));
  EXPECT_TRUE(o.wm_class.matches("gedit"));
  EXPECT_EQ(o.title.describe(), "'Editor - notes.txt'");

  o = parse_ok("window=/^term.*[0-9]$/i");
  EXPECT_TRUE(o.title.matches("Terminal 2"));
  EXPECT_FALSE(o.title.matches("Terminal"));
  EXPECT_EQ(o.title.describe(), "/^term.*[0-9]$/i");

  // A regex may contain ';' and '/'; the option after it still counts.
  o = parse_ok("window=/a;b|c\\/d/;cursor=0");
  EXPECT_TRUE(o.title.matches("xa;by"));
  EXPECT_TRUE(o.title.matches("c/d"));
  EXPECT_FALSE(o.cursor);

  // Escapes in plain text: "\;" and a leading "\/".
  o = parse_ok("window=a\\;b;class=\\/usr/bin");
  EXPECT_TRUE(o.title.matches("xa;b"));
  EXPECT_TRUE(o.wm_class.matches("/usr/bin/thing"));
}

TEST(X11Options, FormatRoundTrips) {
  for (const char* text :
       {"", "display=:1", "display=:1;window=Editor;geometry=10x20+3+4;cursor=0",
        "monitor=DP-2;shm=0;damage=0", "window=/a;b/i;class=x\\;y", "class=\\/bin"}) {
    const X11Options o = parse_ok(text);
    const std::string formatted = format_x11_options(o);
    const X11Options again = parse_ok(formatted);
    EXPECT_EQ(format_x11_options(again), formatted) << text;
  }
  EXPECT_EQ(format_x11_options(parse_ok(" cursor = 0 ; display = :2 ")), "display=:2;cursor=0");
}

TEST(X11Options, ClearErrors) {
  EXPECT_TRUE(contains(parse_error("displa=:1"), "unknown option 'displa'"));
  EXPECT_TRUE(contains(parse_error("displa=:1"), "keys: display, geometry"));
  EXPECT_TRUE(contains(parse_error(":1"), "option ':1' is not KEY=VALUE"));
  EXPECT_TRUE(contains(parse_error("cursor"), "is not KEY=VALUE"));
  EXPECT_TRUE(contains(parse_error("display="), "display= needs a display name"));
  EXPECT_TRUE(contains(parse_error("cursor=maybe"), "cursor='maybe' is not 0 or 1"));
  EXPECT_TRUE(contains(parse_error("cursor=1;cursor=0"), "'cursor' is given twice"));
  for (const char* g : {"geometry=640", "geometry=0x480", "geometry=640x480+1", "geometry=x480",
                        "geometry=640x480+-1+0", "geometry=640x480+1+2+3", "geometry=99999x1"}) {
    EXPECT_TRUE(contains(parse_error(g), "is not WxH or WxH+X+Y")) << g;
  }
  EXPECT_TRUE(contains(parse_error("window="), "window= needs a text or a /REGEX/"));
  EXPECT_TRUE(contains(parse_error("window=/abc"), "without its closing '/'"));
  EXPECT_TRUE(contains(parse_error("window=/(abc/"), "not a valid regex"));
  EXPECT_TRUE(contains(parse_error("window=//"), "empty regex"));
  EXPECT_TRUE(contains(parse_error("monitor=HDMI-1;class=xterm"), "cannot be combined"));
  EXPECT_TRUE(contains(parse_error("monitor="), "monitor= needs"));
}

TEST(X11Options, MakeSourceValidatesButDoesNotConnect) {
  std::string error;
  EXPECT_FALSE(make_x11_source("geometry=1x", error));
  EXPECT_TRUE(contains(error, "geometry '1x'"));
  // A display that does not exist is not an error yet: grab() reports it (and retries).
  auto s = make_x11_source("display=:399;window=/x/", error);
  ASSERT_TRUE(s) << error;
  EXPECT_EQ(s->describe(), "x11:display=:399;window=/x/");
}

TEST(X11Options, NoDisplayAnywhere) {
  const char* saved = std::getenv("DISPLAY");
  const std::string keep = saved ? saved : "";
  unsetenv("DISPLAY");
  std::string error;
  EXPECT_FALSE(make_x11_source("", error));
  EXPECT_TRUE(contains(error, "DISPLAY is not set")) << error;
  setenv("DISPLAY", ":7", 1);
  auto s = make_x11_source("", error);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->describe(), "x11:display=:7");
  if (saved) {
    setenv("DISPLAY", keep.c_str(), 1);
  } else {
    unsetenv("DISPLAY");
  }
}

}  // namespace
}  // namespace tfts::x11
