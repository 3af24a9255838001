// Reads a rectangle of the root window into a frame: through a MIT-SHM segment when the server
// offers it and can attach ours (a local server), else with a plain GetImage whose pixels travel
// through the socket (a remote display, or a server without MIT-SHM).
#pragma once

#include <xcb/shm.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "connection.h"
#include "tfts/core/plane.h"
#include "tfts/core/rect.h"

namespace tfts::x11 {

class ImageReader {
 public:
  /// `try_shm`: use MIT-SHM if the connection has it. Nothing is allocated before read().
  ImageReader(Connection& conn, bool try_shm);
  ~ImageReader();
  ImageReader(const ImageReader&) = delete;
  ImageReader& operator=(const ImageReader&) = delete;

  /// Reads `area` (root coordinates, inside the screen) into `dst` (area.w x area.h). False
  /// when the server refused or the connection broke; `error` then says why.
  [[nodiscard]] bool read(const core::Rect& area, core::PlaneView<uint32_t> dst,
                          std::string& error);

  /// "shm" or "getimage" (and why not shm, once known).
  const std::string& method() const { return method_; }

 private:
  bool ensure_segment(size_t bytes);  // false: SHM is unusable, fall back
  void release_segment();
  bool read_shm(const core::Rect& area, core::PlaneView<uint32_t> dst, std::string& error);
  bool read_plain(const core::Rect& area, core::PlaneView<uint32_t> dst, std::string& error);

  Connection& conn_;
  bool use_shm_;
  std::string method_;
  int shm_id_ = -1;                   // the SysV segment, -1 when none
  uint8_t* shm_addr_ = nullptr;
  size_t shm_size_ = 0;
  xcb_shm_seg_t shm_seg_ = 0;         // the server's name for it; 0 when not attached
};

}  // namespace tfts::x11
