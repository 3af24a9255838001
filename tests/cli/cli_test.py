#!/usr/bin/python3
"""The tftstream program as a user runs it: serve, emulate, render, shot, config errors, and a
client that reads the seed protocol exactly like the seed's ESP32 sketch.

Usage: cli_test.py PATH/TO/tftstream   (registered in ctest as cli_tests)
Every process started here is stopped here, by PID; every wait is bounded.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

from PIL import Image

BIN = None


def write_frames(directory, count, size=(320, 240)):
    """A PNG sequence with detail everywhere, different per frame."""
    w, h = size
    for i in range(count):
        img = Image.new("RGB", size)
        img.putdata([((x * 3 + i * 40) & 255, (y * 5 + i * 17) & 255, ((x ^ y) + i * 90) & 255)
                     for y in range(h) for x in range(w)])
        img.save(os.path.join(directory, f"frame_{i:03d}.png"))


def pixels(path):
    with Image.open(path) as im:
        return im.convert("RGB").tobytes()


class Serve:
    """`tftstream serve` on ephemeral loopback ports."""

    def __init__(self, tmp, *args):
        self.ready = os.path.join(tmp, "ready.json")
        if os.path.exists(self.ready):
            os.remove(self.ready)
        self.log_path = os.path.join(tmp, "serve.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--port", "0", "--http-port", "0", "--set", "server.bind=127.0.0.1",
             "--set", "legacy.bind=127.0.0.1", "--set", "legacy.port=0",
             "--ready-file", self.ready, *args],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while not (os.path.exists(self.ready) and os.path.getsize(self.ready) > 0):
            if time.time() > deadline or self.proc.poll() is not None:
                with open(self.log_path) as f:
                    raise AssertionError("serve did not start:\n" + f.read())
            time.sleep(0.05)
        time.sleep(0.05)
        with open(self.ready) as f:
            self.ports = json.load(f)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.log.close()
        with open(self.log_path) as f:
            return code, f.read()


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp_holder = tempfile.TemporaryDirectory(prefix="tfts-cli-")
        self.tmp = self.tmp_holder.name

    def tearDown(self):
        self.tmp_holder.cleanup()

    def run_tool(self, *args, timeout=60):
        return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=timeout)

    def test_config_errors_are_reported_together(self):
        cfg = os.path.join(self.tmp, "bad.toml")
        with open(cfg, "w") as f:
            f.write("[server]\nport = \"abc\"\nprot = 1\n[screens.main]\ngamma = 7\n")
        r = self.run_tool("serve", "--config", cfg, "--seconds", "1")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("server.port", r.stderr)
        self.assertIn("screens.main.gamma", r.stderr)
        self.assertIn('unknown key "server.prot"', r.stderr)
        self.assertIn("2 configuration error(s)", r.stderr)

    def test_unknown_source_is_a_clear_error(self):
        r = self.run_tool("serve", "--source", "webcam:0", "--port", "0", "--seconds", "1")
        self.assertEqual(r.returncode, 2)
        self.assertIn("webcam", r.stderr)
        self.assertIn("images:", r.stderr)  # it lists what is known

    def test_help_config_lists_the_schema(self):
        r = self.run_tool("serve", "--help-config")
        self.assertEqual(r.returncode, 0)
        for key in ("server.max_in_flight", "screens.*.gamma", "legacy.max_packet"):
            self.assertIn(key, r.stdout)

    def test_emulated_display_ends_on_what_render_says(self):
        frames = os.path.join(self.tmp, "frames")
        os.mkdir(frames)
        write_frames(frames, 4)
        source = ["--source", "images:" + frames, "--set", "screens.main.loop=false"]
        expected = os.path.join(self.tmp, "expected.png")
        r = self.run_tool("render", *source, "--size", "160x120", "--seconds", "100",
                          "--out", expected)
        self.assertEqual(r.returncode, 0, r.stderr)
        serve = Serve(self.tmp, *source)
        try:
            out = os.path.join(self.tmp, "display.png")
            stats = os.path.join(self.tmp, "stats.json")
            r = self.run_tool("emulate", "--connect", f"127.0.0.1:{serve.ports['port']}",
                              "--size", "160x120", "--name", "cli", "--seconds", "1.5",
                              "--out", out, "--stats-json", stats)
            self.assertEqual(r.returncode, 0, r.stderr)
        finally:
            code, log = serve.stop()
        self.assertEqual(code, 0, log)
        self.assertEqual(pixels(out), pixels(expected))
        with open(stats) as f:
            s = json.load(f)
        self.assertGreaterEqual(s["frames"], 1)
        self.assertGreater(s["bytes"], 0)
        self.assertEqual(s["last_error"], "")
        self.assertIn("display 'cli'", log)
        self.assertIn("listening on 127.0.0.1:", log)
        self.assertIn("server stopped", log)

    def test_seed_sketch_client_ends_on_the_target(self):
        """Reads like the seed's esp32.ino: 12-byte header, then dataLen bytes, pushImage."""
        frames = os.path.join(self.tmp, "frames")
        os.mkdir(frames)
        write_frames(frames, 2)
        source = ["--source", "images:" + frames, "--set", "screens.main.loop=false"]
        expected = os.path.join(self.tmp, "expected.png")
        self.assertEqual(self.run_tool("render", *source, "--size", "128x96", "--seconds", "100",
                                       "--out", expected).returncode, 0)
        with Image.open(expected) as im:
            want = im.convert("RGB")
        serve = Serve(self.tmp, *source, "--legacy", "--set", "legacy.width=128",
                      "--set", "legacy.height=96")
        panel = bytearray(128 * 96 * 2)
        try:
            sock = socket.create_connection(("127.0.0.1", serve.ports["legacy_port"]), timeout=5)
            sock.settimeout(0.2)
            buf = b""
            deadline = time.time() + 10
            matched = False
            while time.time() < deadline and not matched:
                try:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    buf += chunk
                except socket.timeout:
                    pass
                while len(buf) >= 12:
                    x, y, w, h = (int.from_bytes(buf[i:i + 2], "big") for i in (0, 2, 4, 6))
                    n = int.from_bytes(buf[8:12], "big")
                    self.assertLessEqual(n, 10 * 1024, "over the sketch's PIXEL_BUFFER_SIZE")
                    self.assertEqual(n, w * h * 2)
                    if len(buf) < 12 + n:
                        break
                    data = buf[12:12 + n]
                    for row in range(h):
                        at = ((y + row) * 128 + x) * 2
                        panel[at:at + w * 2] = data[row * w * 2:(row + 1) * w * 2]
                    buf = buf[12 + n:]
                matched = self.panel_matches(panel, want)
            sock.close()
        finally:
            serve.stop()
        self.assertTrue(matched, "the seed client's panel never matched the target")

    def test_shot_turns_raw_dumps_into_pngs_in_both_byte_orders(self):
        """Replaces ffmpeg -f rawvideo -pix_fmt rgb565be|rgb565le -s WxH (and a padded stride)."""
        w, h, stride = 37, 11, 37 * 2 + 6
        values = [(x * 1777 + y * 4099 + (x ^ y)) & 0xFFFF for y in range(h) for x in range(w)]
        want = self.expand(values)
        for fmt, order in (("rgb565be", "big"), ("rgb565le", "little")):
            dump = os.path.join(self.tmp, f"{fmt}.raw")
            with open(dump, "wb") as f:
                for y in range(h):
                    row = b"".join(v.to_bytes(2, order) for v in values[y * w:(y + 1) * w])
                    f.write(row + b"\xEE" * (stride - 2 * w))
            out = os.path.join(self.tmp, f"{fmt}.png")
            r = self.run_tool("shot", "--raw", dump, "--size", f"{w}x{h}", "--format", fmt,
                              "--stride", str(stride), "--out", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(pixels(out), want, fmt)
        # A dump too short for its size says so, and writes nothing.
        r = self.run_tool("shot", "--raw", dump, "--size", f"{w}x{h + 1}", "--stride", str(stride),
                          "--out", os.path.join(self.tmp, "short.png"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("needs", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "short.png")))

    def test_shot_of_a_live_device_and_its_relay_to_a_display(self):
        frames = os.path.join(self.tmp, "frames")
        os.mkdir(frames)
        write_frames(frames, 3, size=(96, 64))
        serve = Serve(self.tmp, "--set", "screens.main.source=test",
                      "--set", "screens.relay.source=device:panel",
                      "--set", "screens.relay.displays=mirror")
        device = None
        try:
            device = subprocess.Popen(
                [BIN, "emulate", "--role", "source", "--frames", frames, "--name", "panel",
                 "--connect", f"127.0.0.1:{serve.ports['port']}", "--fps", "20",
                 "--seconds", "20"], stderr=subprocess.DEVNULL)
            out = os.path.join(self.tmp, "device.png")
            deadline = time.time() + 10
            while True:
                r = self.run_tool("shot", "--device", "panel", "--out", out,
                                  "--server", f"127.0.0.1:{serve.ports['http_port']}")
                if r.returncode == 0 and pixels(out) == self.nearest(frames, "frame_002.png"):
                    break
                self.assertLess(time.time(), deadline, r.stderr)
                time.sleep(0.2)
            mirror = os.path.join(self.tmp, "mirror.png")
            r = self.run_tool("emulate", "--connect", f"127.0.0.1:{serve.ports['port']}",
                              "--size", "96x64", "--name", "mirror", "--seconds", "1",
                              "--out", mirror)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(pixels(mirror), pixels(out))
            r = self.run_tool("shot", "--device", "nobody", "--out", out,
                              "--server", f"127.0.0.1:{serve.ports['http_port']}")
            self.assertEqual(r.returncode, 1)
            self.assertIn("404", r.stderr)
        finally:
            if device is not None:
                device.terminate()
                device.wait(timeout=10)
            serve.stop()

    @staticmethod
    def expand(values):
        """RGB565 values -> RGB888 bytes by bit replication, as the PNG writer expands them."""
        out = bytearray()
        for v in values:
            r, g, b = v >> 11, (v >> 5) & 63, v & 31
            out += bytes(((r << 3) | (r >> 2), (g << 2) | (g >> 4), (b << 3) | (b >> 2)))
        return bytes(out)

    @classmethod
    def nearest(cls, directory, name):
        """A PNG as a device holds it: each channel rounded to RGB565, then expanded."""
        with Image.open(os.path.join(directory, name)) as im:
            rgb = im.convert("RGB").tobytes()
        values = []
        for i in range(0, len(rgb), 3):
            r, g, b = (min(31, (rgb[i] * 31 + 127) // 255), min(63, (rgb[i + 1] * 63 + 127) // 255),
                       min(31, (rgb[i + 2] * 31 + 127) // 255))
            values.append(r << 11 | g << 5 | b)
        return cls.expand(values)

    @staticmethod
    def panel_matches(panel, want):
        # RGB565 big-endian -> RGB888 by bit replication, as our PNG writer expands it.
        out = bytearray()
        for i in range(0, len(panel), 2):
            v = panel[i] << 8 | panel[i + 1]
            r, g, b = v >> 11, (v >> 5) & 63, v & 31
            out += bytes(((r << 3) | (r >> 2), (g << 2) | (g >> 4), (b << 3) | (b >> 2)))
        return bytes(out) == want.tobytes()


if __name__ == "__main__":
    BIN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
