#include "tfts/server/screen.h"

#include <algorithm>
#include <utility>
#include <spdlog/spdlog.h>

#include "tfts/server/status_card.h"

namespace tfts::server {

Screen::Screen(config::ScreenConfig cfg, std::unique_ptr<source::FrameSource> source,
               WakeFn wake, const ScreenMetrics* metrics)
    : name_(cfg.name),
      cfg_(std::move(cfg)),
      source_(std::move(source)),
      wake_(std::move(wake)),
      metrics_(metrics),
      source_description_(source_->describe()) {}

Screen::~Screen() { stop(); }

void Screen::start() { thread_ = std::thread([this] { run(); }); }

void Screen::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<ScreenFeed> Screen::attach(int width, int height) {
  std::lock_guard lock(mutex_);
  for (Attached& a : feeds_) {
    if (a.feed->width() == width && a.feed->height() == height) {
      ++a.users;
      return a.feed;
    }
  }
  if (feeds_.size() >= kMaxFeeds) return nullptr;
  feeds_.push_back({std::make_shared<ScreenFeed>(width, height, cfg_), 1, true});
  return feeds_.back().feed;
}

void Screen::detach(const std::shared_ptr<ScreenFeed>& feed) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(feeds_.begin(), feeds_.end(),
                         [&](const Attached& a) { return a.feed == feed; });
  if (it != feeds_.end() && --it->users == 0) feeds_.erase(it);
}

void Screen::reconfigure(config::ScreenConfig cfg, std::unique_ptr<source::FrameSource> source) {
  {
    std::lock_guard lock(mutex_);
    cfg.name = name_;
    pending_cfg_ = std::move(cfg);
    if (source) {
      // Described now, so the status says what the screen shows from this call on.
      source_description_ = source->describe();
      if (pending_source_) retired_sources_.push_back(std::move(pending_source_));
      pending_source_ = std::move(source);
    }
  }
  cv_.notify_all();
}

config::ScreenConfig Screen::config() const {
  std::lock_guard lock(mutex_);
  return cfg_;
}

std::string Screen::describe_source() const {
  std::lock_guard lock(mutex_);
  return source_description_;
}

void Screen::apply_pending() {
  std::unique_ptr<source::FrameSource> old_source;  // destroyed outside the lock
  std::vector<std::unique_ptr<source::FrameSource>> retired;
  std::unique_lock lock(mutex_);
  if (!pending_cfg_) return;
  retired.swap(retired_sources_);
  cfg_ = std::move(*pending_cfg_);
  pending_cfg_.reset();
  if (pending_source_) {
    old_source = std::exchange(source_, std::move(pending_source_));
    counters_.last_error.clear();
    counters_.finished = false;
  }
  for (Attached& a : feeds_) {
    a.feed->reconfigure(cfg_);
    a.needs_first_frame = true;
  }
  lock.unlock();
  if (old_source) {
    // Nothing of the old source stays on the displays, not even its last picture or its card.
    picture_ = core::RgbPlane();
    failing_since_.reset();
    showing_status_ = false;
  }
  spdlog::info("screen {}: settings changed{}", name_, old_source ? ", new source" : "");
}

size_t Screen::feed_count() const {
  std::lock_guard lock(mutex_);
  return feeds_.size();
}

ScreenCounters Screen::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

void Screen::run() {
  auto next = Clock::now();
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    apply_pending();
    tick(Clock::now());
    lock.lock();
    // Latest wins here too: a tick that overran is not made up for; the next one is simply
    // the next slot in the future. The rate is read each time: reconfigure() may change it.
    const auto interval = std::chrono::duration_cast<Clock::duration>(
        std::chrono::duration<double>(1.0 / cfg_.fps));
    next += interval;
    const auto now = Clock::now();
    if (next < now) next = now + interval - (now - next) % interval;
    cv_.wait_until(lock, next, [this] { return stopping_ || pending_cfg_.has_value(); });
  }
}

bool Screen::update_status_card(const std::string& message, Clock::time_point now) {
  const int seconds = static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(now - *failing_since_).count());
  if (showing_status_ && message == status_message_ && seconds == status_seconds_) return false;
  // The card takes the size of the source's pictures (so crops and feeds behave the same), or
  // a small panel's when there never was one.
  const int w = picture_.empty() ? 320 : picture_.width();
  const int h = picture_.empty() ? 240 : picture_.height();
  render_status_card(status_picture_, w, h, name_, message, seconds);
  status_message_ = message;
  status_seconds_ = seconds;
  showing_status_ = true;
  return true;
}

void Screen::tick(Clock::time_point now) {
  const source::GrabResult r = source_->grab(picture_, now);
  const auto grabbed = Clock::now();
  if (metrics_) {
    metrics_->grabs->add();
    metrics_->capture->observe(std::chrono::duration<double>(grabbed - now).count());
    if (r.status == source::GrabStatus::changed) metrics_->captured->add();
    if (r.status == source::GrabStatus::failed) metrics_->source_errors->add();
    metrics_->source_failing->set(r.status == source::GrabStatus::failed ? 1 : 0);
  }
  {
    std::lock_guard lock(mutex_);
    ++counters_.grabs;
    counters_.grab_seconds += std::chrono::duration<double>(grabbed - now).count();
    if (r.status == source::GrabStatus::failed) {
      ++counters_.source_errors;
      if (counters_.last_error != r.message) {
        spdlog::warn("screen {}: source failed: {}", name_, r.message);
        counters_.last_error = r.message;
      }
    } else if (!counters_.last_error.empty()) {
      spdlog::info("screen {}: source works again", name_);
      counters_.last_error.clear();
    }
    if (r.status == source::GrabStatus::changed) ++counters_.source_frames;
    if (r.status == source::GrabStatus::finished && !counters_.finished) {
      counters_.finished = true;
      spdlog::info("screen {}: source finished; its last picture stays", name_);
    }
  }
  // A source failing for longer than kStatusAfter shows the status card instead of a frozen
  // last frame; the first good grab after it brings the source's picture back.
  bool changed = r.status == source::GrabStatus::changed;
  if (r.status == source::GrabStatus::failed) {
    if (!failing_since_) failing_since_ = now;
    if (now - *failing_since_ >= kStatusAfter || picture_.empty()) {
      changed = update_status_card(r.message, now) || changed;
    }
  } else {
    failing_since_.reset();
    if (showing_status_) {
      showing_status_ = false;
      changed = true;  // even an `unchanged` source must replace the card
    }
  }
  const core::RgbPlane& shown = showing_status_ ? status_picture_ : picture_;
  if (shown.empty()) return;  // nothing to show before the source's first picture

  // Copy the list so feeds attached meanwhile wait for the next tick, without holding the lock
  // while the pipelines run.
  std::vector<std::shared_ptr<ScreenFeed>> work;
  {
    std::lock_guard lock(mutex_);
    for (Attached& a : feeds_) {
      if (changed || a.needs_first_frame) work.push_back(a.feed);
      a.needs_first_frame = false;
    }
  }
  const auto source_view =
      showing_status_ ? status_picture_.view() : apply_crop(picture_, cfg_.crop);
  for (const auto& feed : work) {
    ScreenFramePtr frame = feed->produce(source_view, now, metrics_);
    // A feed that already has frames and produced the same picture again has nothing to say;
    // a new feed always announces its (first) frame.
    if (!frame) continue;
    if (feed->mailbox().put(frame)) wake_(feed);
  }
  if (!work.empty()) {
    std::lock_guard lock(mutex_);
    counters_.process_seconds += std::chrono::duration<double>(Clock::now() - grabbed).count();
  }
}

}  // namespace tfts::server
