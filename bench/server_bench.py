#!/usr/bin/python3
"""End-to-end server benchmarks on loopback (issue 3 figures). Prints one JSON document.

  bench/server_bench.py [--bin build/bin/tftstream] [--workloads DIR] [--only NAME...]

Scenarios:
  e2e      each standard workload as an images: source at 30 fps, played once, to one
           virtual display (320x240, 8 KiB payload, no framebuffer): bit-exact at the end
           against `tftstream render`, frame latency p50/p95 (server: capture -> ACK;
           display: FRAME_BEGIN -> drawn), bytes per frame.
  fanout   16 virtual displays on one screen (video workload, looping, 30 fps): the server's
           CPU seconds per wall second and each display's fps.
  slow     one display that sleeps 200 ms per frame on the looping video workload for 20 s:
           the server's RSS over time and the age of what the display is shown.
  scrape   16 displays as in fanout, and /metrics scraped 200 times back to back: the size of
           the exposition, the scrape's wall time (p50/p95) and the server CPU one scrape
           costs beyond the streaming itself.
  mirror   each workload at 320x240 flushed by a virtual device (`emulate --role source`: the
           device core, 24-row strips, only the changed parts, as LVGL's partial mode) at
           30 fps: bytes per frame device -> server, next to what the server -> display
           encoder (every codec, `tftstream bench`) needs for the same pictures, and whether
           the server's copy (`tftstream shot`) ends equal to the last picture.

The workloads come from ../shared/workloads (generated once into --workloads, default
build/workloads, by scripts/check-workloads or by this script); without them the script says so
and exits 3. Every process it starts, it stops (by PID), and every wait is bounded.
"""
import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = ["dashboard", "terminal", "video", "desktop", "idle", "fade"]
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Server:
    """`tftstream serve` on an ephemeral loopback port, stopped with SIGTERM."""

    def __init__(self, binary, tmp, args):
        self.ready = os.path.join(tmp, "ready.json")
        self.stats = os.path.join(tmp, "server-stats.json")
        self.log = open(os.path.join(tmp, "server.log"), "w")
        cmd = [binary, "serve", "--port", "0", "--http-port", "0", "--set", "server.bind=127.0.0.1",
               "--ready-file", self.ready, "--stats-json", self.stats] + args
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 10
        while not os.path.exists(self.ready) or os.path.getsize(self.ready) == 0:
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("server did not start; see " + self.log.name)
            time.sleep(0.05)
        time.sleep(0.05)
        with open(self.ready) as f:
            ready = json.load(f)
        self.port = ready["port"]
        self.http_port = ready["http_port"]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        with open(self.stats) as f:
            return json.load(f)


def emulate(binary, port, name, tmp, extra):
    out = os.path.join(tmp, name + ".png")
    stats = os.path.join(tmp, name + ".json")
    cmd = [binary, "emulate", "--connect", f"127.0.0.1:{port}", "--name", name,
           "--size", "320x240", "--out", out, "--stats-json", stats] + extra
    return subprocess.Popen(cmd, stderr=subprocess.DEVNULL), out, stats


def same_png(a, b):
    from PIL import Image
    with Image.open(a) as ia, Image.open(b) as ib:
        return ia.convert("RGB").tobytes() == ib.convert("RGB").tobytes()


def session_of(server_stats, name):
    for d in server_stats["displays"] + server_stats["departed"]:
        if d["name"] == name:
            return d
    return None


def run_e2e(binary, workloads, tmp):
    results = {}
    for w in WORKLOADS:
        src = os.path.join(workloads, w)
        frames = len([f for f in os.listdir(src) if f.endswith(".png")])
        args = ["--source", "images:" + src, "--set", "screens.main.loop=false"]
        expected = os.path.join(tmp, w + "-expected.png")
        subprocess.run([binary, "render", "--size", "320x240", "--seconds", "1000",
                        "--out", expected] + args, check=True)
        server = Server(binary, tmp, args)
        seconds = frames / 30.0 + 1.5
        proc, out, stats = emulate(binary, server.port, w, tmp, ["--seconds", str(seconds)])
        proc.wait(timeout=seconds + 30)
        server_stats = server.stop()
        with open(stats) as f:
            display = json.load(f)
        session = session_of(server_stats, w)
        results[w] = {
            "source_frames": frames,
            "frames_drawn": display["frames"],
            "bit_exact": same_png(out, expected),
            "bytes_per_frame": round(display["bytes"] / max(display["frames"], 1)),
            "latency_ms_capture_to_ack": session["latency_ms"] if session else None,
            "latency_ms_begin_to_drawn": display["latency_ms"],
        }
    return results


