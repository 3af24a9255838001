#!/usr/bin/python3
"""Prometheus both ways, against the real thing: a real `prometheus` (Debian package) scraping
prometheus-node-exporter and the server's own /metrics, and dashboards drawn from what that
Prometheus answers.

Usage: prometheus_test.py PATH/TO/tftstream   (registered in ctest as prometheus_tests)
Needs /usr/bin/prometheus, /usr/bin/promtool and /usr/bin/prometheus-node-exporter, which
scripts/setup installs; a missing one fails the test rather than skipping it.
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unittest

from PIL import Image

from prom_stack import NodeExporter, Process, Prometheus, Serve, free_port, http_get, wait_for

BIN = None
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GRAFANA = os.path.join(REPO, "docs", "grafana", "tftstream.json")

# The dark theme's `bad` colour (#F85149) as a panel shows it, give or take RGB565 rounding.
def is_bad_colour(rgb):
    r, g, b = rgb
    return r >= 230 and 60 <= g <= 100 and 55 <= b <= 95


def bad_pixels(png_bytes, rows_fraction=1.0):
    with Image.open(io.BytesIO(png_bytes)) as im:
        im = im.convert("RGB")
        w, h = im.size
        top = im.crop((0, 0, w, max(1, int(h * rows_fraction))))
        return sum(1 for p in top.getdata() if is_bad_colour(p))


def dashboard_toml(url, panels, interval=1):
    out = [f'url = "{url}"', f"interval = {interval}", "timeout = 2", "columns = 2", ""]
    for p in panels:
        out.append("[[panel]]")
        for k, v in p.items():
            out.append(f"{k} = {json.dumps(v)}")
        out.append("")
    return "\n".join(out)


class PrometheusBothWays(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for tool in ("/usr/bin/prometheus", "/usr/bin/promtool",
                     "/usr/bin/prometheus-node-exporter"):
            if not os.path.exists(tool):
                raise AssertionError(f"{tool} is missing: run scripts/setup")
        cls.tmpdir = tempfile.TemporaryDirectory(prefix="tfts-prom-")
        cls.tmp = cls.tmpdir.name
        cls.procs = []
        try:
            cls.node = NodeExporter(cls.tmp)
            cls.procs.append(cls.node)
            # The Prometheus port must be known before the server's dashboard names it.
            prom_port = free_port()
            cls.prom_url = f"http://127.0.0.1:{prom_port}"
            with open(os.path.join(cls.tmp, "healthy.toml"), "w") as f:
                f.write(dashboard_toml(cls.prom_url, [
                    {"title": "Load", "query": "node_load1", "kind": "value"},
                    {"title": "Scrapes", "query": "sum(up)", "kind": "value"}]))
            cls.serve = Serve(BIN, cls.tmp, f"""
