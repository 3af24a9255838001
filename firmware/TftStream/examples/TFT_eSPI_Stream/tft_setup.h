// TFT_eSPI panel and pin setup for this sketch, without editing the TFT_eSPI library.
//
// TFT_eSPI reads its configuration at compile time, normally from User_Setup.h inside the
// library folder (edited in place, lost on every library update, shared by every sketch).
// Two no-edit mechanisms exist; this example supports both:
//
//  1. PlatformIO (recommended): firmware/platformio.ini passes -DUSER_SETUP_LOADED=1 plus the
//     driver and pin defines in build_flags. USER_SETUP_LOADED makes TFT_eSPI skip its own
//     User_Setup_Select.h, and build_flags reach the library's own .cpp too. This file is then
//     skipped (guard below).
//  2. Arduino IDE / arduino-cli: TFT_eSPI 2.5+ includes <tft_setup.h> when the compiler can
//     find it (__has_include in TFT_eSPI.h). The library is compiled separately from the
//     sketch, so the sketch folder must be on its include path: add the line
//         build.extra_flags=-I{build.source.path}
//     to a platform.local.txt next to the ESP32 core's platform.txt (TFT_eSPI's
//     "Sketch_with_tft_setup" example describes this), or pass it with arduino-cli:
//         --build-property "build.extra_flags=-I<this sketch folder>"
//     Without it TFT_eSPI silently uses its default User_Setup.h (an ILI9341 on other pins):
//     the sketch compiles but the screen stays dark.
//
// The values below: an ST7789 240x320 SPI module on an ESP32-C3 DevKitM-1. Change them to
// your panel and wiring (README.md, "Wiring").
#ifndef USER_SETUP_LOADED

#define USER_SETUP_INFO "tftstream example: ST7789 240x320, ESP32-C3"

#define ST7789_DRIVER
#define TFT_WIDTH 240
#define TFT_HEIGHT 320
// #define TFT_INVERSION_ON   // many ST7789 modules need this if black shows as white
// #define TFT_RGB_ORDER TFT_BGR  // if red and blue are swapped (a panel order, not a byte order)

#define TFT_MISO -1
#define TFT_MOSI 7
#define TFT_SCLK 6
#define TFT_CS 10
#define TFT_DC 2
#define TFT_RST 3
#define TFT_BL 4
#define TFT_BACKLIGHT_ON HIGH

#define LOAD_GLCD   // font 1, used if font 2 is not loaded
#define LOAD_FONT2  // font 2, the status screen's font

#define SPI_FREQUENCY 40000000

#endif  // USER_SETUP_LOADED
