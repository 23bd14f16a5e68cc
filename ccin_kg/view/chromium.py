"""Headless Chromium over the DevTools protocol, offline: for view tests and benchmarks.

Chromium talks over ``--remote-debugging-pipe`` (file descriptors 3 and 4),
so no port is opened and nothing beyond the standard library is needed.
Every network request is blocked twice over: host names resolve nowhere
(``--host-resolver-rules``) and ``Network.setBlockedURLs`` refuses every
http, https, ws, wss and ftp address; each request the page attempts is
recorded, so a test can check that none was made but for the page itself.

Not used by the command line: ``ccin-kg view`` needs no browser.
"""

from __future__ import annotations

import base64
import fcntl
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["BLOCKED", "Chromium", "ChromiumError", "Page", "chromium_command", "find_chromium"]

BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]
"""URL patterns refused by ``Network.setBlockedURLs``."""


class ChromiumError(RuntimeError):
    """Chromium could not start, died, or did not answer in time."""


def find_chromium() -> str | None:
    """The Chromium binary: ``$CHROMIUM`` if set (None if that is not a program), else the
    first of ``chromium`` (Debian), ``chromium-browser`` and ``google-chrome`` on PATH."""
    if os.environ.get("CHROMIUM"):
        return shutil.which(os.environ["CHROMIUM"])
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_command(binary: str, profile: str, width: int = 1280, height: int = 800) -> list[str]:
    """The command line: headless, sandbox off (root in CI), quiet, no network, DevTools on a pipe.

    Examples
    --------
    >>> cmd = chromium_command("chromium", "/tmp/p")
    >>> "--remote-debugging-pipe" in cmd and "--user-data-dir=/tmp/p" in cmd
    True
    """
    return [
        binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--disable-default-apps", "--no-default-browser-check", "--mute-audio",
        "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
        "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
        f"--window-size={width},{height}", "--remote-debugging-pipe", "about:blank",
    ]


