#!/usr/bin/env python3
"""Writes the seed corpus of server_input_fuzz (tests/fuzz/server_corpus/).

Each file is one input in the format of server_fuzz.h, named END.COUNT.description: how the
run must end (see tfts_fuzz::last_outcome()), which server_fuzz_replay (the ctest test
server_fuzz_corpus) checks. Run again after changing the input format; files that do not
follow the naming convention (e.g. a crash input added by hand) are kept.

    tests/fuzz/make_server_corpus.py [OUT_DIR]
"""
import os
import re
import struct
import sys

# Keep in sync with server_input_fuzz.cpp.
FLOOD_LIMITS = [1, 3, 10, 30, 100, 500, 2000, 1000000]
SESSION_SIZES = [(32, 16), (17, 5), (1, 1), (64, 40)]
SESSION_PAYLOADS = [256, 300, 1024, 8192]
SESSION_MAX_ERRORS = [0, 2, 8, 40]
CHUNKING = {"whole": 0, "bytewise": 1, "fixed": 2, "random": 3}
CHANGES = ["none", "box", "noise", "scroll", "solid", "pixel", "bands", "gradient"]
DAMAGES = ["exact", "plus_one", "all"]
ACK_OFFSETS = [0, 1, -1, "half"]                # seq + 0, + 1, - 1, + 2^31
CLOSE_REASONS = [0, 1, 2, 8, 9, 11, 12, 200]
TICKS_MS = [0, 1, 10, 100, 250, 999, 1000, 5000]

ACK, REFRESH, KEEPALIVE, ERROR, BYE = 0x13, 0x14, 0x20, 0x30, 0x31
ALL_CODECS = 0x7F


def be16(v):
    return struct.pack(">H", v)


def be32(v):
    return struct.pack(">I", v)


# --- What a display sends (docs/protocol.md §2.1, §3.1) -------------------------------------

def hello(width=32, height=16, rotation=0, pixel_format=1, codecs=ALL_CODECS, max_payload=8192,
          flags=0, role=0, name=b"tft", name_len=None, body_len=None, magic=b"TFTS", version=1,
          extra=b""):
    name_len = len(name) if name_len is None else name_len
    body = (be16(width) + be16(height) + bytes([rotation, pixel_format]) + be16(codecs) +
            be32(max_payload) + bytes([flags, role, name_len]) + name + extra)
    body_len = len(body) if body_len is None else body_len
    return magic + bytes([version]) + be16(body_len) + body


def ack(seq, decode_us=1200, draw_us=3400, free_heap=150000, rssi=-60):
    return bytes([ACK]) + be32(seq) + be32(decode_us) + be32(draw_us) + be32(free_heap) + \
        struct.pack(">b", rssi)


def close(kind, reason=0, text=b""):
    return bytes([kind, reason, len(text)]) + text


def connection(stream, chunk="whole", param=0, max_in_flight=2, flood=5):
    """CONNECTION mode: two config bytes, then the display's stream."""
    b0 = 0x80 | CHUNKING[chunk] | (max_in_flight - 1) << 2 | flood << 4
    return bytes([b0, param]) + stream


# --- SESSION mode scripts --------------------------------------------------------------------

def session(*ops, size=(32, 16), framebuffer=False, max_payload=8192, max_error=0,
            codecs=ALL_CODECS, max_in_flight=2, flood=5):
    b0 = (SESSION_SIZES.index(size) | (4 if framebuffer else 0) |
          SESSION_PAYLOADS.index(max_payload) << 3 | SESSION_MAX_ERRORS.index(max_error) << 5)
    b2 = (max_in_flight - 1) | flood << 2
    return bytes([b0, codecs, b2]) + b"".join(ops)


def op(kind, arg=0):
    assert 0 <= arg < 32
    return bytes([arg << 3 | kind])


def say(data):
    out = b""
    for i in range(0, len(data), 32):
        part = data[i:i + 32]
        out += op(0, len(part) - 1) + part
    return out


def deliver(n=None):
    """receive() n outbox bytes (0..30), or all of them."""
    return op(1, 31 if n is None else n)


def offer(change="gradient", damage="exact", param=0):
    return op(2, DAMAGES.index(damage) << 3 | CHANGES.index(change)) + bytes([param])


def send(drain=True):
    return op(3, 1 if drain else 0)


def display_ack(offset=0):
    return op(4, ACK_OFFSETS.index(offset))


def refresh():
    return op(5, 0)


def keepalive():
    return op(5, 1)


def display_close(kind, reason=0, text_len=0):
    return op(5, CLOSE_REASONS.index(reason) << 2 | (2 if kind == BYE else 3)) + bytes([text_len])


def tick(ms):
    return op(6, TICKS_MS.index(ms))


def flood(n8):
    """(n8) * 8 KEEPALIVEs."""
    return op(7, n8 - 1)


def frame_and_ack(change="box", param=0):
    return offer(change, param=param) + send() + display_ack() + deliver()


