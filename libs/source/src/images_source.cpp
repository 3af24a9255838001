#include "tfts/source/images_source.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <utility>

#include "tfts/core/png_io.h"

namespace tfts::source {
namespace {

namespace fs = std::filesystem;

// A `now` exactly on a frame boundary (t0 + k / fps) can land a hair below k after the
// duration-to-double conversion; this nudge puts it on frame k, as a reader of the clock expects.
constexpr double kBoundarySlack = 1e-6;  // in frames
// Far beyond any run (30 fps for 10^6 years) and exactly representable, so the double-to-integer
// conversion below can never overflow.
constexpr double kMaxFrameNumber = 1e15;

bool has_png_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".png";
}

// Lists the PNG files of `dir` sorted by name; false and a sentence on failure.
bool list_pngs(const std::string& dir, std::vector<std::string>& files, std::string& error) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    // status() reports "not found" as an error too; any other error (permissions) says more.
    error = "images: directory '" + dir + "' does not exist";
    if (ec && ec != std::errc::no_such_file_or_directory) error += " (" + ec.message() + ")";
    return false;
  }
  if (!fs::is_directory(status)) {
    error = "images: '" + dir + "' is not a directory";
    return false;
  }
  // The error_code overloads throughout: a directory that vanishes while we list it must give a
  // sentence, not an exception.
  fs::directory_iterator it(dir, ec);
  std::vector<std::string> names;
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && has_png_extension(it->path())) {
      names.push_back(it->path().filename().string());
    }
  }
  if (ec) {
    error = "images: cannot read directory '" + dir + "': " + ec.message();
    return false;
  }
  if (names.empty()) {
    error = "images: directory '" + dir + "' holds no .png file";
    return false;
  }
  std::sort(names.begin(), names.end());
  files.clear();
  files.reserve(names.size());
  for (const std::string& name : names) files.push_back((fs::path(dir) / name).string());
  return true;
}

}  // namespace

std::unique_ptr<ImagesSource> ImagesSource::open(const std::string& dir,
                                                 const ImagesOptions& options, std::string& error) {
  if (!std::isfinite(options.fps) || options.fps <= 0) {
    error = "images: fps must be a positive number";
    return nullptr;
  }
  std::vector<std::string> files;
  if (!list_pngs(dir, files, error)) return nullptr;
  return std::unique_ptr<ImagesSource>(new ImagesSource(dir, std::move(files), options));
}

ImagesSource::ImagesSource(std::string dir, std::vector<std::string> files,
                           const ImagesOptions& options)
    : dir_(std::move(dir)), files_(std::move(files)), options_(options) {}

int64_t ImagesSource::frame_number(Clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - *t0_).count();
  const double number = std::floor(seconds * options_.fps + kBoundarySlack);
  // `!(number > 0)` also catches NaN; a clock that goes back before t0 shows the first file.
  if (!(number > 0)) return 0;
  return static_cast<int64_t>(std::min(number, kMaxFrameNumber));
}

GrabResult ImagesSource::grab(core::RgbPlane& frame, Clock::time_point now) {
  if (finished_) return GrabResult::finished();
  if (!t0_) t0_ = now;

  const auto count = static_cast<int64_t>(files_.size());
  int64_t number = frame_number(now);
  if (!options_.loop && number >= count) {
    // Past the end. All numbers from here on mean "the end", so it is acted on once: the last
    // file goes on the displays if the clock jumped over it, and the next call finishes.
    number = count;
    if (last_number_ == count || shown_file_ == count - 1) {
      finished_ = true;
      return GrabResult::finished();
    }
  }
  if (number == last_number_) return GrabResult::unchanged();
  last_number_ = number;

  const auto wanted =
      static_cast<std::ptrdiff_t>(options_.loop ? number % count : std::min(number, count - 1));
  // A one-file loop, or a clock jump by a whole number of loops, needs no decoding.
  if (wanted == shown_file_) return GrabResult::unchanged();

  // Decoded aside: on failure the previous picture stays in `frame`, and on success `frame` keeps
  // its buffer when the size is the same (the contract: reallocated only on a size change).
  const auto index = static_cast<size_t>(wanted);
  if (index < cache_.size() && !cache_[index].empty()) {
    decoded_ = cache_[index];
  } else {
    std::string error;
    if (!core::load_png(files_[index], decoded_, error)) {
      return GrabResult::failed("images: skipped a frame: " + error);
    }
    const size_t bytes = static_cast<size_t>(decoded_.width()) * decoded_.height() * 4;
    if (options_.loop && cache_bytes_ + bytes <= kCacheBudgetBytes) {
      cache_.resize(files_.size());
      cache_[index] = decoded_;
      cache_bytes_ += bytes;
    }
  }
  if (frame.width() == decoded_.width() && frame.height() == decoded_.height()) {
    std::copy(decoded_.data(), decoded_.data() + decoded_.width() * decoded_.height(),
              frame.data());
  } else {
    frame = std::move(decoded_);
    decoded_ = core::RgbPlane();
  }
  shown_file_ = wanted;
  return GrabResult::changed();
}

std::string ImagesSource::describe() const {
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g fps", options_.fps);
  return "images:" + dir_ + " (" + std::to_string(files_.size()) +
         (files_.size() == 1 ? " file, " : " files, ") + rate + ", " +
         (options_.loop ? "loop" : "once") + ")";
}

}  // namespace tfts::source
