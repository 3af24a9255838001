#!/usr/bin/env python3
"""Writes the seed corpus of mirror_receive_fuzz (tests/fuzz/mirror_corpus/).

Each file is one input in the format of mirror_fuzz.h (five header bytes: screen, buffer and
payload sizes, write callback, chunking, what the device does per step, seed; then what the
server sends the mirroring device), named END.COUNT.description: how the session must end and
how many frames the server acknowledged (see tfts_fuzz::mirror_outcome()), which
mirror_receive_fuzz_replay (the ctest test mirror_fuzz_corpus) checks. The server's bytes follow
docs/protocol.md §2.2, §2.4 and §3. Run again after changing the input format; files that do not
follow the naming convention (e.g. a crash input added by hand) are kept.

    tests/fuzz/mirror_make_corpus.py [OUT_DIR]
"""
import os
import re
import struct
import sys

# Keep in sync with mirror_receive_fuzz.cpp (indexes into its tables).
SIZES = {(96, 64): 0, (1, 1): 1, (320, 240): 2, (17, 5): 3, (4096, 2): 4, (2, 4096): 5,
         (64, 64): 6, (33, 7): 7}
PAYLOADS = {0: 0, 256: 1, 300: 2, 1000: 3}
BUF_SIZES = {288: 0, 289: 1, 300: 2, 512: 3, 1024: 4, 2048: 5, 4200: 6, 9000: 7}
WRITE = {"all": 0, "some": 1, "none": 2, "random": 3}
CHUNKS = {"whole": 0, "bytewise": 1, "fixed": 2, "random": 3}
FLUSH = {"none": 0, "frames": 1, "third_ends": 2, "random": 3}
TICKS = {0: 0, 10: 1, 250: 2, "random": 3}

# docs/protocol.md §3 message types and §5 reasons.
ACK, REFRESH, KEEPALIVE, ERROR, BYE, FRAME_BEGIN = 0x13, 0x14, 0x20, 0x30, 0x31, 0x10
TIMEOUT, SERVER_SHUTDOWN, RECT_OUT_OF_BOUNDS, SERVER_FULL = 8, 9, 5, 12


def head(size=(96, 64), payload=1000, buf=9000, write="all", write_param=0, chunks="bytewise",
         chunk_param=0, flush="frames", ticks=10, read_cb=False, disconnect=False,
         refresh_flush=True, close=False, seed=1):
    b0 = SIZES[size] | PAYLOADS[payload] << 3 | BUF_SIZES[buf] << 5
    b1 = WRITE[write] | write_param << 2
    b2 = CHUNKS[chunks] | chunk_param << 2
    b3 = (FLUSH[flush] | TICKS[ticks] << 2 | read_cb << 4 | disconnect << 5 | refresh_flush << 6
          | close << 7)
    return bytes([b0, b1, b2, b3, seed])


def welcome(codecs=0x7F, max_in_flight=2, keepalive_ms=2000, session_id=7, extra=b""):
    body = struct.pack(">HBHI", codecs, max_in_flight, keepalive_ms, session_id) + extra
    return b"TFTS\x01" + struct.pack(">H", len(body)) + body


def ack(seq, decode_us=900):
    return struct.pack(">BIIIIb", ACK, seq, decode_us, 300, 0, 127)


def closing(kind, reason, text=b""):
    return bytes([kind, reason, len(text)]) + text


REFUSAL = b"TFTS\x01\x00\x00"
ACKS3 = ack(0) + ack(1) + ack(2)

