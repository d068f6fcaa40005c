"""The HTML catalog in a real headless Chromium: typing filters measures, the switch changes language.

Drives the browser over the DevTools protocol with a small standard-library
WebSocket client, so no Python dependency is added. Skips, saying why, where
no Chromium is installed (.ci/run installs Debian's chromium package).
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

CATALOG = Path(__file__).resolve().parents[1] / "docs" / "catalog.html"
BROWSER = next(
    (
        b
        for b in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
        if b and os.path.exists(b)
    ),
    None,
)


class _DevTools:
    """Just enough of a WebSocket client to send DevTools commands and read replies."""

    def __init__(self, ws_url: str) -> None:
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", ws_url)
        assert m, ws_url
        self.sock = socket.create_connection((m[1], int(m[2])), timeout=20)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            f"GET {m[3]} HTTP/1.1\r\nHost: {m[1]}:{m[2]}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(4096)
        assert b" 101 " in response.split(b"\r\n", 1)[0], response
        self.buffer = response.split(b"\r\n\r\n", 1)[1]
        self.next_id = 0

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            assert chunk, "browser closed the connection"
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def _frame(self) -> bytes:
        payload = b""
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                (length,) = struct.unpack(">H", self._read(2))
            elif length == 127:
                (length,) = struct.unpack(">Q", self._read(8))
            payload += self._read(length)
            if b0 & 0x80:
                return payload

    def send(self, method: str, **params: Any) -> Any:
        self.next_id += 1
        data = json.dumps({"id": self.next_id, "method": method, "params": params}).encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        n = len(data)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))
        while True:
            message = json.loads(self._frame())
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return message.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")


@pytest.fixture(scope="module")
def page() -> Iterator[_DevTools]:
    if BROWSER is None:
        pytest.skip("no Chromium found: install Debian's chromium package to run this test")
    profile = tempfile.mkdtemp(prefix="jx-chromium-")
    proc = subprocess.Popen(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            CATALOG.as_uri(),
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stderr is not None
        deadline = time.monotonic() + 60
        port = None
        while port is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if m := re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line):
                port = m[1]
            if not line and proc.poll() is not None:
                break
        if port is None:
            pytest.skip("Chromium did not start a DevTools endpoint")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
            targets = json.load(response)
        target = next(t for t in targets if t.get("type") == "page")
        tools = _DevTools(target["webSocketDebuggerUrl"])
        tools.send("Page.navigate", url=CATALOG.as_uri())
        loaded = "document.readyState === 'complete' && !!document.getElementById('m14')"
        for _ in range(200):
            if tools.evaluate(f"location.protocol === 'file:' && {loaded}"):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the catalog did not load in Chromium within 10 s")
        yield tools
        tools.sock.close()
    finally:
        proc.kill()
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()
        shutil.rmtree(profile, ignore_errors=True)


def _visible_measures(page: _DevTools) -> list[str]:
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('.measure'))"
        ".filter(m => !m.hidden && m.offsetParent !== null).map(m => m.id)"
    )
    return ids


def _type(page: _DevTools, text: str) -> None:
    page.evaluate("(() => { const q = document.getElementById('q'); q.focus(); q.select(); })()")
    page.send(
        "Input.dispatchKeyEvent",
        type="keyDown",
        key="Backspace",
        code="Backspace",
        windowsVirtualKeyCode=8,
    )
    page.send(
        "Input.dispatchKeyEvent",
        type="keyUp",
        key="Backspace",
        code="Backspace",
        windowsVirtualKeyCode=8,
    )
    if text:
        page.send("Input.insertText", text=text)


def test_everything_visible_at_first(page: _DevTools) -> None:
    assert len(_visible_measures(page)) == 14


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("协管员", ["m13"]),
        ("街巷长", ["m11"]),
        ("三分之一", ["m04"]),
        ("P-2.1.2", ["m08"]),
        ("Physical Comprehensive Enforcement", ["m08"]),
        ("没有这样的词", []),
    ],
)
def test_typing_filters_measures(page: _DevTools, typed: str, expected: list[str]) -> None:
    _type(page, typed)
    assert _visible_measures(page) == expected
    no_results = page.evaluate("document.getElementById('no-results').hidden")
    assert no_results == bool(expected)
    _type(page, "")
    assert len(_visible_measures(page)) == 14


def test_language_switch(page: _DevTools) -> None:
    def shown(cls: str) -> bool:
        return bool(
            page.evaluate(f"document.querySelector('#m01 h4 .{cls}').offsetParent !== null")
        )

    assert shown("zh")
    assert not shown("en")
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert shown("en")
    assert not shown("zh")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.evaluate("document.getElementById('lang-toggle').click()")
    assert shown("zh")


def test_every_id_has_an_anchor(page: _DevTools) -> None:
    from jiexiang_policy import load_plan

    plan = load_plan()
    ids = [
        o.id
        for group in (
            plan.categories,
            plan.headings,
            plan.measures,
            plan.provisions,
            plan.parameters,
        )
        for o in group
    ]
    ids += [ob.id for _, ob in plan.obligations()]
    missing = page.evaluate(
        f"{json.dumps([i.lower() for i in ids])}.filter(i => !document.getElementById(i))"
    )
    assert missing == []


def test_page_is_self_contained() -> None:
    html = CATALOG.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html
    assert 'name="viewport"' in html
    assert "@media print" in html


def test_corpus_page_filters_by_document_and_date(page: _DevTools) -> None:
    # Last in this module: it leaves the catalog for docs/corpus.html and comes back.
    corpus = CATALOG.with_name("corpus.html")
    page.send("Page.navigate", url=corpus.as_uri() + "?date=2020-06-01")
    for _ in range(200):
        if page.evaluate("document.readyState === 'complete' && !!document.getElementById('doc')"):
            break
        time.sleep(0.05)
    shown = (
        "Array.from(document.querySelectorAll('section.doc'))"
        ".filter(s => !s.hidden).map(s => s.dataset.doc)"
    )
    # What applied on 2020-06-01: the plan and the street-office regulations.
    assert page.evaluate(shown) == ["plan-2018", "street-office-2019"]

    def set_date(value: str) -> None:
        page.evaluate(
            "(() => { const d = document.getElementById('date'); "
            f"d.value = '{value}'; d.dispatchEvent(new Event('input')); }})()"
        )

    set_date("2019-12-31")
    assert page.evaluate(shown) == ["plan-2018"]
    set_date("2021-09-24")
    assert page.evaluate(shown) == ["plan-2018", "street-office-2019", "hotline-2021"]
    page.evaluate(
        "(() => { const s = document.getElementById('doc'); s.value = 'hotline-2021'; "
        "s.dispatchEvent(new Event('change')); })()"
    )
    assert page.evaluate(shown) == ["hotline-2021"]
    assert page.evaluate("!!document.getElementById('street-office-2019-art-43.c')")
    page.send("Page.navigate", url=CATALOG.as_uri())
    for _ in range(200):
        if page.evaluate("document.readyState === 'complete' && !!document.getElementById('m14')"):
            break
        time.sleep(0.05)
