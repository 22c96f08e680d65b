"""Guards against a defect in the Qt bindings that would crash a long reading session.

PySide6 6.12.0 on CPython 3.11 releases one reference to ``None`` on every
call of a method returning nothing (``setText``, ``setVisible``…). Before
Python 3.12 ``None`` is not immortal, so after enough calls the interpreter
frees it and aborts ("deallocating None"). The window makes thousands of
such calls per minute of use; this test fails on an affected pairing.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_calls_do_not_lose_references_to_none(qapp: QApplication) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    assert lost < 100, f"{lost} references to None lost in 1000 calls: pin PySide6 below 6.12"
