"""The real things the Prometheus tests run: prometheus-node-exporter, a Prometheus server with a
temporary data directory, and `tftstream serve`, all on loopback with free ports. Every process
is started here and stopped here, by PID; every wait is bounded.
"""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5):
    """(status, body bytes); status 0 when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, ConnectionError, socket.timeout):
        return 0, b""


def wait_for(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class Process:
    """A child process with its output in a log file; stop() ends it by PID."""

    def __init__(self, args, log_path):
        self.args = args
        self.log_path = log_path
        self.log = open(log_path, "a")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.log.close()

    def output(self):
        with open(self.log_path) as f:
            return f.read()


class NodeExporter(Process):
    def __init__(self, tmp):
        self.port = free_port()
        # Only the collectors the default dashboard reads: quick scrapes, no surprises.
        collectors = ["cpu", "meminfo", "loadavg", "diskstats", "netdev", "filesystem", "hwmon"]
        super().__init__(["/usr/bin/prometheus-node-exporter",
                          f"--web.listen-address=127.0.0.1:{self.port}",
                          "--collector.disable-defaults",
                          *[f"--collector.{c}" for c in collectors]],
                         os.path.join(tmp, "node-exporter.log"))
        wait_for(lambda: http_get(f"http://127.0.0.1:{self.port}/metrics")[0] == 200, 20,
                 "node-exporter")


class Prometheus(Process):
    """A real Prometheus scraping `targets` ({job: "host:port"}) every second. It can be
    stopped and started again on the same port and data (a Prometheus that goes away)."""

    def __init__(self, tmp, targets, port=None):
        self.tmp = tmp
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = os.path.join(tmp, "prometheus.yml")
        lines = ["global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                 "scrape_configs:"]
        for job, target in targets.items():
            lines += [f"  - job_name: {job}", "    static_configs:",
                      f"      - targets: ['{target}']"]
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")
        self.start()

    def start(self):
        super().__init__(["/usr/bin/prometheus", f"--config.file={self.config}",
                          f"--storage.tsdb.path={os.path.join(self.tmp, 'prometheus-data')}",
                          f"--web.listen-address=127.0.0.1:{self.port}",
                          "--log.level=warn"],
                         os.path.join(self.tmp, "prometheus.log"))
        wait_for(lambda: http_get(self.url + "/-/ready")[0] == 200, 30, "prometheus ready")

    def api(self, path, **params):
        """The decoded JSON of /api/v1/PATH."""
        status, body = http_get(f"{self.url}/api/v1/{path}?{urllib.parse.urlencode(params)}")
        if status == 0:
            raise AssertionError(f"prometheus did not answer {path}")
        return json.loads(body)

    def query(self, expr, at=None):
        params = {"query": expr}
        if at is not None:
            params["time"] = repr(at)
        return self.api("query", **params)

    def wait_up(self, jobs, seconds=30):
        def all_up():
            r = self.query("up")
            if r.get("status") != "success":
                return False
            up = {s["metric"]["job"]: s["value"][1] for s in r["data"]["result"]}
            return all(up.get(j) == "1" for j in jobs)
        wait_for(all_up, seconds, f"targets {jobs} up")


class Serve(Process):
    """`tftstream serve` with a config file, on free ports; `ports` from its ready file."""

    def __init__(self, binary, tmp, config_text, seconds=300):
        self.config_path = os.path.join(tmp, "serve.toml")
        with open(self.config_path, "w") as f:
            f.write(config_text)
        self.ready = os.path.join(tmp, "serve-ready.json")
        if os.path.exists(self.ready):
            os.remove(self.ready)
        super().__init__([binary, "serve", "--config", self.config_path, "--port", "0",
                          "--http-port", "0", "--set", "server.bind=127.0.0.1",
                          "--seconds", str(seconds), "--ready-file", self.ready],
                         os.path.join(tmp, "serve.log"))
        wait_for(lambda: os.path.exists(self.ready) and os.path.getsize(self.ready) > 0 or
                 not self.alive(), 20, "serve ready")
        if not self.alive():
            raise AssertionError("serve did not start:\n" + self.output())
        with open(self.ready) as f:
            self.ports = json.load(f)
        self.http = f"http://127.0.0.1:{self.ports['http_port']}"
