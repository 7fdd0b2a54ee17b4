"""Object names: the stable handles tests, tools and accessibility use to find widgets."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

_Q = TypeVar("_Q", bound=QObject)


def named(obj: _Q, name: str) -> _Q:
    obj.setObjectName(name)
    return obj
