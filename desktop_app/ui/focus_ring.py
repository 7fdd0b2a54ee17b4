"""A clear ring around the control that has the keyboard focus, in every window.

Styles draw focus faintly or not at all (Fusion marks a focused list or text box with a
hairline), and a style sheet that drew it would replace the look of every widget. So the
ring is an overlay: a frameless child of the focused widget's window, drawn in the
palette's highlight colour so it follows the theme, and transparent to the mouse. Like
CSS :focus-visible, it shows when the focus moved by keyboard, not by a click.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from desktop_app.ui.theme import is_high_contrast

_WIDTH = 2  # pen width of the ring
_HIGH_CONTRAST_WIDTH = 4  # for low-vision writers who chose high contrast
_GAP = 1  # between the ring and the control
_NAME = "focusRing"

# Events of the focused widget or one of its ancestors that move it on screen.
_MOVES = {QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide}


class FocusRingOverlay(QWidget):
    """The ring itself; one per window, created when a control of it first has focus."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName(_NAME)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = _width()
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), width))
        inset = width / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(inset, inset, -inset, -inset), 3, 3)


def _width() -> int:
    return _HIGH_CONTRAST_WIDTH if is_high_contrast() else _WIDTH


class FocusRing(QObject):
    """Follows QApplication's focus and keeps the ring of the focused window around it."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._target: QWidget | None = None
        self._ring: FocusRingOverlay | None = None
        self._watched: list[QWidget] = []
        # Placed once the layout has settled: a dock moves before its contents do.
        self._settle = QTimer(self, singleShot=True, interval=0)
        self._settle.timeout.connect(self._place)
        app.focusChanged.connect(self._on_focus_changed)

    @property
    def target(self) -> QWidget | None:
        """The control the ring is shown around; None while it is hidden."""
        return self._target

    @property
    def ring(self) -> FocusRingOverlay | None:
        """The overlay drawn last, in the window that has the focus."""
        return self._ring

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        self._unwatch()
        by_mouse = QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton
        if new is None or new.isWindow() or by_mouse:
            return
        self._target = new
        new.destroyed.connect(self._forget)
        # The widget and each of its ancestors: moving any of them moves the control.
        widget: QWidget | None = new
        while widget is not None and not widget.isWindow():
            widget.installEventFilter(self)
            self._watched.append(widget)
            widget = widget.parentWidget()
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _MOVES:
            self._settle.start()
        return False

    @Slot()
    def _forget(self) -> None:
        """The control went (a task's fields are rebuilt): its ancestors may stay."""
        self._target = None
        self._unwatch()

    def _ring_of(self, window: QWidget) -> FocusRingOverlay:
        found = window.findChild(FocusRingOverlay, _NAME, Qt.FindChildOption.FindDirectChildrenOnly)
        if found is not None:
            return found
        ring = FocusRingOverlay(window)
        ring.destroyed.connect(lambda: self._forget_ring(ring))
        return ring

    def _forget_ring(self, ring: FocusRingOverlay) -> None:
        if self._ring is ring:
            self._ring = None

    def _unwatch(self) -> None:
        if self._target is not None:
            self._target.destroyed.disconnect(self._forget)
        if self._ring is not None:
            self._ring.hide()
        for widget in self._watched:
            if isValid(widget):  # an ancestor may have gone before the focused control
                widget.removeEventFilter(self)
        self._watched = []
        self._target = None

    def _place(self) -> None:
        target = self._target
        if target is None:
            return
        ring = self._ring = self._ring_of(target.window())
        visible = target.visibleRegion().boundingRect()
        if not target.isVisible() or visible.isEmpty():
            ring.hide()
            return
        margin = _GAP + _width()
        top_left = target.mapTo(target.window(), visible.topLeft())
        ring.setGeometry(QRect(top_left, visible.size()).adjusted(-margin, -margin, margin, margin))
        ring.raise_()
        ring.show()
        ring.update()
