"""Inkwell's translations: extract, fill, check and compile them.

    python scripts/translations.py update       # sources -> desktop_app/i18n/*.ts
    python scripts/translations.py fill F.json  # {"Context": {"English": "中文"}} -> the .ts
    python scripts/translations.py check        # exit 1 on unfinished or mismatched entries
    python scripts/translations.py build        # .ts -> resources/i18n/*.qm (+ pseudo-locale)

`update` lets pyside6-lupdate read every module under desktop_app/ (it finds `self.tr`,
`QCoreApplication.translate` and the Qt-free layers' `translate("Context", "text")`) plus a
generated stub holding what lupdate cannot see: calls of one-argument wrappers such as
`_tr("text")`, and the built-in task files' labels, descriptions, hints and options. lupdate
then merges, keeping translations and marking vanished sources so lrelease skips them.
The .qm files are build output (git-ignored): bootstrap, the test runner and packaging build them.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "desktop_app"
TS_DIR = SOURCES / "i18n"
QM_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")
# English is the source language: its .ts holds only the "%n …" plural forms (lupdate
# -pluralonly), which need a singular and a plural that the source text cannot give.
PLURALS_ONLY = ("en",)
PSEUDO = "pseudo"
TASKS_CONTEXT = "Tasks"  # desktop_app/ui/translations.py task_text() reads this context
LANGUAGES_CONTEXT = "Languages"

Message = tuple[str, str]  # (context, source text)

# What must come through a translation unchanged: %1, %n, {name}, HTML tags and entities.
_PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[a-z_][a-z0-9_]*\}|</?[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;")
_ACCELERATOR = re.compile(r"&(?![&\s]|[a-z]+;|#\d+;)")


def ts_path(language: str) -> Path:
    return TS_DIR / f"inkwell_{language}.ts"


def qm_path(language: str) -> Path:
    return QM_DIR / f"inkwell_{language}.qm"


def _tool(name: str) -> str:
    """A PySide6 tool from this interpreter's environment, else from PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"translations.py: {name} not found; install PySide6 (pip install -e .)")
    return found


def python_sources() -> list[Path]:
    return sorted(p for p in SOURCES.rglob("*.py") if "__pycache__" not in p.parts)


# Extraction of what lupdate cannot see


