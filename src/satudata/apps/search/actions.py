"""Every write to the search index. The index is derived from the datasets: catalog actions call
`do_index_dataset` whenever what is searchable changes, and `do_reindex_all` (the `reindex`
command) rebuilds it from scratch."""

import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Prefetch

from satudata.apps.catalog.models import Attachment, Dataset
from satudata.apps.catalog.models.choices import ACCESS_RANK, AccessLevel
from satudata.apps.portal.exports import FORMATS
from satudata.apps.search.models import TERM_LENGTH, Document, IndexState, Posting, WordVariant
from satudata.engines import text
from satudata.platform import dbstats

TITLE, TAGS, STANDARD, DESCRIPTION = 8, 4, 2, 1
STANDARD_FIELDS = ("konsep", "definisi", "klasifikasi", "ukuran", "satuan")
MAX_YEARS = 100
BATCH = 500


def _fields(dataset: Dataset) -> list[tuple[int, str]]:
    """The searchable text of a dataset, each with its weight: title > tags > column names and
    standar data > description."""
    fields = [(TITLE, dataset.title), (DESCRIPTION, dataset.description)]
    fields.append((TAGS, " ".join(tag.name for tag in dataset.tags.all())))
    for name in STANDARD_FIELDS:
        fields.append((STANDARD, getattr(dataset, name)))
    version = dataset.published_version
    for field in version.fields if version is not None else []:
        fields.append((STANDARD, f"{field.get('name') or ''} {field.get('title') or ''}"))
    return fields


def _years(dataset: Dataset) -> list[int]:
    start, end = dataset.period_start, dataset.period_end
    if start is None and end is None:
        return []
    first, last = (start or end).year, (end or start).year
    return list(range(first, min(last, first + MAX_YEARS) + 1))


def _formats(dataset: Dataset) -> list[str]:
    """What can be downloaded: the open formats of a published table, and the documents
    attached (only those that everyone who sees the dataset may see)."""
    found = list(FORMATS) if dataset.published_version_id else []
    rank = ACCESS_RANK[AccessLevel(dataset.access_level)]
    for attachment in dataset.attachments.all():
        if attachment.kind != Attachment.Kind.DOCUMENT:
            continue
        if ACCESS_RANK[AccessLevel(attachment.access_level)] > rank:
            continue
        suffix = Path(attachment.file_name).suffix.lower().lstrip(".")
        if suffix.isalnum() and len(suffix) <= 10 and suffix not in found:
            found.append(suffix)
    return found


def _document(dataset: Dataset) -> Document:
    due = dataset.next_update_due
    updated = dataset.data_updated_at
    return Document(
        dataset_id=dataset.pk,
        years=" ".join(str(y) for y in _years(dataset)),
        prioritas=" ".join(str(int(y)) for y in dataset.prioritas_years or []),
        formats=" ".join(_formats(dataset)),
        tags="\n".join(sorted(tag.name for tag in dataset.tags.all())),
        published=int(updated.timestamp()) if updated else 0,
        modified=int(dataset.updated_at.timestamp()) if dataset.updated_at else 0,
        due=due.toordinal() if due else None,
    )


Row = tuple[str, int, int]


def _analyse(datasets: Iterable[Dataset]) -> tuple[list[Document], list[Row], dict[str, str]]:
    documents, postings, vocabulary = [], [], {}
    for dataset in datasets:
        weights, words = text.field_terms(_fields(dataset))
        documents.append(_document(dataset))
        postings.extend((term[:TERM_LENGTH], dataset.pk, w) for term, w in weights.items())
        vocabulary.update(words)
    return documents, postings, vocabulary


def _insert_postings(rows: list[Row]) -> None:
    """Plain `executemany`: the inverted index has many small rows, and model instances would
    cost more than the insert itself."""
    table = connection.ops.quote_name(Posting._meta.db_table)
    sql = f"INSERT INTO {table} (term, dataset_id, weight) VALUES (%s, %s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10_000):
            cursor.executemany(sql, rows[start : start + 10_000])


def _add_words(vocabulary: dict[str, str]) -> None:
    """Adds the words not yet known, with their one-letter deletions, to the vocabulary."""
    known: set[str] = set()
    words = sorted(vocabulary)
    for start in range(0, len(words), BATCH):
        chunk = words[start : start + BATCH]
        known.update(
            WordVariant.objects.filter(variant__in=chunk, word__in=chunk).values_list(
                "word", flat=True
            )
        )
    rows = [
        WordVariant(variant=variant, word=word, stem=vocabulary[word][:TERM_LENGTH])
        for word in words
        if word not in known and text.typo_eligible(word)
        for variant in sorted(text.variants(word))
    ]
    WordVariant.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)


def do_touch_index() -> None:
    """Tells every web process that what catalogue pages show changed: the index itself, or
    a row that a dataset page's panels look for (a standard adopted, a comparison declared)."""
    IndexState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4().hex})


def _searchable() -> object:
    return Dataset.objects.select_related("published_version").prefetch_related(
        "tags", Prefetch("attachments", queryset=Attachment.objects.order_by("pk"))
    )


def _store(datasets: list[Dataset]) -> None:
    documents, postings, vocabulary = _analyse(datasets)
    ids = [d.pk for d in datasets]
    Posting.objects.filter(dataset_id__in=ids).delete()
    Document.objects.filter(dataset_id__in=ids).delete()
    Document.objects.bulk_create(documents, batch_size=2000)
    _insert_postings(postings)
    _add_words(vocabulary)


@transaction.atomic
def do_index_dataset(dataset: Dataset) -> None:
    """(Re)builds the search document of one dataset from what is stored now."""
    fresh = _searchable().filter(pk=dataset.pk).first()
    if fresh is None:
        Posting.objects.filter(dataset_id=dataset.pk).delete()
        Document.objects.filter(dataset_id=dataset.pk).delete()
    else:
        _store([fresh])
    do_touch_index()


def do_reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuilds the whole index, in batches; returns the number of datasets indexed."""
    ids = list(Dataset.objects.order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        Posting.objects.all().delete()
        Document.objects.all().delete()
        WordVariant.objects.all().delete()
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with transaction.atomic():
            _store(list(_searchable().filter(pk__in=chunk).order_by("pk")))
        if progress is not None:
            progress(min(start + BATCH, len(ids)), len(ids))
    dbstats.refresh()
    do_touch_index()
    return len(ids)
