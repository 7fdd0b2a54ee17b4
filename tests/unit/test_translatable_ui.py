"""Every text a widget shows goes through Qt's translation: a literal handed straight to a
text setter or a widget's constructor would stay English in every language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"

# Methods whose string arguments the user reads.
TEXT_SETTERS = frozenset(
    {
        "setText",
        "setToolTip",
        "setWindowTitle",
        "setPlaceholderText",
        "setStatusTip",
        "setWhatsThis",
        "setAccessibleName",
        "setAccessibleDescription",
        "setTitle",
        "setIconText",
        "setInformativeText",
        "setDetailedText",
        "setLabelText",
        "setSuffix",
        "setPrefix",
        "setSpecialValueText",
        "setTabText",
        "setTabToolTip",
        "setItemText",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "addItem",
        "addItems",
        "addTab",
        "addMenu",
        "addAction",
        "addRow",
        "showMessage",
        "information",
        "warning",
        "critical",
        "question",
        "about",
        "getText",
        "getItem",
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
    }
)
# Where only some positional arguments are text (the others are data, a file name, …).
TEXT_POSITIONS = {
    "addItem": (0,),
    "getText": (1, 2),
    "getItem": (1, 2, 3),
    "getOpenFileName": (1, 3),
    "getOpenFileNames": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
}
LOGGERS = frozenset({"log", "logger", "logging"})
# Classes whose constructors take a text.
TEXT_WIDGETS = frozenset(
    {
        "QAction",
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QToolButton",
        "QMenu",
        "QDockWidget",
        "QMessageBox",
        "QTreeWidgetItem",
        "QListWidgetItem",
        "QStandardItem",
    }
)
# Literals that are the same in every language: names, units, key names.
ALLOWED = frozenset({"Inkwell", "Top-p", "Top-k", "float32", "bfloat16", "float16"})
WORD = re.compile(r"[^\W\d_]{2,}")
MARKUP = re.compile(r"<[^>]*>|\w+://\S*")  # tags and addresses are not words to translate


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _literal_texts(node: ast.expr) -> list[str]:
    """The words a user would read in an argument that never passed through tr()."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, ast.BinOp):
        return _literal_texts(node.left) + _literal_texts(node.right)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [t for element in node.elts for t in _literal_texts(element)]
    if isinstance(node, ast.IfExp):
        return _literal_texts(node.body) + _literal_texts(node.orelse)
    return []


def untranslated_literals(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in TEXT_SETTERS and name not in TEXT_WIDGETS:
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and _name(func.value) in LOGGERS:
            continue
        positions = TEXT_POSITIONS.get(name)
        arguments = [
            argument
            for index, argument in enumerate(node.args)
            if positions is None or index in positions
        ]
        arguments += [k.value for k in node.keywords]
        for argument in arguments:
            for text in _literal_texts(argument):
                if WORD.search(MARKUP.sub("", text)) and text.strip() not in ALLOWED:
                    found.append(f"{filename}:{node.lineno}: {name}(... {text!r} ...)")
    return found


def test_widget_texts_are_translatable() -> None:
    found = [
        problem
        for path in sorted(UI.glob("*.py"))
        for problem in untranslated_literals(path.read_text(encoding="utf-8"), path.name)
    ]
    assert not found, "wrap these in self.tr(...):\n" + "\n".join(found)


def test_the_check_catches_a_bare_literal() -> None:
    source = (
        "label = QLabel('Drafts')\n"
        "button.setToolTip(f'Save {name}')\n"
        "box.addItem(self.tr('Fine'), 'data')\n"
        "menu.addMenu('&File')\n"
        "log.warning('not for the user')\n"
        "QMessageBox.question(self, 'Inkwell', 'Really?')\n"
    )
    found = untranslated_literals(source, "x.py")
    assert [line.split(":")[1] for line in found] == ["1", "2", "4", "6"]
