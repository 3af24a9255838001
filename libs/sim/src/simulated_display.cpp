#include "tfts/sim/simulated_display.h"

#include "tfts/client/display_messages.h"
#include "tfts/codec/byte_writer.h"

namespace tfts::sim {

SimulatedDisplay::SimulatedDisplay(const client::DisplayConfig& cfg)
    : cfg_(cfg),
      sink_(cfg.width, cfg.height),
      work_((client::Decoder::work_size_for(cfg.width, cfg.max_payload) + 3) / 4),
      decoder_(sink_, cfg, reinterpret_cast<uint8_t*>(work_.data()), work_.size() * 4) {}

std::vector<uint8_t> SimulatedDisplay::hello(const std::string& name, proto::Role role) const {
  std::vector<uint8_t> out(client::kHelloMaxBytes);
  out.resize(client::write_hello(out.data(), out.size(), cfg_, name.c_str(), 0, role));
  return out;
}

client::DecodeStatus SimulatedDisplay::feed(const uint8_t* data, size_t len) {
  while (true) {
    const client::FeedResult r = decoder_.feed(data, len);
    if (client::is_error(r.status) || r.status == client::DecodeStatus::bye) return r.status;
    data += r.consumed;
    len -= r.consumed;
    if (len == 0) return client::DecodeStatus::need_more;
  }
}

std::vector<uint8_t> make_welcome(uint16_t codecs, uint8_t max_in_flight, uint16_t keepalive_ms,
                                  uint32_t session_id) {
  std::vector<uint8_t> out;
  codec::VectorWriter w(out);
  for (uint8_t b : proto::kMagic) w.u8(b);
  w.u8(proto::kVersion);
  w.be16(static_cast<uint16_t>(proto::kWelcomeFixedBytes));
  w.be16(codecs);
  w.u8(max_in_flight);
  w.be16(keepalive_ms);
  w.be32(session_id);
  return out;
}

}  // namespace tfts::sim
