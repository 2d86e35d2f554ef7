"""Template tags of the interoperability pages: the schema.org description of a dataset."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from satudata.apps.interop.dcat import queries, schemaorg

register = template.Library()


@register.simple_tag(takes_context=True)
def dataset_jsonld(context: template.Context) -> SafeString:
    """`<script type="application/ld+json">` with the schema.org Dataset of the page's dataset."""
    dataset = context.get("dataset")
    if dataset is None:
        return SafeString("")
    page: Any = context.get("page")
    tags = [tag.name for tag in page.tags] if page is not None else None
    publisher = queries.catalog_publisher(getattr(page, "token", None))
    document = schemaorg.dataset_document(dataset, publisher, tags)
    body = schemaorg.script_json(document)
    # The body is JSON whose <, > and & are escaped: it cannot leave the script element.
    return mark_safe(f'<script type="application/ld+json">\n{body}\n</script>')  # noqa: S308