class Chromium:
    """A headless Chromium driven over the DevTools pipe; use as a context manager.

    Parameters
    ----------
    binary : str, optional
        Default: :func:`find_chromium`.
    width, height : int
        Window size in CSS pixels (screenshots have this size).
    timeout : float
        Seconds to wait for any single answer.
    """

    def __init__(self, binary: str | None = None, width: int = 1280, height: int = 800, timeout: float = 60.0):
        self.binary = binary or find_chromium()
        if not self.binary:
            raise ChromiumError("no Chromium found (apt-get install chromium)")
        self.width, self.height, self.timeout = width, height, timeout
        self._ids = itertools.count(1)
        self._lock = threading.Condition()
        self._answers: dict[int, dict] = {}
        self.events: list[dict] = []
        self._proc = None
        self._profile = None
        self._closed = False

    def __enter__(self) -> Chromium:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        self._profile = tempfile.mkdtemp(prefix="ccin-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()

        def wire():  # in the child: the pipe ends become fds 3 (commands in) and 4 (answers out)
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._proc = subprocess.Popen(
            chromium_command(self.binary, self._profile, self.width, self.height),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, pass_fds=(3, 4), start_new_session=True,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._out = os.fdopen(to_child_w, "wb", buffering=0)
        self._in = os.fdopen(from_child_r, "rb", buffering=0)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.call("Target.setDiscoverTargets", {"discover": False})

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = self._in.read(1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._closed = True
                    self._lock.notify_all()
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            with self._lock:
                for raw in messages:
                    message = json.loads(raw)
                    if "id" in message:
                        self._answers[message["id"]] = message
                    else:
                        self.events.append(message)
                        if message.get("method") == "Page.javascriptDialogOpening":
                            self._dismiss(message.get("sessionId"))
                self._lock.notify_all()

    def _dismiss(self, session: str | None) -> None:
        """Close a dialog at once (from the reader thread: no waiting for the answer)."""
        message = {"id": next(self._ids), "method": "Page.handleJavaScriptDialog", "params": {"accept": False}}
        if session:
            message["sessionId"] = session
        try:
            self._out.write(json.dumps(message).encode() + b"\0")
        except OSError:
            pass

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float | None = None) -> dict:
        """Send one DevTools command and wait for its result."""
        ident = next(self._ids)
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            self._out.write(json.dumps(message).encode() + b"\0")
        except (BrokenPipeError, OSError) as e:
            raise ChromiumError(f"Chromium is gone ({e})") from None
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._lock:
            while ident not in self._answers:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ChromiumError(f"{method}: no answer within {timeout or self.timeout:.0f} s")
                if self._closed:
                    raise ChromiumError(f"{method}: Chromium closed the pipe")
                self._lock.wait(min(left, 0.5))
            answer = self._answers.pop(ident)
        if "error" in answer:
            raise ChromiumError(f"{method}: {answer['error'].get('message')}")
        return answer.get("result", {})

    def wait_event(self, match: Callable[[dict], bool], timeout: float, start: int = 0) -> dict | None:
        """The first event from index ``start`` on that ``match`` accepts, or None after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self._lock:
            seen = start
            while True:
                for event in self.events[seen:]:
                    if match(event):
                        return event
                seen = len(self.events)
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._lock.wait(min(left, 0.5))

    def open(self, url: str, timeout: float | None = None, wait: bool = True) -> Page:
        """A new tab with the network blocked, navigated to ``url``; returns once it has loaded (``wait``)."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for method in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            page.call(method)
        page.call("Network.setBlockedURLs", {"urls": BLOCKED})
        page.call("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})
        page.navigate(url, timeout, wait)
        return page

    def close(self) -> None:
        if self._proc is not None:
            try:
                self.call("Browser.close", timeout=5)
            except ChromiumError:
                pass
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(timeout=10)
            for stream in (self._out, self._in):
                try:
                    stream.close()
                except OSError:
                    pass
            self._proc = None
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None


class Page:
    """One tab: evaluate script, wait for a condition, take a screenshot, read what went wrong."""

    def __init__(self, browser: Chromium, session: str):
        self.browser, self.session = browser, session
        self._first_event = len(browser.events)

    def call(self, method: str, params: dict | None = None, timeout: float | None = None) -> dict:
        return self.browser.call(method, params, self.session, timeout)

    def _events(self) -> list[dict]:
        with self.browser._lock:
            return [e for e in self.browser.events[self._first_event:] if e.get("sessionId") == self.session]

    def navigate(self, url: str, timeout: float | None = None, wait: bool = True) -> None:
        start = len(self.browser.events)
        self.call("Page.navigate", {"url": url})
        if not wait:
            return
        loaded = self.browser.wait_event(
            lambda e: e.get("sessionId") == self.session and e.get("method") == "Page.loadEventFired",
            timeout or self.browser.timeout, start)
        if loaded is None:
            raise ChromiumError(f"{url}: did not load within {timeout or self.browser.timeout:.0f} s")

    def evaluate(self, expression: str, timeout: float | None = None):
        """The value of a JavaScript expression (promises awaited), or ChromiumError if it threw."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, timeout)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ChromiumError(f"script failed: {text}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float, interval: float = 0.05):
        """Poll ``expression`` until it is truthy; its value, or ChromiumError after ``timeout`` s.

        A page whose script is busy answers only between tasks: each poll waits
        at most the time left.
        """
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression, timeout=max(1.0, deadline - time.monotonic()))
            if value:
                return value
            if time.monotonic() > deadline:
                raise ChromiumError(f"{expression!r} still false after {timeout:.0f} s")
            time.sleep(interval)

    def screenshot(self, path: str | Path) -> Path:
        """Write a PNG of the viewport to ``path``."""
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries so far."""
        found = []
        for e in self._events():
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.exceptionThrown":
                d = params.get("exceptionDetails", {})
                found.append("exception: " + (d.get("exception", {}).get("description") or d.get("text", "")))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                    for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                found.append(f"log: {entry.get('text')} {entry.get('url', '')}".strip())
        return found

    def requests(self) -> list[str]:
        """Every URL the page asked for (data: URLs included)."""
        return [e["params"]["request"]["url"] for e in self._events() if e.get("method") == "Network.requestWillBeSent"]

    def dialogs(self) -> list[str]:
        """Messages of alert/confirm/prompt dialogs the page tried to open."""
        return [e["params"].get("message", "") for e in self._events()
                if e.get("method") == "Page.javascriptDialogOpening"]
