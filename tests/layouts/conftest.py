"""The sweep's headless Chromium is closed after each test module, so later tests can start their own."""
from __future__ import annotations

import pytest

from tools.layouts import html


@pytest.fixture(scope="module", autouse=True)
def _close_chromium():
    yield
    html.PRINTER.close()