def run_fanout(binary, workloads, tmp, displays=16, seconds=14.0):
    server = Server(binary, tmp, ["--source", "images:" + os.path.join(workloads, "video"),
                                  "--set", "screens.main.loop=true"])
    procs = [emulate(binary, server.port, f"fan{i:02d}", tmp, ["--seconds", str(seconds)])
             for i in range(displays)]
    # The 120-frame clip loops every 4 s; from the second round on its PNGs come from the
    # source's memory, so the window measures the server (pipeline, encode, network) and not
    # PNG decoding, which the first round's figures below show separately.
    time.sleep(5.0)
    c0, t0 = cpu_seconds(server.proc.pid), time.time()
    time.sleep(6.0)
    c1, t1 = cpu_seconds(server.proc.pid), time.time()
    for p, _, _ in procs:
        p.wait(timeout=seconds + 30)
    server_stats = server.stop()
    fps = []
    for _, _, stats in procs:
        with open(stats) as f:
            fps.append(round(json.load(f)["fps"], 1))
    return {
        "displays": displays,
        "source_fps": 30,
        "server_cpu_seconds_per_second": round((c1 - c0) / (t1 - t0), 3),
        "display_fps": fps,
        "display_fps_min": min(fps),
        "screen_grab_seconds": round(server_stats["screens"][0]["grab_seconds"], 3),
        "screen_process_seconds": round(server_stats["screens"][0]["process_seconds"], 3),
        "server_seconds": seconds,
        "encodes": server_stats["encodes"],
        "shared_encodes": server_stats["shared_encodes"],
    }


def run_slow(binary, workloads, tmp, max_in_flight, seconds=20.0, delay_ms=200):
    server = Server(binary, tmp, ["--source", "images:" + os.path.join(workloads, "video"),
                                  "--set", "screens.main.loop=true",
                                  "--set", f"server.max_in_flight={max_in_flight}"])
    proc, _, stats = emulate(binary, server.port, "slow", tmp,
                             ["--seconds", str(seconds), "--draw-delay-ms", str(delay_ms)])
    samples = []
    start = time.time()
    while proc.poll() is None and time.time() - start < seconds + 30:
        samples.append(rss_kib(server.proc.pid))
        time.sleep(0.5)
    proc.wait(timeout=30)
    server_stats = server.stop()
    with open(stats) as f:
        display = json.load(f)
    session = session_of(server_stats, "slow")
    half = len(samples) // 2
    return {
        "max_in_flight": max_in_flight,
        "draw_delay_ms": delay_ms,
        "seconds": seconds,
        "frames_drawn": display["frames"],
        "source_frames_in_that_time": int(seconds * 30),
        "server_rss_kib_first_half_max": max(samples[:half]) if half else None,
        "server_rss_kib_second_half_max": max(samples[half:]) if samples else None,
        "latency_ms_capture_to_ack": session["latency_ms"] if session else None,
    }


