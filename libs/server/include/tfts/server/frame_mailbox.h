// Latest-wins hand-over of screen frames from a screen's thread to the network thread (design
// principle 3). The producer never waits: put() replaces a frame nobody has taken yet, and ORs
// its damage in, so the consumer always gets the newest frame together with everything that
// changed since it last took one. Memory stays bounded at one waiting frame.
#pragma once

#include <mutex>
#include <optional>

#include "tfts/server/screen_frame.h"

namespace tfts::server {

struct MailboxTake {
  ScreenFramePtr frame;
  pipeline::TileMask damage;  // union of the damage of every frame put since the last take
};

class FrameMailbox {
 public:
  // Returns true when the mailbox was empty, i.e. the consumer needs a wake-up.
  bool put(ScreenFramePtr frame) {
    std::lock_guard lock(mutex_);
    const bool was_empty = !waiting_;
    if (was_empty) {
      damage_ = frame->damage;
    } else {
      damage_ |= frame->damage;
    }
    waiting_ = std::move(frame);
    return was_empty;
  }

  // The newest frame and the merged damage, or nothing when no frame waits.
  std::optional<MailboxTake> take() {
    std::lock_guard lock(mutex_);
    if (!waiting_) return std::nullopt;
    MailboxTake t{std::move(waiting_), std::move(damage_)};
    waiting_.reset();
    return t;
  }

 private:
  std::mutex mutex_;
  ScreenFramePtr waiting_;
  pipeline::TileMask damage_;
};

}  // namespace tfts::server
