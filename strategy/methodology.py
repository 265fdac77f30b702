"""The rule book, docs/methodology.md, as the public page shows it.

The site's "How progress is measured" is the document itself, rendered, so that the
rules the code follows (targets/progress.py) and the words the public reads cannot
drift apart. Python-Markdown renders it; a tree processor gives the elements GOV.UK
Frontend's classes and moves each heading one level down, under the page's own.
"""

from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import markdown
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

DOCUMENT = Path(settings.BASE_DIR) / "docs" / "methodology.md"

CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "a": "govuk-link",
    "h2": "govuk-heading-l",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
}
# The document's own title is the page section's heading: its sections come one level down.
HEADINGS = {"h2": "h3", "h3": "h4"}


class GovukStyle(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            for element in list(parent):
                if element.tag == "h1":
                    parent.remove(element)
                    continue
                element.tag = HEADINGS.get(element.tag, element.tag)
                if element.tag in CLASSES:
                    element.set("class", CLASSES[element.tag])
                if element.tag == "th":
                    element.set("scope", "col")
                if element.tag == "table":
                    # Wide tables scroll on a phone, inside a region a keyboard can reach.
                    wrapper = ElementTree.Element(
                        "div",
                        {
                            "class": "app-table-wrapper",
                            "tabindex": "0",
                            "role": "region",
                            "aria-label": "A table of the rules",
                        },
                    )
                    position = list(parent).index(element)
                    parent.remove(element)
                    wrapper.append(element)
                    parent.insert(position, wrapper)


class GovukStyleExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(GovukStyle(md), "govuk_style", 0)


@cache
def methodology_html() -> SafeString:
    """The document as HTML, read once per process: it changes only with a release."""
    text = DOCUMENT.read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["tables", GovukStyleExtension()])
    return mark_safe(html)  # our own document, from the repository
