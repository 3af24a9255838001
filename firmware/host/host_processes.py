"""The processes firmware_test.py starts: the real server, a server that answers garbage, and a
host build of an example sketch. Each stops by PID; each wait is bounded; loopback only.
"""
import json
import os
import signal
import socket
import subprocess
import threading
import time


class Serve:
    """`tftstream serve` on loopback; port 0 picks a free one, or reuse a given port."""

    def __init__(self, server, tmp, source, port=0):
        self.ready = os.path.join(tmp, "ready.json")
        if os.path.exists(self.ready):
            os.remove(self.ready)
        self.log_path = os.path.join(tmp, f"serve-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [server, "serve", "--port", str(port), "--http-port", "0",
             "--set", "server.bind=127.0.0.1", "--ready-file", self.ready, *source],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 10
        while not (os.path.exists(self.ready) and os.path.getsize(self.ready) > 0):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.stop()
                with open(self.log_path) as f:
                    raise AssertionError("serve did not start:\n" + f.read())
            time.sleep(0.02)
        time.sleep(0.02)
        with open(self.ready) as f:
            self.port = json.load(f)["port"]
        self.started = time.monotonic()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if not self.log.closed:
            self.log.close()


class GarbageServer:
    """A loopback listener that answers every connection with bytes that are not TFTS."""

    REPLY = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" + bytes(range(256)) * 4

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted += 1
            with conn:
                conn.settimeout(0.5)
                try:
                    conn.recv(256)  # the HELLO
                    conn.sendall(self.REPLY)
                    conn.recv(256)  # until the display hangs up (or half a second)
                except OSError:
                    pass

    def stop(self):
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


class HostSketch:
    """One host build of an example sketch, its panel saved as PNG + log twice a second."""

    def __init__(self, binary, tmp, port, panel="240x320", seconds=30, **env):
        name = os.path.basename(binary)
        self.png = os.path.join(tmp, name + ".png")
        self.log = os.path.join(tmp, name + ".log")
        self.out_path = os.path.join(tmp, name + ".out")
        for path in (self.png, self.log):
            if os.path.exists(path):
                os.remove(path)
        environment = dict(os.environ, TFTS_HOST_SERVER_PORT=str(port), TFTS_HOST_PANEL=panel,
                           TFTS_HOST_SECONDS=str(seconds), TFTS_HOST_PNG=self.png,
                           TFTS_HOST_LOG=self.log, **env)
        self.out = open(self.out_path, "w")
        self.proc = subprocess.Popen([binary], env=environment, stdout=self.out,
                                     stderr=subprocess.STDOUT)

    def snapshot(self):
        """Asks for a fresh save (SIGUSR1, handled after the next loop()) and reads the log."""
        # The log appears after setup(), when the SIGUSR1 handler is long installed (the
        # default action of SIGUSR1 would end the process).
        if self.proc.poll() is None and os.path.exists(self.log):
            self.proc.send_signal(signal.SIGUSR1)
        time.sleep(0.04)
        state = {"text": [], "count": {}}
        try:
            with open(self.log) as f:
                for line in f:
                    key, _, rest = line.rstrip("\n").partition(" ")
                    if key == "text":
                        state["text"].append(rest.split(" ", 2)[2])
                    elif key == "count":
                        what, _, value = rest.partition(" ")
                        state["count"][what] = int(value)
                    else:
                        state[key] = rest
        except OSError:
            pass
        return state

    def wait_for(self, predicate, timeout):
        """Polls snapshots until predicate(state) holds: (state, seconds), or (state, None)."""
        start = time.monotonic()
        state = self.snapshot()
        while not predicate(state):
            if time.monotonic() - start > timeout or self.proc.poll() is not None:
                return state, None
            state = self.snapshot()
        return state, time.monotonic() - start

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.out.close()
        with open(self.out_path, errors="replace") as f:
            return code, f.read()
