#!/usr/bin/python3
"""The real TftStream example sketches, built for Linux against the shims in shim/, end to end
against the real server: the fake panel must end bit-exact with what `tftstream render` says,
show the failure in words when the server goes away, come back within 2 s of the server's
restart (and after a SIGKILL or a 5 s outage), survive a server that answers garbage, and cope
with 7-byte Wi-Fi fragments and 5-byte short writes.

Usage: firmware_test.py PATH/TO/tftstream HOST_SKETCH...   (ctest: firmware_host_tests)
Loopback only; every process started here is stopped here, by PID; every wait is bounded.
"""
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest

from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from host_processes import GarbageServer, HostSketch, Serve  # noqa: E402

SERVER = None
SKETCHES = []
PANEL = "240x320"      # the glass at rotation 0; the examples turn it to 320x240
RECOVERY_LIMIT_S = 2.0
# After a long outage the retry interval has grown to the client's maximum (2 s), so the worst
# case is that plus a handshake and a frame; the test checks the backoff is capped there.
LONG_OUTAGE_S = 5.0
LONG_OUTAGE_LIMIT_S = 3.0
# Slips the fake panels count; any of them is a bug in how the library drives the panel.
SLIPS = ("unbalanced_end_write", "pixels_outside_write", "pixels_past_window", "clipped_pixels",
         "dma_without_init", "rgb332_pushes")
# Words a status screen uses for "the link failed" (any one will do; the library chooses).
ERROR_WORDS = ("closed", "shutdown", "shut down", "stopp", "lost", "refused", "cannot", "can't",
               "fail", "timeout", "timed out", "no answer", "unreachable", "error", "bye",
               "gone", "down", "reconnect")
GARBAGE_WORDS = ("magic", "protocol", "not a tftstream", "handshake", "version", "bad",
                 "invalid", "unexpected", "garbage", "corrupt")


def write_frames(directory, count=8, size=(320, 240)):
    """A PNG sequence over a fixed detailed background, where each frame changes only some
    regions (a moving solid box, a two-colour stripe, a noisy patch), so the server sends
    partial updates with several codecs, not just whole frames."""
    w, h = size
    background = [((x * 3) & 255, (y * 5) & 255, (x ^ y) & 255) for y in range(h) for x in range(w)]
    for i in range(count):
        px = list(background)
        for y in range(40, 70):
            for x in range(20 + i * 30, 60 + i * 30):
                px[y * w + x] = (i * 30 & 255, 200, 255 - i * 30 & 255)
        for y in range(150, 170):
            for x in range(w):
                px[y * w + x] = (250, 250, 250) if (x + i * 3) // 4 % 2 else (10, 20, 120)
        for y in range(180, 220):
            for x in range(200, 260):
                px[y * w + x] = ((x * y + i * 13) & 255, (x * 7 + i * 50) & 255, (y * 11) & 255)
        img = Image.new("RGB", size)
        img.putdata(px)
        img.save(os.path.join(directory, f"frame_{i:03d}.png"))


