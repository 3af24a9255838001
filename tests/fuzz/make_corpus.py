#!/usr/bin/python3
"""Writes the seed corpus of the display decoder fuzz target (tests/fuzz/corpus/).

Each file is one fuzz input: three configuration bytes (display size, framebuffer,
max_payload, chunking, codecs; format in decoder_fuzz.h) and then the server's stream after
the WELCOME, which the fuzz target adds itself. Files are named EXPECT.FRAMES.description:
the replayer (decoder_fuzz_replay) checks that the stream ends with EXPECT ("ok" = need_more,
"bye", or a DecodeStatus error name) after FRAMES frame_done events.

Run it again after changing the protocol or the tables in decoder_fuzz.cpp:
    /usr/bin/python3 tests/fuzz/make_corpus.py [OUT_DIR]
Generated files (names of the form above) are replaced; any other file in OUT_DIR (for example
a fuzzer-found regression input) is kept. Standard library only; output is deterministic.
"""

import os
import re
import struct
import sys

# --- The fuzz target's configuration tables (keep in sync with decoder_fuzz.cpp). ---------

DISPLAYS = [
    (1, 1), (17, 5), (320, 240), (2, 2), (5, 17), (7, 1), (1, 7), (31, 3),
    (64, 64), (128, 160), (240, 135), (480, 320), (4096, 1), (1, 4096), (257, 3), (4096, 4096),
]
MAX_PAYLOADS = [256, 257, 300, 512, 1000, 2048, 4096, 8192]
CHUNK_MODES = {
    "whole": 0, "bytewise": 1, "fixed": 2, "random_small": 3,
    "split": 4, "alternate": 5, "random_mixed": 6, "fibonacci": 7,
}
DROP_BITS = {"rle": 0x08, "palette": 0x10, "palette_rle": 0x20, "predict": 0x40}
HANDSHAKE_BIT = 0x80
# Handshake variants (byte 2 bits 0-1 when byte 1 bit 7 is set).
HANDSHAKES = {"longer": 0, "refused": 1, "from_input": 2, "much_longer": 3}


def config(display, fb=False, max_payload=8192, chunk="whole", param=0, drop=(),
           handshake=None):
    """The three configuration bytes. With a handshake variant, param's low two bits are
    replaced by the variant (the rest still drives the chunking)."""
    b0 = DISPLAYS.index(display) | (0x10 if fb else 0) | (MAX_PAYLOADS.index(max_payload) << 5)
    b1 = CHUNK_MODES[chunk]
    for codec in drop:
        b1 |= DROP_BITS[codec]
    if handshake is not None:
        b1 |= HANDSHAKE_BIT
        param = (param & 0xFC) | HANDSHAKES[handshake]
    return bytes([b0, b1, param])


def welcome(codecs=0x7F, max_in_flight=2, keepalive_ms=1000, session_id=1, extra=b"",
            magic=b"TFTS", version=1, body_len=None):
    body = struct.pack(">HBHI", codecs, max_in_flight, keepalive_ms, session_id) + extra
    if body_len is None:
        body_len = len(body)
    return magic + bytes([version]) + struct.pack(">H", body_len) + body


# --- Wire protocol v1 (firmware/TftStream/src/tfts/proto/wire.h). ----------------------------------

FRAME_BEGIN, RECT, FRAME_END, ACK, KEEPALIVE, ERROR, BYE = 0x10, 0x11, 0x12, 0x13, 0x20, 0x30, 0x31
FILL, RAW, RLE, PALETTE, PALETTE_RLE, PREDICT, COPY = range(7)


def frame_begin(seq):
    return struct.pack(">BI", FRAME_BEGIN, seq)


def frame_end(seq):
    return struct.pack(">BI", FRAME_END, seq)


def rect(codec, x, y, w, h, payload, length=None):
    if length is None:
        length = len(payload)
    return struct.pack(">BBHHHHI", RECT, codec, x, y, w, h, length) + payload


def keepalive():
    return bytes([KEEPALIVE])


def closing(kind, reason, text=b""):
    return bytes([kind, reason, len(text)]) + text


def frame(seq, *rects):
    return frame_begin(seq) + b"".join(rects) + frame_end(seq)


# --- Codec encoders (docs/protocol.md §4; pixels are RGB565 values, row-major). -----------

def be16(v):
    return struct.pack(">H", v & 0xFFFF)


