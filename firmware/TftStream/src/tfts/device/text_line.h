// TextLine: a fixed-size, always NUL-terminated line of text built from pieces, for the
// status screen and the last-error text. Freestanding: no snprintf (it would pull in the C
// library's formatter, several KB of flash on the device). Text that does not fit is cut.
#ifndef TFTS_DEVICE_TEXT_LINE_H
#define TFTS_DEVICE_TEXT_LINE_H

#include <stddef.h>
#include <stdint.h>

namespace tfts {
namespace device {

class TextLine {
 public:
  // `buf` (cap >= 1 bytes) is borrowed; the line starts empty.
  TextLine(char* buf, size_t cap) : buf_(buf), cap_(cap), len_(0) { buf_[0] = '\0'; }

  TextLine& add(const char* s) {
    if (!s) return *this;
    while (*s && len_ + 1 < cap_) buf_[len_++] = *s++;
    buf_[len_] = '\0';
    return *this;
  }
  TextLine& add(uint32_t v) {
    char digits[10];
    size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0 && len_ + 1 < cap_) buf_[len_++] = digits[--n];
    buf_[len_] = '\0';
    return *this;
  }
  const char* c_str() const { return buf_; }

 private:
  char* buf_;
  size_t cap_;
  size_t len_;
};

}  // namespace device
}  // namespace tfts

#endif
