"""The changelog rendered: the footer's version line, the "changed in" markers of paragraphs,
the changelog page (surumler.md)."""
from __future__ import annotations

import re

from edition.core.dates import format_date
from edition.core.escaping import attr, text
from edition.sources.changelog import LABELS, SECTIONS, Versions


def footer_html(versions: Versions, lang: str, changelog_href: str) -> str:
    lab = LABELS[lang]
    return (f'<span class="edition-version">{text(versions.label(lang))}</span> · '
            f'<a href="{attr(changelog_href)}">{text(lab["changelog"])}</a>')


def changed_label(versions: Versions, lang: str, anchor: str) -> str:
    """The marker's text for a changed paragraph, or ""."""
    version = versions.changed.get(lang, {}).get(anchor)
    return LABELS[lang]["changed"].format(version=version) if version else ""


def changelog_html(versions: Versions, lang: str, para_href) -> str:
    """The changelog page's body: one section per release, newest first.
    `para_href(anchor)` links a changed paragraph of the current release."""
    lab = LABELS[lang]
    out = []
    for i, r in enumerate(versions.releases):
        out.append(f'<section class="release" id="{attr(r.anchor)}" aria-labelledby="{attr(r.anchor)}-h">'
                   f'<h2 id="{attr(r.anchor)}-h">{text(lab["version"])} {text(r.version)}</h2>'
                   f'<p class="release-date">{text(lab["released"])}: '
                   f'<time datetime="{r.date.isoformat()}">{text(format_date(r.date, lang))}</time></p>'
                   f'<p>{text(getattr(r.summary, lang))}</p>')
        for section in SECTIONS:
            items = getattr(r, section)
            if items:
                out.append(f'<h3>{text(lab[section])}</h3><ul>'
                           + "".join(f"<li>{text(getattr(x, lang))}</li>" for x in items) + "</ul>")
        if i == 0 and versions.previous is not None:
            changed = versions.changed.get("en", {})
            links = ", ".join(f'<a href="{attr(para_href(a))}">{text(_para_label(a))}</a>' for a in _ordered(changed))
            out.append(f'<p class="changed-paragraphs">{text(lab["changed_paras"])} '
                       f'({text(versions.previous.version)} → {text(r.version)}): {links or text(lab["none"])}</p>')
        out.append("</section>")
    return "\n".join(out)


def _para_label(anchor: str) -> str:
    return f"¶ {anchor[1:]}" if re.fullmatch(r"p\d+", anchor) else anchor


def _ordered(anchors) -> list[str]:
    return sorted(anchors, key=lambda a: (0, int(a[1:]), "") if re.fullmatch(r"p\d+", a) else (1, 0, a))


def markers(versions: Versions | None, lang: str) -> dict[str, str]:
    """Paragraph anchor -> marker text, for the Renderer."""
    if versions is None:
        return {}
    return {a: changed_label(versions, lang, a) for a in versions.changed.get(lang, {})}