[server]
default_screen = "main"
[screens.main]
source = "test:320x240"
fps = 10
[screens.dash]
source = "prometheus:{os.path.join(cls.tmp, 'healthy.toml')}"
fps = 5
displays = ["wall"]
""")
            cls.procs.append(cls.serve)
            cls.prom = Prometheus(cls.tmp, {
                "node": f"127.0.0.1:{cls.node.port}",
                "tftstream": f"127.0.0.1:{cls.serve.ports['http_port']}"}, port=prom_port)
            cls.procs.append(cls.prom)
            cls.displays = [
                Process([BIN, "emulate", "--connect", f"127.0.0.1:{cls.serve.ports['port']}",
                         "--name", name, "--seconds", "240", "--reconnect"],
                        os.path.join(cls.tmp, f"emulate-{name}.log"))
                for name in ("desk", "wall")]
            cls.procs.extend(cls.displays)
            cls.prom.wait_up(["node", "tftstream"])
            # Rates need two samples of every series inside their window.
            for expr in ('rate(tftstream_display_frames_acked_total{display="desk"}[10s])',
                         "rate(node_cpu_seconds_total[10s])"):
                wait_for(lambda: cls.prom.query(expr)["data"]["result"], 30, expr)
            time.sleep(3)
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for p in reversed(cls.procs):
            p.stop()
        cls.tmpdir.cleanup()

    def render(self, dashboard, at=None, size="320x240"):
        """`tftstream render` of a dashboard: (png bytes, state dict)."""
        path = os.path.join(self.tmp, "dash.toml")
        with open(path, "w") as f:
            f.write(dashboard)
        out = os.path.join(self.tmp, "dash.png")
        state = os.path.join(self.tmp, "dash.json")
        args = [BIN, "render", "--source", f"prometheus:{path}", "--size", size, "--out", out,
                "--state-json", state]
        if at is not None:
            args += ["--at", repr(at)]
        r = subprocess.run(args, capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(out, "rb") as f, open(state) as g:
            return f.read(), json.load(g)

    # --- the server's own metrics ------------------------------------------------------------

    def test_server_metrics_pass_promtool(self):
        status, body = http_get(self.serve.http + "/metrics")
        self.assertEqual(status, 200)
        r = subprocess.run(["/usr/bin/promtool", "check", "metrics"], input=body,
                           capture_output=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual((r.stdout + r.stderr).strip(), b"", "promtool had remarks")

    def test_prometheus_scrapes_the_server(self):
        r = self.prom.query('tftstream_display_frames_acked_total{job="tftstream",display="desk"}')
        self.assertEqual(r["status"], "success")
        self.assertEqual(len(r["data"]["result"]), 1)
        self.assertGreater(float(r["data"]["result"][0]["value"][1]), 0)
        r = self.prom.query('up{job="tftstream"}')
        self.assertEqual(r["data"]["result"][0]["value"][1], "1")

    def test_grafana_dashboard_uses_exactly_the_served_names(self):
        with open(GRAFANA) as f:
            grafana = json.load(f)
        _, body = http_get(self.serve.http + "/metrics")
        served = set(re.findall(r"^# TYPE (\S+) ", body.decode(), re.M))
        exprs = [t["expr"] for p in grafana["panels"] for t in p["targets"]]
        self.assertGreater(len(exprs), 15)
        for expr in exprs:
            for name in re.findall(r"\b((?:tftstream|process)_[a-z0-9_]+)", expr):
                base = re.sub(r"_(bucket|sum|count)$", "", name)
                self.assertTrue(name in served or base in served,
                                f"{name} in the Grafana dashboard is not served")
        # Every expression, with Grafana's variables filled in, is valid PromQL and, except
        # for errors that did not happen, has data.
        for expr in exprs:
            q = (expr.replace("$__rate_interval", "10s").replace("$__range", "1m")
                 .replace("$screen", ".*").replace("$display", ".*").replace("$job", ".*"))
            r = self.prom.query(q)
            self.assertEqual(r["status"], "success", f"{q}: {r}")
            if "protocol_errors" not in q:
                self.assertTrue(r["data"]["result"], f"no data for {q}")

    # --- dashboards from Prometheus ----------------------------------------------------------

    def test_dashboard_shows_what_prometheus_answers(self):
        panels = [
            {"title": "Load", "query": "node_load1", "kind": "value"},
            {"title": "Memory", "query":
             "100 * (1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes)",
             "kind": "gauge", "unit": "percent"},
            {"title": "Used of total", "query":
             "node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes",
             "total": "node_memory_MemTotal_bytes", "kind": "bar", "unit": "bytes"},
            {"title": "CPU modes", "query": "sum by (mode) (rate(node_cpu_seconds_total[10s]))",
             "kind": "bar", "legend": "mode", "unit": "none"},
            {"title": "Server frames", "query": "sum(tftstream_display_frames_acked_total)",
             "kind": "value"},
            {"title": "CPU busy", "query":
             'sum(rate(node_cpu_seconds_total{mode!="idle"}[10s]))', "kind": "sparkline",
             "range": 60},
        ]
        # Enough history for the sparkline (Prometheus started moments ago).
        def history_points():
            r = self.prom.api("query_range", query=panels[-1]["query"],
                              start=repr(time.time() - 60), end=repr(time.time() - 3), step="1")
            return len(r["data"]["result"][0]["values"]) if r["data"]["result"] else 0
        wait_for(lambda: history_points() >= 8, 30, "eight seconds of CPU history")
        at = round(time.time() - 3, 3)  # every scrape before it has landed
        png, state = self.render(dashboard_toml(self.prom_url, panels), at=at)
        self.assertTrue(state["reachable"])
        self.assertEqual(len(state["panels"]), len(panels))
        for spec, got in zip(panels, state["panels"]):
            self.assertEqual(got["state"], "ok", f"{spec['title']}: {got['error']}")
            if spec["kind"] == "sparkline":
                (series,) = got["series"]
                times = series["times"]
                self.assertGreaterEqual(len(times), 5)
                step = times[1] - times[0]
                r = self.prom.api("query_range", query=spec["query"], start=repr(times[0]),
                                  end=repr(times[-1]), step=repr(step))
                want = [float(v) for _, v in r["data"]["result"][0]["values"]]
                self.assertEqual([float(v) for v in series["values"]], want, spec["title"])
                continue
            self.assertEqual(got["evaluated_at"], at)
            direct = self.prom.query(spec["query"], at=at)["data"]["result"]
            want = sorted(float(s["value"][1]) for s in direct)
            self.assertEqual(sorted(float(v) for s in got["series"] for v in s["values"]), want,
                             spec["title"])
            if "total" in spec:
                total = self.prom.query(spec["total"], at=at)["data"]["result"]
                self.assertEqual([float(v) for s in got["totals"] for v in s["values"]],
                                 [float(s["value"][1]) for s in total])
        self.assertEqual(bad_pixels(png), 0, "a healthy dashboard shows no error colour")

    def test_error_states_render_their_state(self):
        panels = [
            {"title": "Broken", "query": "rate(node_cpu_seconds_total[1m]", "kind": "value"},
            {"title": "Nothing", "query": "tftstream_metric_that_does_not_exist", "kind": "value"},
            {"title": "Fine", "query": "sum(up)", "kind": "value"},
        ]
        png, state = self.render(dashboard_toml(self.prom_url, panels))
        broken, nothing, fine = state["panels"]
        self.assertEqual(broken["state"], "error")
        self.assertIn("parse error", broken["error"])
        self.assertEqual(nothing["state"], "no_data")
        self.assertEqual(fine["state"], "ok")
        self.assertGreater(bad_pixels(png), 50, "the broken panel carries an error badge")

        # Nothing listens on this port: the banner says so, and no panel has a value.
        png, state = self.render(dashboard_toml(f"http://127.0.0.1:{free_port()}", panels[2:]))
        self.assertFalse(state["reachable"])
        self.assertIn("refused", state["unreachable_reason"])
        self.assertGreater(bad_pixels(png, rows_fraction=0.25), 300, "a banner across the top")

    def test_prometheus_stopped_mid_run_then_back(self):
        shot = self.serve.http + "/api/displays/wall/screenshot.png"

        def banner_shown():
            status, png = http_get(shot)
            return status == 200 and bad_pixels(png, rows_fraction=0.25) > 300

        def fresh_and_clean():
            status, png = http_get(shot)
            return status == 200 and bad_pixels(png) == 0

        wait_for(fresh_and_clean, 20, "the dashboard display without errors")
        self.prom.stop()
        try:
            wait_for(banner_shown, 20, "the unreachable banner on the display")
        finally:
            self.prom.start()  # same port, same data
        self.prom.wait_up(["node", "tftstream"])
        wait_for(fresh_and_clean, 40, "the banner to go once Prometheus is back")
        # The server kept serving the other display all along.
        status, body = http_get(self.serve.http + "/api/status")
        names = [d["name"] for d in json.loads(body)["displays"]]
        self.assertIn("desk", names)


if __name__ == "__main__":
    BIN = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
