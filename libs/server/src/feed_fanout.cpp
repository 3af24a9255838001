#include "tfts/server/feed_fanout.h"

#include <algorithm>

namespace tfts::server {

void FeedFanout::add(FeedMember& member) {
  members_.push_back(&member);
  if (current_) member.deliver(current_, current_->damage);
}

void FeedFanout::remove(FeedMember& member) { std::erase(members_, &member); }

void FeedFanout::pull() {
  auto taken = feed_->mailbox().take();
  if (!taken) return;
  current_ = std::move(taken->frame);
  // Members may leave while being delivered to (a write fails): iterate over a copy.
  const std::vector<FeedMember*> members = members_;
  for (FeedMember* m : members) {
    if (std::find(members_.begin(), members_.end(), m) != members_.end()) {
      m->deliver(current_, taken->damage);
    }
  }
}

}  // namespace tfts::server
