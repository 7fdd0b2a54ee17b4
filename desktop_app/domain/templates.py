"""The small template language of task files.

`{name}` is replaced by a value; `{#name}...{/name}` is kept only when `name` has a non-empty
value, and `{^name}...{/name}` only when it has none. Sections do not nest. Any other brace is
text. Values are inserted as they are, so a prompt that contains `{text}` stays that text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from desktop_app.domain.i18n import translate

_SECTION = re.compile(r"\{([#^])(\w+)\}(.*?)\{/\2\}", re.DOTALL)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_STRAY_SECTION = re.compile(r"\{[#^/](\w+)\}")


class TemplateError(ValueError):
    pass


def template_names(template: str) -> set[str]:
    """The names a template uses; TemplateError if a section is not closed or nested."""
    names = set()
    for match in _SECTION.finditer(template):
        names.add(match.group(2))
        inner = match.group(3)
        if _STRAY_SECTION.search(inner):
            raise TemplateError(
                translate("TaskFile", "the section {section} has another inside").format(
                    section=f"{{{match.group(1)}{match.group(2)}}}"
                )
            )
        names.update(_PLACEHOLDER.findall(inner))
    rest = _SECTION.sub("", template)
    stray = _STRAY_SECTION.search(rest)
    if stray:
        raise TemplateError(
            translate("TaskFile", "{section} has no matching start or end").format(
                section=stray.group(0)
            )
        )
    names.update(_PLACEHOLDER.findall(rest))
    return names


def render_template(template: str, values: Mapping[str, str]) -> str:
    """The template with its sections decided and its placeholders filled (unknown: empty)."""

    def section(match: re.Match[str]) -> str:
        has_value = bool(values.get(match.group(2), "").strip())
        keep = has_value if match.group(1) == "#" else not has_value
        return match.group(3) if keep else ""

    # One pass each, so text inside a value is never read as template syntax.
    sections_decided = _SECTION.sub(section, template)
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), sections_decided)