CASES = [
    # The normal session: WELCOME, then a frame per step and the server's ACKs.
    ("streaming.3.welcome-then-acks", head(), welcome() + ACKS3),
    ("streaming.3.welcome-then-acks-swapped-seed", head(seed=2), welcome() + ACKS3),
    ("streaming.2.welcome-then-acks-whole-chunks",
     head(chunks="fixed", chunk_param=17, flush="frames"), welcome() + ack(0) + ack(1)),
    ("streaming.1.welcome-then-acks-read-callback", head(read_cb=True), welcome() + ack(0)),
    ("streaming.0.welcome-without-rle", head(), welcome(codecs=0x03)),
    ("streaming.0.welcome-longer-body", head(), welcome(extra=b"\x00\x01\x02\x03") +
     bytes([KEEPALIVE])),
    ("streaming.0.welcome-then-refresh", head(), welcome() + bytes([REFRESH] * 3 + [KEEPALIVE])),
    ("streaming.0.welcome-then-refresh-stalled-link", head(write="none", buf=288, payload=256),
     welcome() + bytes([REFRESH, KEEPALIVE, REFRESH])),
    ("streaming.1.trickle-link", head(write="some", write_param=2, buf=512, flush="third_ends"),
     welcome(max_in_flight=1) + ack(0) + bytes([REFRESH])),
    ("streaming.2.random-link-1x1", head(size=(1, 1), write="random", flush="random", buf=288),
     welcome(max_in_flight=3) + ack(0) + ack(1)),
    ("streaming.1.wide-screen", head(size=(4096, 2), payload=0, buf=4200), welcome() + ack(0)),
    ("streaming.1.tall-screen", head(size=(2, 4096), payload=300, buf=1024), welcome() + ack(0)),
    ("streaming.2.big-screen-small-buffer", head(size=(320, 240), payload=256, buf=300,
                                                 chunks="random", chunk_param=9),
     welcome() + ack(0) + bytes([REFRESH]) + ack(1)),
    # Refusals: the server's ERROR right after an empty handshake prefix (§2).
    ("refused.0.refusal-server-full", head(chunks="whole"),
     REFUSAL + closing(ERROR, SERVER_FULL, b"server full")),
    ("refused.0.refusal-bytewise", head(), REFUSAL + closing(ERROR, SERVER_FULL, b"full")),
    ("refused.0.refusal-bye", head(chunks="whole"), REFUSAL + closing(BYE, SERVER_SHUTDOWN)),
    ("protocol.0.refusal-without-error", head(), REFUSAL + bytes([KEEPALIVE])),
    # The server ends a session.
    ("peer_bye.1.bye-after-ack", head(), welcome() + ack(0) +
     closing(BYE, SERVER_SHUTDOWN, b"shutting down")),
    ("peer_error.0.error-after-welcome", head(), welcome() +
     closing(ERROR, RECT_OUT_OF_BOUNDS, b"rect_out_of_bounds")),
    ("peer_bye.2.bytewise-session", head(flush="frames"), welcome() + ack(0) + bytes([REFRESH]) +
     bytes([KEEPALIVE]) + ack(1) + closing(BYE, 0)),
    ("disconnected.1.read-callback-then-closed", head(read_cb=True, disconnect=True),
     welcome() + ack(0)),
    # The device ends a session.
    ("local.0.close-after-welcome", head(close=True), welcome()),
    ("timeout.0.silent-server", head(chunks="whole", ticks=250, flush="none"),
     welcome(keepalive_ms=100)),
    ("timeout.0.no-welcome", head(ticks="random", seed=3), b"TFTS"),
    # What the server must not send.
    ("protocol.0.garbage", head(chunks="whole"), b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
    ("protocol.0.garbage-bytewise", head(), bytes(range(0, 256, 7))),
    ("protocol.0.bad-version", head(), b"TFTS\x02" + welcome()[5:]),
    ("protocol.0.welcome-max-in-flight-0", head(), welcome(max_in_flight=0)),
    ("protocol.0.welcome-short-body", head(), b"TFTS\x01\x00\x04\x00\x07\x02\x07"),
    ("protocol.0.ack-without-frame", head(chunks="whole", flush="none"), welcome() + ack(0)),
    ("protocol.1.ack-twice-for-one-frame", head(flush="none"),
     welcome(max_in_flight=1) + ack(0) + ack(0)),
    ("protocol.0.frame-from-server", head(), welcome() + bytes([FRAME_BEGIN, 0, 0, 0, 0])),
    ("protocol.0.error-after-full-buffer", head(write="none", buf=288, payload=256,
                                                 flush="random"),
     welcome(max_in_flight=4) + bytes([REFRESH] * 40) + b"\xff"),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "mirror_corpus")
    os.makedirs(out, exist_ok=True)
    convention = re.compile(r"^[a-z_]+\.[0-9]+\..+$")
    for name in os.listdir(out):
        if convention.match(name):
            os.remove(os.path.join(out, name))
    for name, header, stream in CASES:
        with open(os.path.join(out, name), "wb") as f:
            f.write(header + stream)
    print(f"wrote {len(CASES)} inputs to {out}")


if __name__ == "__main__":
    main()
