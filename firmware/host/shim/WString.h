// A minimal Arduino String for the host (IPAddress::toString() returns one). Sketches should
// not need more; the library itself never uses String.
#ifndef TFTS_HOST_SHIM_WSTRING_H
#define TFTS_HOST_SHIM_WSTRING_H

#include <stdio.h>

#include <string>

class String {
 public:
  String() {}
  String(const char* s) : s_(s ? s : "") {}  // NOLINT: implicit, as Arduino's
  String(const std::string& s) : s_(s) {}    // NOLINT
  explicit String(int v) : s_(std::to_string(v)) {}
  explicit String(unsigned v) : s_(std::to_string(v)) {}
  explicit String(long v) : s_(std::to_string(v)) {}
  explicit String(unsigned long v) : s_(std::to_string(v)) {}

  const char* c_str() const { return s_.c_str(); }
  unsigned int length() const { return static_cast<unsigned int>(s_.size()); }
  bool isEmpty() const { return s_.empty(); }
  String& operator+=(const String& o) { s_ += o.s_; return *this; }
  String& operator+=(const char* o) { s_ += o; return *this; }
  friend String operator+(const String& a, const String& b) { return String(a.s_ + b.s_); }
  friend String operator+(const String& a, const char* b) { return String(a.s_ + b); }
  friend String operator+(const char* a, const String& b) { return String(a + b.s_); }
  bool operator==(const String& o) const { return s_ == o.s_; }
  bool operator==(const char* o) const { return s_ == o; }

 private:
  std::string s_;
};

#endif