def enc_fill(colour):
    return be16(colour)


def enc_raw(pixels):
    return b"".join(be16(p) for p in pixels)


def enc_copy(src_x, src_y):
    return struct.pack(">HH", src_x, src_y)


def enc_rle(pixels):
    """h < 0x80: h+1 literal pixels; h >= 0x80: one pixel repeated (h & 0x7f) + 1 times."""
    out = bytearray()
    i, n = 0, len(pixels)
    while i < n:
        run = 1
        while i + run < n and run < 128 and pixels[i + run] == pixels[i]:
            run += 1
        if run >= 2:
            out.append(0x80 | (run - 1))
            out += be16(pixels[i])
            i += run
            continue
        j = i
        while j < n and j - i < 128 and not (j + 1 < n and pixels[j + 1] == pixels[j]):
            j += 1
        if j == i:  # a pair starts here after all; emit one literal
            j = i + 1
        out.append(j - i - 1)
        for p in pixels[i:j]:
            out += be16(p)
        i = j
    return bytes(out)


def palette_of(pixels, minimum):
    colours = []
    for p in pixels:
        if p not in colours:
            colours.append(p)
    while len(colours) < minimum:
        colours.append((colours[-1] + 1) & 0xFFFF if colours else 0)
    assert len(colours) <= 16, "too many colours for a palette"
    return colours


def palette_header(colours):
    return bytes([len(colours)]) + b"".join(be16(c) for c in colours)


def enc_palette(pixels, w, h):
    """n colours (2..16), then indices of 1, 2 or 4 bits, MSB first, rows byte-aligned."""
    colours = palette_of(pixels, 2)
    n = len(colours)
    bits = 1 if n <= 2 else (2 if n <= 4 else 4)
    out = bytearray(palette_header(colours))
    for y in range(h):
        acc, used = 0, 0
        for x in range(w):
            acc = (acc << bits) | colours.index(pixels[y * w + x])
            used += bits
            if used == 8:
                out.append(acc)
                acc, used = 0, 0
        if used:
            out.append(acc << (8 - used))
    return bytes(out)


def enc_palette_rle(pixels):
    """n colours (1..16), then items idx<<4 | L: L < 15 a run of L+1, L == 15 16 + next byte."""
    colours = palette_of(pixels, 1)
    out = bytearray(palette_header(colours))
    i = 0
    while i < len(pixels):
        run = 1
        while i + run < len(pixels) and pixels[i + run] == pixels[i]:
            run += 1
        idx = colours.index(pixels[i])
        left = run
        while left > 0:
            take = min(left, 271)
            if take <= 15:
                out.append(idx << 4 | (take - 1))
            else:
                out.append(idx << 4 | 15)
                out.append(take - 16)
            left -= take
        i += run
    return bytes(out)


