"""Driving the Debian Chromium (see conftest.need_chromium) through Playwright: its launch
flags, and a page that records every console error, uncaught exception and dialog."""

from __future__ import annotations

from pathlib import Path

#: Chromium flags for a quiet headless run inside a container
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


class Tab:
    """A page that records console errors, uncaught exceptions and dialogs."""

    def __init__(self, browser, width: int = 1280, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))

    def open(self, path: Path, query: str = "") -> None:
        """Load a file of the site, with an optional query or fragment."""
        self.page.goto(path.as_uri() + query)

    def close(self) -> None:
        """Close the page; nothing may have gone wrong on it."""
        self.page.close()
        assert self.problems == []