def corpus():
    h = hello()
    chatter = ack(0) + bytes([KEEPALIVE, REFRESH, KEEPALIVE])

    # CONNECTION mode: handshakes.
    yield "open.0.hello-only", connection(h)
    yield "open.0.hello-bytewise", connection(h, chunk="bytewise")
    yield "closed.1.hello-ack-keepalive-refresh-bye", connection(h + chatter + close(BYE))
    for chunk, param in (("bytewise", 0), ("fixed", 4), ("random", 7), ("random", 200)):
        yield f"closed.1.hello-ack-bye-{chunk}-{param}", \
            connection(h + chatter + close(BYE, 0, b"bye"), chunk=chunk, param=param)
    yield "closed.0.hello-error-long-text", \
        connection(h + close(ERROR, 7, bytes(range(32, 127)) * 2 + b"0123456789"))
    yield "closed.0.hello-bye-unknown-reason-then-garbage", \
        connection(h + close(BYE, 200, b"x") + b"\xff\x10garbage", chunk="fixed", param=2)
    yield "open.0.hello-max-name-and-extension", \
        connection(hello(name=b"n" * 32, extra=b"future fields") + bytes([KEEPALIVE]))
    yield "open.0.hello-4096x1-framebuffer-source-role", \
        connection(hello(width=4096, height=1, flags=1, role=1, rotation=3, codecs=0xFFFF,
                         max_payload=0xFFFFFFFF))
    yield "open.0.hello-1x1-no-codecs-min-payload", \
        connection(hello(width=1, height=1, codecs=0, max_payload=256, name=b"\xc3\xa9"))
    yield "hello.0.hello-4096x4096", connection(hello(width=4096, height=4096))
    yield "reading.0.hello-truncated", connection(h[:20], chunk="bytewise")
    yield "reading.0.prefix-only", connection(h[:7])
    yield "reading.0.short-body", connection(hello(body_len=40), chunk="random", param=3)
    yield "reading.0.one-byte", connection(b"T")
    yield "bad_magic.0.tftx", connection(hello(magic=b"TFTX"))
    yield "bad_magic.0.http", connection(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", chunk="bytewise")
    yield "bad_magic.0.first-byte", connection(b"\x00TFTS")
    yield "open.0.version-2-answered-in-v1", connection(hello(version=2))
    yield "open.0.version-255-answered-in-v1", connection(hello(version=255), chunk="bytewise")
    yield "open.0.role-2-viewer", connection(hello(role=2))
    yield "bad_version.0.version-0-bytewise", connection(hello(version=0), chunk="bytewise")
    yield "bad_hello.0.body-len-ffff", connection(hello(body_len=0xFFFF))
    yield "bad_hello.0.body-len-1025", connection(hello(body_len=1025, extra=bytes(1025)))
    yield "bad_hello.0.body-len-15", connection(hello(body_len=15))
    yield "bad_hello.0.body-len-0", connection(hello(body_len=0))
    for name, kw in (("width-0", dict(width=0)), ("width-4097", dict(width=4097)),
                     ("height-0", dict(height=0)), ("height-65535", dict(height=0xFFFF)),
                     ("rotation-4", dict(rotation=4)), ("pixel-format-2", dict(pixel_format=2)),
                     ("max-payload-255", dict(max_payload=255)), ("role-3", dict(role=3)),
                     ("name-len-0", dict(name=b"", name_len=0, extra=b"x")),
                     ("name-len-33", dict(name=b"n" * 33)),
                     ("name-longer-than-body", dict(name=b"abc", name_len=9)),
                     ("name-control-char", dict(name=b"a\nb")),
                     ("name-del", dict(name=b"\x7f"))):
        yield f"bad_hello.0.{name}", connection(hello(**kw))

    # CONNECTION mode: what follows the handshake (frame 0 goes out right after it).
    yield "malformed.0.frame-begin-from-display", connection(h + b"\x10\x00\x00\x00\x00")
    yield "malformed.0.unknown-type", connection(h + bytes([KEEPALIVE, 0xFF]))
    yield "malformed.0.auth-response", connection(h + b"\x29", chunk="bytewise")
    yield "malformed.1.garbage-after-ack", connection(h + ack(0) + b"garbage")
    yield "bad_ack.0.wrong-seq", connection(h + ack(5))
    yield "bad_ack.1.acked-twice", connection(h + ack(0) + ack(0))
    yield "flood.0.two-keepalives-limit-1", connection(h + bytes([KEEPALIVE] * 2), flood=0)
    yield "flood.0.eleven-keepalives-limit-10", connection(h + bytes([KEEPALIVE] * 11), flood=2)
    yield "open.0.ten-keepalives-limit-10", connection(h + bytes([KEEPALIVE] * 10), flood=2)
    yield "flood.1.acks-and-refreshes-limit-3", \
        connection(h + ack(0) + bytes([REFRESH] * 3), flood=1, max_in_flight=4)

    # SESSION mode: flow control, with the display's answers.
    yield "open.2.two-frames-acked", session(
        frame_and_ack("gradient"), frame_and_ack("box", 9))
    yield "open.5.every-change-lossy", session(
        frame_and_ack("gradient"), frame_and_ack("scroll", 3), frame_and_ack("noise"),
        offer("bands", param=2), send(), offer("pixel", param=77), send(),
        display_ack(), display_ack(), deliver(), max_error=8)
    yield "open.3.framebuffer-scroll-copy", session(
        frame_and_ack("noise"), frame_and_ack("scroll", 5), frame_and_ack("scroll", 1),
        framebuffer=True, size=(64, 40))
    # COPY needs the framebuffer flag and codec bit 6 (§2.1): a display may have a framebuffer
    # and no copy(). (Found by the fuzzer: FrameEncoder sent COPY on the flag alone.)
    yield "open.2.framebuffer-without-copy-codec-scrolls", session(
        frame_and_ack("noise"), frame_and_ack("scroll", 5), framebuffer=True, size=(64, 40),
        codecs=ALL_CODECS & ~0x40)
    yield "open.2.credit-window-of-one", session(
        offer("gradient"), send(), offer("box", param=1), send(), offer("solid"), send(),
        display_ack(), deliver(), send(), display_ack(), deliver(), max_in_flight=1)
    yield "open.3.credit-window-of-four", session(
        *[offer(c, param=i) + send(False) for i, c in enumerate(CHANGES)],
        display_ack(), display_ack(), display_ack(), deliver(), max_in_flight=4, max_error=40)
    yield "open.2.refresh-resends-everything", session(
        frame_and_ack("gradient"), refresh(), deliver(), send(), display_ack(), deliver())
    yield "open.3.refresh-after-a-delta-frame", session(
        frame_and_ack("gradient"), frame_and_ack("box", 4), refresh(), deliver(), send(),
        display_ack(), deliver())
    yield "open.1.ack-split-across-reads", session(
        offer("noise"), send(), display_ack(), deliver(3), deliver(0), deliver(10), deliver())
    yield "open.1.damage-all-and-nothing-changed", session(
        frame_and_ack("bands"), offer("none", "all"), send(), offer("none"), send(),
        offer("pixel", "plus_one", 200), send(), deliver())
    yield "open.2.small-payloads-fill-raw-only", session(
        frame_and_ack("noise"), frame_and_ack("box"), size=(64, 40), max_payload=256, codecs=0)
    yield "open.2.one-pixel-display", session(
        frame_and_ack("noise"), frame_and_ack("pixel"), size=(1, 1), max_payload=300)
    yield "open.1.17x5-slightly-lossy", session(
        frame_and_ack("gradient"), offer("gradient", param=1), send(), size=(17, 5),
        max_error=2, max_payload=1024)
    yield "bad_ack.0.ack-seq-plus-one", session(offer(), send(), display_ack(1), deliver())
    yield "bad_ack.0.ack-seq-minus-one", session(offer(), send(), display_ack(-1), deliver())
    yield "bad_ack.1.ack-seq-half-way", session(
        frame_and_ack(), offer("noise"), send(), display_ack("half"), deliver())
    yield "bad_ack.0.ack-with-nothing-in-flight", session(display_ack(), deliver())
    yield "bad_ack.0.bad-ack-then-bye-same-read", session(
        offer(), send(), display_ack(1), display_close(BYE), deliver())
    yield "flood.0.sixteen-keepalives-limit-10", session(flood(2), deliver(), flood=2)
    yield "open.0.window-resets-after-a-second", session(
        flood(1), deliver(), tick(999), keepalive(), deliver(), tick(1000), flood(1), deliver(),
        tick(5000), flood(1), deliver(), flood=2)
    yield "flood.1.refresh-flood-while-streaming", session(
        frame_and_ack(), *[refresh() for _ in range(8)], deliver(), flood=1)
    yield "closed.1.bye-after-a-frame", session(
        frame_and_ack(), display_close(BYE, 9, 5), deliver(), offer(), send())
    yield "closed.0.error-unknown-reason-255-text", session(
        offer(), send(), display_close(ERROR, 200, 255), deliver(30), deliver(2), deliver())
    yield "closed.0.error-then-more-bytes", session(
        display_close(ERROR, 1, 3), say(b"\x10\xff" + ack(0)), deliver())
    yield "malformed.0.server-type-from-display", session(
        offer(), send(), say(b"\x11\x00"), deliver())
    yield "malformed.1.zero-byte-after-ack", session(frame_and_ack(), say(b"\x00"), deliver())
    yield "closed.0.receive-after-end", session(
        display_close(BYE), deliver(), keepalive(), deliver(), display_ack(), deliver())


NAME = re.compile(r"^[a-z_]+\.[0-9]+\..+$")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "server_corpus")
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if NAME.match(old):
            os.remove(os.path.join(out_dir, old))
    names = set()
    for name, data in corpus():
        assert NAME.match(name) and name not in names, name
        assert 3 <= len(data) <= 1 << 14, name
        names.add(name)
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(data)
    print(f"wrote {len(names)} inputs to {out_dir}")


if __name__ == "__main__":
    main()
