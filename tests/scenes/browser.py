"""Headless Chromium driven over the DevTools protocol on a pipe, in real time.

``--dump-dom`` with a virtual time budget loads a page but never plays a video: virtual time does
not run the media clock. Over ``--remote-debugging-pipe`` a test can play the page's video and ask
it what it decoded and heard. Chromium reads commands from fd 3 and writes replies to fd 4, each a
JSON message ended by a NUL byte; no websocket library is needed.
"""

import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--autoplay-policy=no-user-gesture-required", "--mute-audio"]


class BrowserError(RuntimeError):
    pass


class Browser:
    """One Chromium with one page. ``with Browser(profile) as page: page.open(url); page.evaluate(js)``."""

    def __init__(self, profile: Path, timeout: float = 60):
        chromium = shutil.which("chromium")
        if chromium is None:
            raise BrowserError("chromium is not installed: run scripts/setup.sh")
        self.log = Path(profile).with_suffix(".log")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        log = open(self.log, "wb")
        self.process = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"],
            pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=log, preexec_fn=lambda: _as_fds_3_and_4(commands_read, replies_write))
        log.close()
        os.close(commands_read)
        os.close(replies_write)
        self.timeout = timeout
        self._buffer = b""
        self._last_id = 0
        self._session = None
        self._events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def send(self, method: str, browser_wide: bool = False, **params):
        self._last_id += 1
        message = {"id": self._last_id, "method": method, "params": params}
        if self._session and not browser_wide:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if "method" in reply:
                self._events.append(reply)
            elif reply.get("id") == self._last_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply["result"]

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if not select.select([self._replies], [], [], max(deadline - time.monotonic(), 0))[0]:
                raise BrowserError(f"chromium did not answer within {self.timeout:.0f} s")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise BrowserError("chromium closed the pipe: " + self.log.read_text(errors="replace")[-2000:])
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str):
        """Open ``url`` in a new tab and wait until it and everything it loads are loaded."""
        target = self.send("Target.createTarget", browser_wide=True, url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", browser_wide=True, targetId=target,
                                  flatten=True)["sessionId"]
        self.send("Page.enable")
        self._events.clear()
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + self.timeout
        while not any(event.get("method") == "Page.loadEventFired" for event in self._events):
            self._events.append(self._read(deadline))

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page, promises awaited."""
        result = self.send("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def close(self):
        try:
            self.send("Browser.close", browser_wide=True)
        except (BrowserError, OSError):
            pass
        for handle in (self._commands, self._replies):
            try:
                os.close(handle)
            except OSError:
                pass
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _as_fds_3_and_4(commands: int, replies: int):
    """In the child before exec: the command pipe on fd 3 and the reply pipe on fd 4."""
    commands, replies = os.dup(commands), os.dup(replies)  # copies first: dup2 must not clobber either
    os.dup2(commands, 3)
    os.dup2(replies, 4)
