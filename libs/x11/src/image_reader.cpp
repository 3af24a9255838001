#include "image_reader.h"

#include <sys/ipc.h>
#include <sys/shm.h>

#include <cerrno>
#include <cstring>

namespace tfts::x11 {

ImageReader::ImageReader(Connection& conn, bool try_shm)
    : conn_(conn), use_shm_(try_shm && conn.extensions().shm) {
  method_ = use_shm_ ? "shm"
            : try_shm ? "getimage (the server has no MIT-SHM)"
                      : "getimage (shm=0)";
}

ImageReader::~ImageReader() { release_segment(); }

void ImageReader::release_segment() {
  if (shm_seg_ != 0 && !conn_.broken()) xcb_shm_detach(conn_.get(), shm_seg_);
  shm_seg_ = 0;
  if (shm_addr_) shmdt(shm_addr_);
  shm_addr_ = nullptr;
  if (shm_id_ >= 0) shmctl(shm_id_, IPC_RMID, nullptr);
  shm_id_ = -1;
  shm_size_ = 0;
}

bool ImageReader::ensure_segment(size_t bytes) {
  if (shm_seg_ != 0 && shm_size_ >= bytes) return true;
  release_segment();
  shm_id_ = shmget(IPC_PRIVATE, bytes, IPC_CREAT | 0600);
  if (shm_id_ < 0) {
    method_ = std::string("getimage (shmget failed: ") + std::strerror(errno) + ")";
    return false;
  }
  void* addr = shmat(shm_id_, nullptr, 0);
  if (addr == reinterpret_cast<void*>(-1)) {
    method_ = std::string("getimage (shmat failed: ") + std::strerror(errno) + ")";
    shmctl(shm_id_, IPC_RMID, nullptr);
    shm_id_ = -1;
    return false;
  }
  shm_addr_ = static_cast<uint8_t*>(addr);
  shm_size_ = bytes;
  shm_seg_ = xcb_generate_id(conn_.get());
  // Read-write: the server writes the image into it.
  if (!conn_.check(xcb_shm_attach_checked(conn_.get(), shm_seg_, static_cast<uint32_t>(shm_id_),
                                          0))) {
    // A display on another machine cannot see our segment.
    shm_seg_ = 0;
    release_segment();
    if (!conn_.broken()) method_ = "getimage (the server cannot attach shared memory: remote?)";
    return false;
  }
  // Attached on both sides: marked for removal now, so it goes away with the last detach even
  // if this process dies.
  shmctl(shm_id_, IPC_RMID, nullptr);
  shm_id_ = -1;
  return true;
}

bool ImageReader::read(const core::Rect& area, core::PlaneView<uint32_t> dst, std::string& error) {
  if (use_shm_) {
    const size_t bytes = conn_.layout().stride(area.w) * static_cast<size_t>(area.h);
    if (ensure_segment(bytes)) return read_shm(area, dst, error);
    if (conn_.broken()) {
      error = conn_.broken_reason();
      return false;
    }
    use_shm_ = false;  // for the rest of this connection
  }
  return read_plain(area, dst, error);
}

bool ImageReader::read_shm(const core::Rect& area, core::PlaneView<uint32_t> dst,
                           std::string& error) {
  xcb_generic_error_t* e = nullptr;
  const auto reply = conn_.await<xcb_shm_get_image_reply_t>(
      xcb_shm_get_image(conn_.get(), conn_.root(), static_cast<int16_t>(area.x),
                        static_cast<int16_t>(area.y), static_cast<uint16_t>(area.w),
                        static_cast<uint16_t>(area.h), ~0u, XCB_IMAGE_FORMAT_Z_PIXMAP, shm_seg_,
                        0),
      &e);
  if (!reply) {
    error = e ? "the X server refused ShmGetImage (error " + std::to_string(e->error_code) + ")"
              : conn_.broken_reason();
    std::free(e);
    return false;
  }
  convert_pixels(shm_addr_, conn_.layout().stride(area.w), conn_.layout(), dst);
  return true;
}

bool ImageReader::read_plain(const core::Rect& area, core::PlaneView<uint32_t> dst,
                             std::string& error) {
  xcb_generic_error_t* e = nullptr;
  const auto reply = conn_.await<xcb_get_image_reply_t>(
      xcb_get_image(conn_.get(), XCB_IMAGE_FORMAT_Z_PIXMAP, conn_.root(),
                    static_cast<int16_t>(area.x), static_cast<int16_t>(area.y),
                    static_cast<uint16_t>(area.w), static_cast<uint16_t>(area.h), ~0u),
      &e);
  if (!reply) {
    error = e ? "the X server refused GetImage (error " + std::to_string(e->error_code) + ")"
              : conn_.broken_reason();
    std::free(e);
    return false;
  }
  const size_t stride = conn_.layout().stride(area.w);
  const auto length = static_cast<size_t>(xcb_get_image_data_length(reply.get()));
  if (length < stride * static_cast<size_t>(area.h)) {
    error = "the X server sent a short image";
    return false;
  }
  convert_pixels(xcb_get_image_data(reply.get()), stride, conn_.layout(), dst);
  return true;
}

}  // namespace tfts::x11
