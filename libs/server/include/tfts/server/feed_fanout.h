// The network side of one ScreenFeed: the sessions that show it, the newest frame, and the
// encode cache they share. When the screen's thread wakes it, it takes the newest frame from
// the feed's mailbox and hands it, with the merged damage, to every member. Network thread only.
#pragma once

#include <memory>
#include <vector>

#include "tfts/server/encode_cache.h"
#include "tfts/server/screen_feed.h"

namespace tfts::server {

class FeedMember {
 public:
  virtual ~FeedMember() = default;
  // A newer frame of the feed and what changed since the previous one delivered.
  virtual void deliver(const ScreenFramePtr& frame, const pipeline::TileMask& damage) = 0;
};

class FeedFanout {
 public:
  explicit FeedFanout(std::shared_ptr<ScreenFeed> feed) : feed_(std::move(feed)) {}

  const std::shared_ptr<ScreenFeed>& feed() const { return feed_; }
  EncodeCache& cache() { return cache_; }
  const ScreenFramePtr& current() const { return current_; }
  size_t members() const { return members_.size(); }

  // A new member gets the current frame at once (if there is one).
  void add(FeedMember& member);
  void remove(FeedMember& member);

  // Takes the newest frame from the mailbox and delivers it; does nothing if none waits.
  void pull();

 private:
  std::shared_ptr<ScreenFeed> feed_;
  std::vector<FeedMember*> members_;
  ScreenFramePtr current_;
  EncodeCache cache_;
};

}  // namespace tfts::server
