// TxQueue: the few bytes the display has to say (HELLO, ACK, KEEPALIVE, BYE) waiting for the
// transport, because a WiFiClient write may be short. Small and fixed: a display sends at
// most one ACK per frame plus a keepalive, so if this fills up the link is stalled and the
// client reconnects rather than buffering more. Freestanding.
#ifndef TFTS_DEVICE_TX_QUEUE_H
#define TFTS_DEVICE_TX_QUEUE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tfts/device/transport.h"

namespace tfts {
namespace device {

class TxQueue {
 public:
  static const size_t kCapacity = 128;  // > a HELLO (54) + a few ACKs (18 each)

  TxQueue() : len_(0) {}

  // Appends a whole message or nothing; false when it does not fit.
  bool push(const uint8_t* data, size_t n) {
    if (n == 0 || n > kCapacity - len_) return false;
    memcpy(buf_ + len_, data, n);
    len_ += n;
    return true;
  }
  // Hands what it can to the transport; the rest stays for the next call.
  void flush(Transport& t) {
    if (len_ == 0) return;
    size_t sent = t.write(buf_, len_);
    if (sent > len_) sent = len_;
    memmove(buf_, buf_ + sent, len_ - sent);
    len_ -= sent;
  }
  size_t pending() const { return len_; }
  void clear() { len_ = 0; }

 private:
  uint8_t buf_[kCapacity];
  size_t len_;
};

}  // namespace device
}  // namespace tfts

#endif