def predict_tables():
    diff = [0] * 64
    for dr in range(-2, 2):
        for dg in range(-2, 2):
            for db in range(-2, 2):
                tag = (dr + 2) << 4 | (dg + 2) << 2 | (db + 2)
                diff[tag] = (dr * 2048 + dg * 32 + db) & 0xFFFF
    luma = [((dg * 32) + (dg // 2) * 2049) & 0xFFFF for dg in range(-32, 32)]
    return diff, luma


PREDICT_DIFF, PREDICT_LUMA = predict_tables()
assert PREDICT_DIFF[0] == 0xEFBE and PREDICT_DIFF[63] == 0x0821  # firmware/TftStream/src/tfts/client/predict_tables.h
assert PREDICT_LUMA[0] == 0x7BF0 and PREDICT_LUMA[63] == 0x7BEF


def enc_predict(pixels):
    """QOI-like tags over RGB565 values; the predictor starts black in every rectangle."""
    out = bytearray()
    prev = 0
    i = 0
    while i < len(pixels):
        if pixels[i] == prev:
            run = 1
            while i + run < len(pixels) and pixels[i + run] == prev:
                run += 1
            i += run
            while run > 0:
                if run >= 65:
                    take = min(run, 126)
                    out.append(0xC0 + take - 65)
                else:
                    take = run
                    out.append(take - 1)
                run -= take
            continue
        v = pixels[i]
        delta = (v - prev) & 0xFFFF
        if delta in PREDICT_DIFF:
            out.append(0x40 + PREDICT_DIFF.index(delta))
        else:
            for tag, green in enumerate(PREDICT_LUMA):
                d = (v - prev - green + 8 * 2049) & 0xFFFF
                if d & 0x07F0 == 0 and d >> 11 < 16:
                    out += bytes([0x80 + tag, (d >> 11) << 4 | (d & 15)])
                    break
            else:
                out += bytes([0xFE]) + be16(v)
        prev = v
        i += 1
    return bytes(out)


# --- Test images. --------------------------------------------------------------------------

def rgb(r, g, b):
    return (r & 31) << 11 | (g & 63) << 5 | (b & 31)


def lcg(seed):
    state = seed & 0xFFFFFFFF
    while True:
        state = (state * 1103515245 + 12345) & 0xFFFFFFFF
        yield state >> 16


def noise(w, h, seed=1, colours=None):
    g = lcg(seed)
    if colours:
        return [colours[next(g) % len(colours)] for _ in range(w * h)]
    return [next(g) & 0xFFFF for _ in range(w * h)]


def gradient(w, h):
    return [rgb(x * 31 // max(w - 1, 1), (x + y) % 64, y * 31 // max(h - 1, 1))
            for y in range(h) for x in range(w)]


def stripes(w, h, width, colours):
    return [colours[(i // width) % len(colours)] for i in range(w * h)]


def smooth(w, h):
    """Small steps (DIFF), medium steps (LUMA), jumps (literal) and runs."""
    out = []
    for y in range(h):
        for x in range(w):
            if x % 16 < 6:
                out.append(rgb(10 + x % 2, 20 + y % 2, 5))
            elif x % 16 < 12:
                out.append(rgb(x % 32, (x * 3) % 64, (y * 5) % 32))
            else:
                out.append(0x1234 if (x + y) % 3 else 0xFFFF)
    return out


RED, GREEN, BLUE, WHITE, BLACK = 0xF800, 0x07E0, 0x001F, 0xFFFF, 0x0000


# --- The corpus. ---------------------------------------------------------------------------

def corpus():
    """Yields (name, config, stream)."""
    d17 = (17, 5)

    # One rectangle per codec.
    yield "ok.1.fill-1x1", config((1, 1)), frame(1, rect(FILL, 0, 0, 1, 1, enc_fill(RED)))
    yield "ok.1.fill-whole-320x240", config((320, 240), max_payload=256), \
        frame(7, rect(FILL, 0, 0, 320, 240, enc_fill(BLUE)))
    px = noise(17, 5, seed=3)
    yield "ok.1.raw-17x5", config(d17), frame(1, rect(RAW, 0, 0, 17, 5, enc_raw(px)))
    yield "ok.1.raw-column-1x7", config((1, 7)), \
        frame(2, rect(RAW, 0, 0, 1, 7, enc_raw(noise(1, 7, seed=4))))
    px = stripes(17, 5, 6, [RED, GREEN, BLUE]) [:40] + noise(1, 45, seed=9)
    yield "ok.1.rle-runs-and-literals-17x5", config(d17), \
        frame(1, rect(RLE, 0, 0, 17, 5, enc_rle(px)))
    px = stripes(320, 24, 300, [RED, WHITE, BLACK])
    yield "ok.1.rle-long-runs-across-strips-320x240", config((320, 240), max_payload=512), \
        frame(1, rect(RLE, 0, 100, 320, 24, enc_rle(px)))
    px = noise(31, 3, seed=5)
    yield "ok.1.rle-literals-only-31x3", config((31, 3), max_payload=257), \
        frame(1, rect(RLE, 0, 0, 31, 3, enc_rle(px)))
    px = noise(17, 5, seed=6, colours=[RED, BLUE])
    yield "ok.1.palette-1bit-17x5", config(d17), \
        frame(1, rect(PALETTE, 0, 0, 17, 5, enc_palette(px, 17, 5)))
    px = noise(7, 1, seed=7, colours=[RED, GREEN, BLUE])
    yield "ok.1.palette-2bit-7x1", config((7, 1)), \
        frame(1, rect(PALETTE, 0, 0, 7, 1, enc_palette(px, 7, 1)))
    sixteen = [rgb(i, 2 * i, i) for i in range(16)]
    px = sixteen + noise(31 * 3 - 16, 1, seed=8, colours=sixteen)  # all 16: no index check
    yield "ok.1.palette-4bit-16-colours-31x3", config((31, 3)), \
        frame(1, rect(PALETTE, 0, 0, 31, 3, enc_palette(px, 31, 3)))
    px = noise(31, 3, seed=8, colours=sixteen[:11])
    yield "ok.1.palette-4bit-11-colours-31x3", config((31, 3)), \
        frame(1, rect(PALETTE, 0, 0, 31, 3, enc_palette(px, 31, 3)))
    four = [RED, GREEN, BLUE, WHITE]
    px = four + noise(5 * 17 - 4, 1, seed=13, colours=four)
    yield "ok.1.palette-2bit-4-colours-5x17", config((5, 17)), \
        frame(1, rect(PALETTE, 0, 0, 5, 17, enc_palette(px, 5, 17)))
    px = noise(64, 64, seed=10, colours=[RED, GREEN, BLUE, WHITE])
    yield "ok.1.palette-multi-strip-64x64", config((64, 64), max_payload=2048), \
        frame(1, rect(PALETTE, 0, 0, 64, 64, enc_palette(px, 64, 64)))
    px = stripes(17, 5, 4, [RED, GREEN, RED, BLUE])
    yield "ok.1.palette_rle-17x5", config(d17), \
        frame(1, rect(PALETTE_RLE, 0, 0, 17, 5, enc_palette_rle(px)))
    px = stripes(320, 40, 700, [WHITE, BLACK]) + [RED] * 320
    yield "ok.1.palette_rle-long-runs-320x240", config((320, 240), max_payload=256), \
        frame(1, rect(PALETTE_RLE, 0, 199, 320, 41, enc_palette_rle(px)))
    yield "ok.1.palette_rle-one-colour-5x17", config((5, 17)), \
        frame(1, rect(PALETTE_RLE, 0, 0, 5, 17, enc_palette_rle([GREEN] * 85)))
    yield "ok.1.predict-gradient-17x5", config(d17), \
        frame(1, rect(PREDICT, 0, 0, 17, 5, enc_predict(gradient(17, 5))))
    px = smooth(64, 16)
    yield "ok.1.predict-diff-luma-literal-64x64", config((64, 64), max_payload=4096), \
        frame(1, rect(PREDICT, 0, 10, 64, 16, enc_predict(px)))
    px = [BLACK] * 500 + [RED] * 3000 + [WHITE] * 1300
    yield "ok.1.predict-long-runs-480x320", config((480, 320), max_payload=256), \
        frame(1, rect(PREDICT, 0, 0, 480, 10, enc_predict(px)))
    fb64 = config((64, 64), fb=True, max_payload=1000)
    yield "ok.1.copy-overlapping-64x64", fb64, frame(
        1, rect(FILL, 0, 0, 64, 64, enc_fill(RED)),
        rect(COPY, 8, 8, 32, 32, enc_copy(0, 0)),
        rect(COPY, 0, 0, 64, 1, enc_copy(0, 63)),
        rect(COPY, 63, 0, 1, 64, enc_copy(0, 0)))

    # Multi-frame streams with every codec (copy on a framebuffer display).
    w, h = 128, 160
    f1 = frame(1,
               rect(FILL, 0, 0, 128, 160, enc_fill(BLACK)),
               rect(RAW, 3, 5, 9, 7, enc_raw(noise(9, 7, seed=11))),
               rect(RLE, 0, 20, 128, 12, enc_rle(stripes(128, 12, 50, [RED, GREEN]))),
               rect(PALETTE, 17, 40, 33, 9,
                    enc_palette(noise(33, 9, seed=12, colours=[RED, BLUE, WHITE]), 33, 9)),
               keepalive(),
               rect(PALETTE_RLE, 0, 60, 128, 20,
                    enc_palette_rle(stripes(128, 20, 333, [BLUE, WHITE, RED]))),
               rect(PREDICT, 100, 100, 28, 60, enc_predict(gradient(28, 60))))
    f2 = frame(2,
               rect(COPY, 0, 1, 128, 159, enc_copy(0, 0)),
               rect(PREDICT, 0, 0, 128, 1, enc_predict(smooth(128, 1))),
               rect(FILL, 127, 159, 1, 1, enc_fill(WHITE)))
    mixed = f1 + keepalive() + f2
    mcfg = dict(fb=True, max_payload=2048)
    yield "ok.2.all-codecs-two-frames-128x160", config((w, h), **mcfg), mixed
    for chunk, param in (("bytewise", 0), ("fixed", 12), ("random_small", 77),
                         ("split", 100), ("alternate", 13), ("random_mixed", 5),
                         ("fibonacci", 3)):
        yield f"ok.2.all-codecs-{chunk}-128x160", config((w, h), chunk=chunk, param=param,
                                                         **mcfg), mixed
    yield "ok.2.all-codecs-longer-welcome-128x160", \
        config((w, h), chunk="random_mixed", param=9 << 2, handshake="longer", **mcfg), mixed
    yield "ok.2.all-codecs-much-longer-welcome-128x160", \
        config((w, h), chunk="random_small", param=50 << 2, handshake="much_longer", **mcfg), mixed

    three = (frame(0, rect(FILL, 0, 0, 17, 5, enc_fill(RED))) + keepalive() + keepalive() +
             frame_begin(1) + keepalive() + rect(RAW, 16, 4, 1, 1, enc_raw([GREEN])) +
             keepalive() + frame_end(1) +
             frame(0xFFFFFFFF, rect(RLE, 0, 0, 17, 5, enc_rle([BLUE] * 85))))
    yield "ok.3.keepalives-and-seq-wrap-17x5", config(d17, chunk="bytewise"), three
    yield "ok.2.empty-frames", config((2, 2)), frame(5) + frame(6)

    # Edges of the display and of the limits.
    big = config((4096, 4096), fb=True, max_payload=256)
    yield "ok.1.corners-4096x4096", big, frame(
        9, rect(FILL, 4095, 4095, 1, 1, enc_fill(WHITE)),
        rect(RAW, 4095, 0, 1, 2, enc_raw([RED, GREEN])),
        rect(PREDICT, 0, 4095, 4096, 1, enc_predict([RED] * 4096)),
        rect(COPY, 0, 0, 1, 1, enc_copy(4095, 4095)))
    yield "ok.1.raw-full-row-at-max-payload-4096x1", config((4096, 1), max_payload=8192), \
        frame(1, rect(RAW, 0, 0, 4096, 1, enc_raw(gradient(4096, 1))))
    yield "ok.1.rle-tall-column-1x4096", config((1, 4096), max_payload=256), \
        frame(1, rect(RLE, 0, 0, 1, 4096, enc_rle([RED] * 2000 + [BLUE] * 2096)))
    exact = bytes([1]) + be16(GREEN) + bytes([0x00] * 254)  # 257 bytes: 254 runs of one
    assert len(exact) == 257
    yield "ok.1.payload-exactly-max-257x3", config((257, 3), max_payload=257), \
        frame(1, rect(PALETTE_RLE, 3, 2, 254, 1, exact))
    px = gradient(240, 9)  # one full strip of 8 rows and one of 1
    yield "ok.1.predict-strip-plus-one-row-240x135", config((240, 135), max_payload=8192), \
        frame(1, rect(PREDICT, 0, 126, 240, 9, enc_predict(px)))
    yield "ok.1.declared-codecs-only-17x5", \
        config(d17, drop=("rle", "palette", "palette_rle", "predict")), \
        frame(1, rect(RAW, 1, 1, 2, 2, enc_raw([1, 2, 3, 4])), rect(FILL, 0, 0, 1, 1, enc_fill(9)))
    yield "ok.0.welcome-only", config(d17), b""
    yield "ok.0.truncated-in-payload", config(d17, chunk="fixed", param=2), \
        frame_begin(1) + rect(RAW, 0, 0, 17, 5, enc_raw(noise(17, 5)))[:60]
    yield "ok.0.truncated-in-header", config(d17), frame_begin(1) + rect(FILL, 0, 0, 1, 1, b"")[:6]

    # Handshakes: a refusal, and handshakes written by the input (fuzzed by the fuzzer).
    yield "bye.0.refused-then-error", config(d17, handshake="refused"), \
        closing(ERROR, 2, b"unsupported version")
    yield "bye.0.refused-then-error-bytewise", config(d17, chunk="bytewise", handshake="refused"), \
        keepalive() + closing(ERROR, 10, b"")
    yield "ok.1.handshake-from-input", config(d17, handshake="from_input"), \
        welcome(codecs=0x25, session_id=0xDEADBEEF) + \
        frame(1, rect(FILL, 0, 0, 17, 5, enc_fill(RED)))
    yield "ok.1.handshake-from-input-longer-body", \
        config(d17, chunk="split", param=128, handshake="from_input"), \
        welcome(max_in_flight=255, keepalive_ms=0xFFFF, extra=b"v2-extension") + \
        frame(1, rect(RAW, 0, 0, 1, 1, enc_raw([BLUE])))
    yield "ok.0.handshake-from-input-truncated", config(d17, handshake="from_input"), \
        welcome()[:11]
    yield "unsupported_codec.0.codec-not-in-welcome", config(d17, handshake="from_input"), \
        welcome(codecs=0x03) + frame(1, rect(PREDICT, 0, 0, 1, 1, bytes([0x00])))
    yield "bad_magic.0.handshake-from-input", config(d17, handshake="from_input"), \
        welcome(magic=b"TFTX")
    yield "bad_version.0.handshake-from-input", config(d17, handshake="from_input"), \
        welcome(version=2)
    yield "bad_message.0.handshake-short-welcome-body", config(d17, handshake="from_input"), \
        welcome(body_len=8)
    yield "bad_message.0.handshake-max-in-flight-0", config(d17, handshake="from_input"), \
        welcome(max_in_flight=0)

    # The server closes.
    yield "bye.0.bye-no-text", config(d17), closing(BYE, 0)
    yield "bye.1.bye-after-frame-then-ignored", config(d17, chunk="split", param=200), \
        frame(3, rect(FILL, 0, 0, 17, 5, enc_fill(RED))) + closing(BYE, 9, b"server shutdown") + \
        frame(4)
    yield "bye.0.error-message", config(d17, chunk="bytewise"), \
        frame_begin(1) + closing(ERROR, 7, b"corrupt payload in frame 1")
    yield "bye.0.error-long-text", config((1, 1)), closing(ERROR, 1, bytes(range(32, 96)))

    # Errors the decoder must detect (seeds for the error paths).
    px = noise(17, 5, seed=2)
    yield "corrupt_payload.0.rle-run-past-rect", config(d17), \
        frame(1, rect(RLE, 0, 0, 2, 2, bytes([0x84]) + be16(RED)))
    yield "corrupt_payload.0.rle-bytes-after-last-pixel", config(d17), \
        frame(1, rect(RLE, 0, 0, 2, 2, enc_rle([RED] * 4) + bytes([0x00]) + be16(RED)))
    yield "corrupt_payload.0.rle-too-short", config(d17), \
        frame(1, rect(RLE, 0, 0, 17, 5, enc_rle(px)[:-2]))
    yield "corrupt_payload.0.palette-index-too-big", config(d17), \
        frame(1, rect(PALETTE, 0, 0, 4, 1, palette_header([RED, GREEN, BLUE]) + bytes([0x1B])))
    yield "corrupt_payload.0.palette-one-colour", config(d17), \
        frame(1, rect(PALETTE, 0, 0, 4, 1, palette_header([RED]) + bytes([0x00])))
    yield "corrupt_payload.0.palette_rle-run-past-rect", config(d17), \
        frame(1, rect(PALETTE_RLE, 0, 0, 17, 5, palette_header([RED]) + bytes([0x0F, 200])))
    yield "corrupt_payload.1.palette_rle-bad-index-second-frame", config(d17), \
        frame(1, rect(FILL, 0, 0, 1, 1, enc_fill(RED))) + \
        frame(2, rect(PALETTE_RLE, 0, 0, 2, 1, palette_header([RED, BLUE]) + bytes([0x21])))
    yield "corrupt_payload.0.predict-reserved-tag", config(d17), \
        frame(1, rect(PREDICT, 0, 0, 2, 1, bytes([0x45, 0xFF])))
    yield "corrupt_payload.0.predict-truncated-luma", config(d17), \
        frame(1, rect(PREDICT, 0, 0, 2, 1, bytes([0x45, 0x90])))
    yield "corrupt_payload.0.raw-short", config(d17), \
        frame(1, rect(RAW, 0, 0, 2, 2, enc_raw([1, 2, 3])))
    yield "corrupt_payload.0.copy-source-outside", fb64, \
        frame(1, rect(COPY, 0, 0, 10, 10, enc_copy(60, 0)))
    yield "corrupt_payload.0.empty-payload", config(d17), frame(1, rect(FILL, 0, 0, 1, 1, b""))
    yield "unsupported_codec.0.copy-without-framebuffer", config((64, 64)), \
        frame(1, rect(COPY, 0, 0, 1, 1, enc_copy(1, 1)))
    yield "unsupported_codec.0.undeclared-predict", config(d17, drop=("predict",)), \
        frame(1, rect(PREDICT, 0, 0, 1, 1, bytes([0x00])))
    yield "unsupported_codec.0.codec-7", config(d17), frame(1, rect(7, 0, 0, 1, 1, b"\0\0"))
    yield "rect_out_of_bounds.0.one-past-right", config(d17), \
        frame(1, rect(FILL, 1, 0, 17, 1, enc_fill(RED)))
    yield "rect_out_of_bounds.0.zero-height", config(d17), \
        frame(1, rect(FILL, 0, 0, 1, 0, enc_fill(RED)))
    yield "rect_out_of_bounds.0.huge-4096x4096", big, \
        frame(1, rect(FILL, 0xFFFF, 0xFFFF, 2, 2, enc_fill(RED)))
    yield "payload_too_large.0.one-over-max", config((257, 3), max_payload=257), \
        frame(1, rect(RAW, 0, 0, 129, 1, enc_raw([RED] * 129)))
    yield "payload_too_large.0.length-field-4g", config(d17), \
        frame_begin(1) + rect(RAW, 0, 0, 1, 1, b"", length=0xFFFFFFFF)
    yield "bad_sequence.0.rect-outside-frame", config(d17), rect(FILL, 0, 0, 1, 1, enc_fill(RED))
    yield "bad_sequence.0.end-seq-mismatch", config(d17), frame_begin(1) + frame_end(2)
    yield "bad_sequence.0.nested-begin", config(d17), frame_begin(1) + frame_begin(2)
    yield "bad_sequence.0.end-without-begin", config(d17), frame_end(0)
    yield "bad_message.0.ack-from-server", config(d17), bytes([ACK]) + bytes(17)
    yield "bad_message.1.unknown-type-after-frame", config(d17, chunk="alternate", param=4), \
        frame(1, rect(FILL, 0, 0, 1, 1, enc_fill(RED))) + bytes([0xFF])


def golden_vectors(root):
    """The project's golden vectors (proto/spec/vectors: whole streams, WELCOME included),
    on the smallest display of the table that holds them."""
    listing = os.path.join(root, "proto", "spec", "vectors", "vectors.txt")
    if not os.path.exists(listing):
        return
    with open(listing) as f:
        rows = [line.split() for line in f if line.strip() and not line.startswith("#")]
    for name, width, height, max_payload, fb in rows:
        width, height, max_payload, fb = int(width), int(height), int(max_payload), fb == "1"
        with open(os.path.join(os.path.dirname(listing), name + ".tfts"), "rb") as f:
            stream = f.read()
        fits = [d for d in DISPLAYS if d[0] >= width and d[1] >= height]
        display = min(fits, key=lambda d: d[0] * d[1])
        limit = min(m for m in MAX_PAYLOADS if m >= max_payload)
        yield (f"ok.{count_frames(stream)}.golden-{name}",
               config(display, fb=fb, max_payload=limit, handshake="from_input"), stream)


def count_frames(stream):
    """FRAME_ENDs in a whole stream (checks that it parses to the end)."""
    pos = 7 + struct.unpack_from(">H", stream, 5)[0]
    frames = 0
    while pos < len(stream):
        kind = stream[pos]
        if kind in (FRAME_BEGIN, FRAME_END):
            frames += kind == FRAME_END
            pos += 5
        elif kind == RECT:
            pos += 14 + struct.unpack_from(">I", stream, pos + 10)[0]
        elif kind == KEEPALIVE:
            pos += 1
        elif kind in (ERROR, BYE):
            pos += 3 + stream[pos + 2]
        else:
            raise ValueError(f"unknown message 0x{kind:02x} at {pos}")
    assert pos == len(stream), "truncated golden vector"
    return frames


NAME = re.compile(r"^[a-z_]+\.[0-9]+\..+$")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus")
    os.makedirs(out_dir, exist_ok=True)
    for old in os.listdir(out_dir):
        if NAME.match(old):
            os.remove(os.path.join(out_dir, old))
    names = set()
    root = os.path.dirname(os.path.dirname(here))
    for name, cfg, stream in list(corpus()) + list(golden_vectors(root)):
        assert NAME.match(name) and name not in names, name
        names.add(name)
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(cfg + stream)
    print(f"wrote {len(names)} inputs to {out_dir}")


if __name__ == "__main__":
    main()