def run_scrape(binary, workloads, tmp, displays=16, scrapes=200):
    import urllib.request
    server = Server(binary, tmp, ["--source", "images:" + os.path.join(workloads, "video"),
                                  "--set", "screens.main.loop=true"])
    seconds = 20.0
    procs = [emulate(binary, server.port, f"fan{i:02d}", tmp, ["--seconds", str(seconds)])
             for i in range(displays)]
    url = f"http://127.0.0.1:{server.http_port}/metrics"
    time.sleep(5.0)  # past the clip's first round (PNG decoding)
    c0, t0 = cpu_seconds(server.proc.pid), time.time()
    time.sleep(3.0)
    c1, t1 = cpu_seconds(server.proc.pid), time.time()
    walls, size = [], 0
    for _ in range(scrapes):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=5) as r:
            size = len(r.read())
        walls.append(time.perf_counter() - start)
    c2, t2 = cpu_seconds(server.proc.pid), time.time()
    for p, _, _ in procs:
        p.wait(timeout=seconds + 30)
    server.stop()
    base_rate = (c1 - c0) / (t1 - t0)
    walls.sort()
    return {
        "displays": displays,
        "scrapes": scrapes,
        "exposition_bytes": size,
        "scrape_wall_ms_p50": round(walls[len(walls) // 2] * 1000, 2),
        "scrape_wall_ms_p95": round(walls[int(len(walls) * 0.95)] * 1000, 2),
        "server_cpu_seconds_per_second_streaming": round(base_rate, 3),
        "server_cpu_ms_per_scrape": round(((c2 - c1) - base_rate * (t2 - t1)) / scrapes * 1000, 2),
    }


def nearest565_expanded(png):
    """A PNG as a device holds it (each channel rounded to RGB565), expanded back to RGB888."""
    from PIL import Image
    with Image.open(png) as im:
        rgb = im.convert("RGB").tobytes()
    out = bytearray(len(rgb))
    for i in range(0, len(rgb), 3):
        r = (rgb[i] * 31 + 127) // 255
        g = (rgb[i + 1] * 63 + 127) // 255
        b = (rgb[i + 2] * 31 + 127) // 255
        out[i:i + 3] = bytes(((r << 3) | (r >> 2), (g << 2) | (g >> 4), (b << 3) | (b >> 2)))
    return bytes(out)


def run_mirror(binary, workloads, tmp):
    from PIL import Image
    results = {}
    for w in WORKLOADS:
        src = os.path.join(workloads, w)
        pngs = sorted(f for f in os.listdir(src) if f.endswith(".png"))
        server = Server(binary, tmp, ["--source", "test"])
        stats = os.path.join(tmp, w + "-device.json")
        subprocess.run([binary, "emulate", "--role", "source", "--frames", src, "--name", w,
                        "--connect", f"127.0.0.1:{server.port}", "--fps", "30",
                        "--seconds", "0.5", "--stats-json", stats],
                       check=True, stderr=subprocess.DEVNULL, timeout=120)
        shot = os.path.join(tmp, w + "-shot.png")
        subprocess.run([binary, "shot", "--device", w, "--server",
                        f"127.0.0.1:{server.http_port}", "--out", shot],
                       check=True, stderr=subprocess.DEVNULL, timeout=30)
        server.stop()
        with open(stats) as f:
            device = json.load(f)
        bench = json.loads(subprocess.run(
            [binary, "bench", "--frames", src, "--size", "320x240", "--json"],
            check=True, capture_output=True, text=True, timeout=300).stdout)["workloads"][w]
        with Image.open(shot) as im:
            held = im.convert("RGB").tobytes()
        results[w] = {
            "pictures": len(pngs),
            "frames": device["frames"],  # a picture that changed nothing sends no frame
            "device_bytes_per_frame": round(device["bytes"] / len(pngs)),
            "server_to_display_bytes_per_frame": round(bench["bytes_per_frame"]),
            "raw_bytes_per_frame": 320 * 240 * 2,
            "server_copy_exact": held == nearest565_expanded(os.path.join(src, pngs[-1])),
        }
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin", "tftstream"))
    ap.add_argument("--workloads", default=os.path.join(ROOT, "build", "workloads"))
    ap.add_argument("--only", nargs="*", default=["e2e", "fanout", "slow", "scrape", "mirror"])
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.workloads, "video")):
        gen = os.path.join(ROOT, "..", "shared", "workloads", "workloads.py")
        if not os.path.exists(gen):
            print("server_bench: no workloads: ../shared/workloads/workloads.py is absent "
                  "(the standard workloads live there)", file=sys.stderr)
            return 3
        subprocess.run([sys.executable, gen, "--out", a.workloads, "--size", "640x480"],
                       check=True, stdout=subprocess.DEVNULL)
    report = {
        "machine": {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                    "kernel": platform.release()},
        "date": time.strftime("%Y-%m-%d"),
    }
    with tempfile.TemporaryDirectory(prefix="tfts-bench-") as tmp:
        if "e2e" in a.only:
            report["e2e"] = run_e2e(a.bin, a.workloads, tmp)
        if "fanout" in a.only:
            report["fanout"] = [run_fanout(a.bin, a.workloads, tmp, n) for n in (1, 16)]
        if "slow" in a.only:
            report["slow"] = [run_slow(a.bin, a.workloads, tmp, n) for n in (2, 1)]
        if "scrape" in a.only:
            report["scrape"] = run_scrape(a.bin, a.workloads, tmp)
        if "mirror" in a.only:
            small = a.workloads.rstrip("/") + "-320x240"
            if not os.path.isdir(os.path.join(small, "video")):
                gen = os.path.join(ROOT, "..", "shared", "workloads", "workloads.py")
                subprocess.run([sys.executable, gen, "--out", small, "--size", "320x240"],
                               check=True, stdout=subprocess.DEVNULL)
            report["mirror"] = run_mirror(a.bin, small, tmp)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