def wrapper_messages(path: Path) -> Iterator[Message]:
    """`_tr("text")` where `def _tr(text): return QCoreApplication.translate("Ctx", text)`."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    except SyntaxError as exc:
        raise SystemExit(f"translations.py: cannot read {path}:{exc.lineno}: {exc.msg}") from None
    wrappers: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and len(node.args.args) == 1:
            context = _wrapped_context(node)
            if context is not None:
                wrappers[node.name] = context
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in wrappers
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield wrappers[node.func.id], node.args[0].value


def _wrapped_context(function: ast.FunctionDef) -> str | None:
    """The context of a function whose body is `return <translate>("Ctx", <its argument>)`."""
    body = [n for n in function.body if not isinstance(n, ast.Expr)]  # skip a docstring
    if len(body) != 1 or not isinstance(body[0], ast.Return):
        return None
    call = body[0].value
    if not isinstance(call, ast.Call) or len(call.args) != 2:
        return None
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    context, text = call.args
    if (
        name == "translate"
        and isinstance(context, ast.Constant)
        and isinstance(context.value, str)
        and isinstance(text, ast.Name)
        and text.id == function.args.args[0].arg
    ):
        return context.value
    return None


def data_messages() -> Iterator[Message]:
    """Texts that live in data, not code: the built-in tasks, languages and presets."""
    sys.path.insert(0, str(ROOT))
    from desktop_app.domain.presets import PRESETS
    from desktop_app.domain.tasks import TaskGroup
    from desktop_app.services.task_library import builtin_catalogue
    from desktop_app.ui.task_fields import LANGUAGES as LANGUAGE_NAMES
    from desktop_app.ui.translations import option_label

    for group in TaskGroup:
        yield TASKS_CONTEXT, group.label
    for task in builtin_catalogue():
        texts = [task.label, task.description, task.prompt_label, task.prompt_hint]
        for field in task.fields:
            texts += [field.label, field.hint, *map(option_label, field.options)]
        yield from ((TASKS_CONTEXT, text) for text in texts if text)
    yield from ((LANGUAGES_CONTEXT, name) for name in LANGUAGE_NAMES)
    # The built-in presets, which the preset picker translates in its own context.
    for preset in PRESETS:
        yield from (("PresetPicker", text) for text in (preset.label, preset.description))


def extra_messages() -> list[Message]:
    found = [m for path in python_sources() for m in wrapper_messages(path)]
    found += data_messages()
    return list(dict.fromkeys(found))


def _stub(messages: Iterable[Message]) -> str:
    lines = ["from PySide6.QtCore import QCoreApplication", ""]
    lines += [f"QCoreApplication.translate({c!r}, {t!r})" for c, t in messages]
    return "\n".join(lines) + "\n"


def update(ts_files: Iterable[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        stub = Path(tmp) / "extra_messages.py"
        stub.write_text(_stub(extra_messages()), encoding="utf-8")
        sources = [str(p) for p in python_sources()] + [str(stub)]
        for ts in ts_files:
            ts.parent.mkdir(parents=True, exist_ok=True)
            language = ts.stem.removeprefix("inkwell_")
            options = ["-locations", "none", "-silent", "-target-language", language]
            if language in PLURALS_ONLY:
                options.append("-pluralonly")
            subprocess.run(
                [_tool("pyside6-lupdate"), *options, *sources, "-ts", str(ts)],
                check=True,
            )


# Reading and writing .ts files


def _messages(tree: ET.ElementTree) -> Iterator[tuple[str, ET.Element]]:
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            yield name, message


def _live(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") not in ("vanished", "obsolete")


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8"
    )


def fill(ts: Path, translations: dict[str, dict[str, str | list[str]]]) -> int:
    """Writes the given translations into `ts`; returns how many entries changed.

    A plural ("%n …") entry takes a list of its forms, or one text for every form."""
    tree = ET.parse(ts)
    changed = 0
    for context, message in _messages(tree):
        text = translations.get(context, {}).get(message.findtext("source", ""))
        translation = message.find("translation")
        if text is None or translation is None:
            continue
        forms = list(translation.iter("numerusform"))
        before = [f.text for f in forms] if forms else [translation.text]
        if forms:
            texts = text if isinstance(text, list) else [text] * len(forms)
            for form, form_text in zip(forms, texts, strict=False):
                form.text = form_text
            after: list[str | None] = [f.text for f in forms]
        else:
            translation.text = after_text = text if isinstance(text, str) else text[0]
            after = [after_text]
        if after != before or translation.get("type") == "unfinished":
            translation.attrib.pop("type", None)
            changed += 1
    _write(tree, ts)
    return changed


def live_sources(ts: Path) -> set[Message]:
    """The (context, source) pairs the code still uses."""
    return {
        (context, m.findtext("source", "")) for context, m in _messages(ET.parse(ts)) if _live(m)
    }


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def problems(ts: Path) -> list[str]:
    """Every live entry that is untranslated, or whose placeholders differ from its source."""
    found = []
    for context, message in _messages(ET.parse(ts)):
        if not _live(message):
            continue
        source = message.findtext("source", "")
        translation = message.find("translation")
        where = f"{context}: {source!r}"
        forms = (
            [f.text or "" for f in translation.iter("numerusform")]
            if translation is not None and message.get("numerus") == "yes"
            else [translation.text or "" if translation is not None else ""]
        )
        if translation is None or translation.get("type") == "unfinished" or not all(forms):
            found.append(f"untranslated: {where}")
            continue
        for form in forms:
            if placeholders(form) != placeholders(source):
                found.append(f"placeholders differ: {where} -> {form!r}")
            elif bool(_ACCELERATOR.search(source)) != bool(_ACCELERATOR.search(form)):
                found.append(f"accelerator (&) differs: {where} -> {form!r}")
    return found


# The pseudo-locale: accented, bracketed and about 40% longer, so that untranslated text and
# labels too narrow for a longer language both show on screen.

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)


def pseudo(text: str) -> str:
    parts = []
    last = 0
    for match in _PLACEHOLDER.finditer(text):
        parts += [text[last : match.start()].translate(_ACCENTED), match.group()]
        last = match.end()
    parts.append(text[last:].translate(_ACCENTED))
    padding = "·" * max(1, round(len(text) * 0.4))
    return f"[{''.join(parts)}{padding}]"


def pseudo_ts(source_ts: Path, target: Path) -> None:
    tree = ET.parse(source_ts)
    tree.getroot().set("language", "en")
    for _context, message in _messages(tree):
        translation = message.find("translation")
        if translation is None or not _live(message):
            continue
        text = pseudo(message.findtext("source", ""))
        translation.attrib.pop("type", None)
        forms = list(translation.iter("numerusform"))
        for form in forms:
            form.text = text
        if not forms:
            translation.text = text
    _write(tree, target)


def is_stale(out_dir: Path) -> bool:
    """True when a .qm is missing or older than a .ts or this script."""
    sources = [ts_path(lang) for lang in LANGUAGES] + [Path(__file__)]
    targets = [out_dir / f"inkwell_{lang}.qm" for lang in (*LANGUAGES, PSEUDO)]
    if not all(t.exists() for t in targets):
        return True
    return min(t.stat().st_mtime for t in targets) < max(s.stat().st_mtime for s in sources)


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    with tempfile.TemporaryDirectory() as tmp:
        pairs = [(ts_path(lang), out_dir / f"inkwell_{lang}.qm") for lang in LANGUAGES]
        pseudo_source = Path(tmp) / f"inkwell_{PSEUDO}.ts"
        pseudo_ts(ts_path(LANGUAGES[0]), pseudo_source)
        pairs.append((pseudo_source, out_dir / f"inkwell_{PSEUDO}.qm"))
        for ts, qm in pairs:
            subprocess.run(
                [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True
            )
            built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("update", "extract the source texts into the .ts files"),
        ("check", "list untranslated entries and placeholder mismatches; exit 1 if any"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("--ts", type=Path, nargs="*", help="these .ts files instead")
    command = commands.add_parser("fill", help="merge translations from JSON files")
    command.add_argument("json", type=Path, nargs="+")
    command.add_argument("--ts", type=Path, default=ts_path(LANGUAGES[0]))
    command = commands.add_parser("build", help="compile the .qm files")
    command.add_argument("--out", type=Path, default=QM_DIR)
    command.add_argument("--if-stale", action="store_true", help="only when a .ts changed")
    args = parser.parse_args(argv)

    ts_files = getattr(args, "ts", None) or [ts_path(lang) for lang in LANGUAGES]
    if args.command == "update":
        update(ts_files)
    elif args.command == "fill":
        for source in args.json:
            changed = fill(args.ts, json.loads(source.read_text(encoding="utf-8")))
            print(f"{source}: {changed} translations written to {args.ts}")
    elif args.command == "check":
        found = [f"{ts.name}: {p}" for ts in ts_files for p in problems(ts)]
        print("\n".join(found) or "All translations complete.")
        return 1 if found else 0
    elif not args.if_stale or is_stale(args.out):
        for qm in build(args.out):
            print(f"built {qm.relative_to(ROOT) if qm.is_relative_to(ROOT) else qm}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
