// A screen (design §2): one source sampled at the screen's fps on a thread of its own, cropped
// once, and turned into frames for every display size that is attached. The thread never waits
// on a display: it hands each frame to the feed's latest-wins mailbox and calls `wake` when the
// network side should look (only when the mailbox was empty, so wake-ups never pile up).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "tfts/config/server_config.h"
#include "tfts/server/screen_feed.h"
#include "tfts/source/frame_source.h"

namespace tfts::server {

struct ScreenCounters {
  uint64_t grabs = 0;          // grab() calls
  uint64_t source_frames = 0;  // grabs that brought a new picture
  uint64_t source_errors = 0;  // grabs that failed
  std::string last_error;      // the latest failure, empty once the source works again
  bool finished = false;       // the source ended
  double grab_seconds = 0;     // time spent in the source's grab()
  double process_seconds = 0;  // time spent in the pipelines (resize .. damage), all feeds
};

class Screen {
 public:
  using WakeFn = std::function<void(const std::shared_ptr<ScreenFeed>&)>;

  // `metrics` (may be null, e.g. in tests) must outlive the screen.
  Screen(config::ScreenConfig cfg, std::unique_ptr<source::FrameSource> source, WakeFn wake,
         const ScreenMetrics* metrics = nullptr);
  ~Screen();
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;

  void start();
  void stop();  // joins the thread; idempotent

  // Each display size costs a pipeline run per frame and its frames' memory: a screen serves
  // at most this many sizes at once, so a peer cannot make it run hundreds.
  static constexpr size_t kMaxFeeds = 8;

  // Thread-safe. The feed for displays of this size, created on first use; every attach() is
  // paired with a detach(). A new feed gets its first frame at the next tick even when the
  // source holds still. Returns null when the size is new and kMaxFeeds are in use.
  std::shared_ptr<ScreenFeed> attach(int width, int height);
  void detach(const std::shared_ptr<ScreenFeed>& feed);
  // Thread-safe. Display sizes being served (0: nobody is attached).
  size_t feed_count() const;

  // Thread-safe. Replaces the settings, and the source too when `source` is not null (the
  // name stays). The screen thread takes them before its next grab, woken at once, and runs
  // every feed again even when the source holds still, so the displays show the change with
  // the next frame. The old source is destroyed on the screen thread.
  void reconfigure(config::ScreenConfig cfg, std::unique_ptr<source::FrameSource> source);

  // Thread-safe copies.
  config::ScreenConfig config() const;
  std::string describe_source() const;
  const std::string& name() const { return name_; }  // fixed for the screen's life
  ScreenCounters counters() const;

 private:
  struct Attached {
    std::shared_ptr<ScreenFeed> feed;
    int users = 0;
    bool needs_first_frame = true;
  };

  void run();
  void tick(Clock::time_point now);
  // Renders the status card for a failing source; true when it changed (new text or second).
  bool update_status_card(const std::string& message, Clock::time_point now);

  // Picks up a pending reconfigure(); screen thread.
  void apply_pending();

  const std::string name_;
  config::ScreenConfig cfg_;  // written under mutex_ by the screen thread only
  std::unique_ptr<source::FrameSource> source_;  // screen thread only (after start())
  WakeFn wake_;
  const ScreenMetrics* metrics_;
  core::RgbPlane picture_;  // the source's latest picture; screen thread only
  // While the source fails: since when, and the status card shown instead (screen thread).
  static constexpr auto kStatusAfter = std::chrono::seconds(1);
  std::optional<Clock::time_point> failing_since_;
  core::RgbPlane status_picture_;
  bool showing_status_ = false;
  std::string status_message_;
  int status_seconds_ = -1;

  mutable std::mutex mutex_;  // guards cfg_ (writes), feeds_, counters_, stopping_, pending_*
  std::condition_variable cv_;
  std::optional<config::ScreenConfig> pending_cfg_;
  std::unique_ptr<source::FrameSource> pending_source_;
  // Pending sources replaced before the thread took them: destroyed on the screen thread too.
  std::vector<std::unique_ptr<source::FrameSource>> retired_sources_;
  std::string source_description_;
  std::vector<Attached> feeds_;
  ScreenCounters counters_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tfts::server