def rgb565(path):
    """The picture as RGB565 triples, so both sides compare at the panel's precision."""
    try:
        with Image.open(path) as im:
            data = im.convert("RGB").tobytes()
            size = im.size
    except (OSError, ValueError):
        return None, None
    return size, bytes(b >> s for b, s in zip(data, (3, 2, 3) * (len(data) // 3)))


class FirmwareHostTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp_holder = tempfile.TemporaryDirectory(prefix="tfts-fw-host-")
        cls.tmp = cls.tmp_holder.name
        frames = os.path.join(cls.tmp, "frames")
        os.mkdir(frames)
        write_frames(frames)
        cls.source = ["--source", "images:" + frames, "--set", "screens.main.loop=false"]
        # The first server plays the frames over a second, while the sketch is connected; a
        # restarted one plays them at once, so recovery times measure reconnection only.
        cls.playing = cls.source + ["--set", "screens.main.fps=8"]
        cls.instant = cls.source + ["--set", "screens.main.fps=240"]
        cls.expected = {}

    @classmethod
    def tearDownClass(cls):
        cls.tmp_holder.cleanup()

    def setUp(self):
        self.processes = []

    def tearDown(self):
        for p in reversed(self.processes):
            p.stop()

    def start(self, thing):
        self.processes.append(thing)
        return thing

    def expected_for(self, size):
        """What `tftstream render` says the last frame looks like at this panel size."""
        if size not in self.expected:
            out = os.path.join(self.tmp, f"expected_{size}.png")
            r = subprocess.run([SERVER, "render", *self.source, "--size", size, "--seconds", "100",
                                "--out", out], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.expected[size] = rgb565(out)[1]
        return self.expected[size]

    def panel_is_exact(self, sketch, state):
        size = state.get("size")
        return size is not None and rgb565(sketch.png)[1] == self.expected_for(size)

    def mismatch(self, sketch, state):
        """Why the panel is not the render: size, differing pixels, the first one (got/want)."""
        size = state.get("size")
        if size is None:
            return f"no panel saved; sketch output:\n{self.output_tail(sketch)}"
        got, want = rgb565(sketch.png)[1], self.expected_for(size)
        if got is None or len(got) != len(want):
            return f"panel {size}: unreadable or wrong size"
        bad = [i for i in range(0, len(want), 3) if got[i:i + 3] != want[i:i + 3]]
        if not bad:
            return "matches now"
        w = int(size.split("x")[0])
        i = bad[0]
        return (f"panel {size}: {len(bad)} pixels differ, first at ({i // 3 % w}, {i // 3 // w}): "
                f"got RGB565 fields {tuple(got[i:i + 3])}, want {tuple(want[i:i + 3])}; "
                f"screen text {state['text']}; counters {state['count']}")

    @staticmethod
    def output_tail(sketch):
        sketch.out.flush()
        with open(sketch.out_path, errors="replace") as f:
            return f.read()[-1500:]

    def assert_frames_acked(self, serve):
        """The server's own account of the session: several frames, every one acknowledged."""
        with open(serve.log_path) as f:
            log = f.read()
        found = re.findall(r"(\d+) frames sent, (\d+) acked", log)
        self.assertTrue(found, "no session in the server's log:\n" + log[-2000:])
        sent, acked = (int(v) for v in found[-1])
        print(f"  server: {sent} frames sent, {acked} acked", file=sys.stderr)
        self.assertGreaterEqual(acked, 2, "the frames did not play while the sketch was connected")
        self.assertEqual(sent, acked)

    def assert_no_slips(self, state, sketch):
        for slip in SLIPS:
            self.assertEqual(state["count"].get(slip, 0), 0,
                             f"{slip} in {sketch.log}: {state['count']}")

    def finish(self, sketch):
        self.processes.remove(sketch)
        code, out = sketch.stop()
        self.assertEqual(code, 0, "the sketch ended badly (3 = startWrite/endWrite unbalanced):\n"
                         + out[-2000:])
        return out

    def stream_kill_restart(self, binary, outage=0.0, limit=RECOVERY_LIMIT_S):
        serve = self.start(Serve(SERVER, self.tmp, self.playing))
        sketch = self.start(HostSketch(binary, self.tmp, serve.port, PANEL))
        state, took = sketch.wait_for(lambda s: self.panel_is_exact(sketch, s), 10)
        self.assertIsNotNone(took, "never matched: " + self.mismatch(sketch, state))
        print(f"\n  {os.path.basename(binary)}: exact {took:.2f} s after start, "
              f"panel {state.get('size')}", file=sys.stderr)
        self.assert_no_slips(state, sketch)

        self.processes.remove(serve)
        serve.stop()
        self.assert_frames_acked(serve)

        def says_server_failed(s):
            words = " | ".join(s["text"]).lower()
            return "server" in words and any(w in words for w in ERROR_WORDS)
        state, took = sketch.wait_for(says_server_failed, 8)
        self.assertIsNotNone(took, f"no status screen about the server: {state['text']}")
        print(f"  status after SIGTERM ({took:.2f} s): {state['text']}", file=sys.stderr)
        time.sleep(outage)

        serve = self.start(Serve(SERVER, self.tmp, self.instant, port=serve.port))
        state, took = sketch.wait_for(lambda s: self.panel_is_exact(sketch, s), 6)
        self.assertIsNotNone(took, "no recovery: " + self.mismatch(sketch, state))
        recovery = time.monotonic() - serve.started
        print(f"  recovery: exact again {recovery:.2f} s after the server was back "
              f"(down {outage:.1f} s more)", file=sys.stderr)
        self.assertLessEqual(recovery, limit)
        self.assert_no_slips(state, sketch)
        self.finish(sketch)

    def long_outage(self, binary):
        self.stream_kill_restart(binary, LONG_OUTAGE_S, LONG_OUTAGE_LIMIT_S)

    def abrupt_server_death(self, binary):
        """SIGKILL: no BYE, only a FIN the device cannot see (WiFiClient.h); the sketch must
        notice by its own keepalive timeout or a failed write (3 x keepalive_ms = 6 s)."""
        serve = self.start(Serve(SERVER, self.tmp, self.playing))
        sketch = self.start(HostSketch(binary, self.tmp, serve.port, PANEL))
        state, took = sketch.wait_for(lambda s: self.panel_is_exact(sketch, s), 10)
        self.assertIsNotNone(took, "never matched: " + self.mismatch(sketch, state))
        serve.proc.kill()
        killed = time.monotonic()
        serve.proc.wait(timeout=10)

        def says_failed(s):
            words = " | ".join(s["text"]).lower()
            return any(w in words for w in ERROR_WORDS)
        state, took = sketch.wait_for(says_failed, 10)
        self.assertIsNotNone(took, f"a dead server went unnoticed: {state['text']}")
        print(f"\n  {os.path.basename(binary)}: server SIGKILLed, status after "
              f"{time.monotonic() - killed:.2f} s: {state['text']}", file=sys.stderr)
        self.processes.remove(serve)
        serve.stop()
        serve = self.start(Serve(SERVER, self.tmp, self.instant, port=serve.port))
        state, took = sketch.wait_for(lambda s: self.panel_is_exact(sketch, s), 6)
        self.assertIsNotNone(took, "no recovery: " + self.mismatch(sketch, state))
        recovery = time.monotonic() - serve.started
        print(f"  recovery: exact again {recovery:.2f} s after the server was back",
              file=sys.stderr)
        self.assertLessEqual(recovery, RECOVERY_LIMIT_S)
        self.finish(sketch)

    def garbage_server(self, binary):
        fake = self.start(GarbageServer())
        sketch = self.start(HostSketch(binary, self.tmp, fake.port, PANEL))

        def says_garbage(s):
            words = " | ".join(s["text"]).lower()
            return any(w in words for w in GARBAGE_WORDS)
        state, took = sketch.wait_for(says_garbage, 6)
        self.assertIsNotNone(took, f"no error in words on the status screen: {state['text']}")
        first = state["count"].get("net_connects", 0)
        first_text = list(state["text"])
        time.sleep(2.5)
        state = sketch.snapshot()
        later = state["count"].get("net_connects", 0)
        print(f"\n  {os.path.basename(binary)} vs garbage: {first_text} -> {state['text']}; "
              f"connects {first} -> {later}, accepted {fake.accepted}", file=sys.stderr)
        self.assertGreater(later, first, "the sketch stopped reconnecting")
        self.assertGreaterEqual(fake.accepted, 3)
        # If the screen shows an attempt counter, it must have moved too.
        counter = re.compile(r"attempt\D*(\d+)", re.IGNORECASE)
        before = [int(m.group(1)) for t in first_text for m in [counter.search(t)] if m]
        after = [int(m.group(1)) for t in state["text"] for m in [counter.search(t)] if m]
        if before and after:
            self.assertGreater(max(after), max(before), "the attempts shown did not grow")
        self.assert_no_slips(state, sketch)
        self.finish(sketch)

    def tiny_fragments(self, binary):
        serve = self.start(Serve(SERVER, self.tmp, self.playing))
        sketch = self.start(HostSketch(binary, self.tmp, serve.port, PANEL,
                                       TFTS_SHIM_MAX_READ="7", TFTS_SHIM_MAX_WRITE="5",
                                       TFTS_HOST_LOOP_NAP_US="10"))
        state, took = sketch.wait_for(lambda s: self.panel_is_exact(sketch, s), 15)
        self.assertIsNotNone(took, "7-byte reads, 5-byte writes: " + self.mismatch(sketch, state))
        print(f"\n  {os.path.basename(binary)}, 7-byte reads, 5-byte writes: exact after "
              f"{took:.2f} s", file=sys.stderr)
        self.assert_no_slips(state, sketch)
        self.finish(sketch)


def add_tests():
    """One set of tests per sketch binary named on the command line; build-flag variants
    (host_*_nodma) differ only in how pixels reach the panel, so they get the stream test."""
    for index, binary in enumerate(SKETCHES):
        name = re.sub(r"\W", "_", os.path.basename(binary))
        variant = name.endswith("_nodma")
        for kind in ("stream_kill_restart",) if variant else ("stream_kill_restart",
                                                              "garbage_server"):
            setattr(FirmwareHostTest, f"test_{name}_{kind}",
                    lambda self, b=binary, k=kind: getattr(self, k)(b))
        if index == 0:  # once is enough for these (they cost time, not coverage)
            for kind in ("tiny_fragments", "abrupt_server_death", "long_outage"):
                setattr(FirmwareHostTest, f"test_{name}_{kind}",
                        lambda self, b=binary, k=kind: getattr(self, k)(b))


if __name__ == "__main__":
    SERVER = os.path.abspath(sys.argv[1])
    SKETCHES = [os.path.abspath(p) for p in sys.argv[2:]]
    del sys.argv[1:]
    if not SKETCHES:
        sys.exit("usage: firmware_test.py TFTSTREAM HOST_SKETCH...")
    add_tests()
    unittest.main(verbosity=2)
