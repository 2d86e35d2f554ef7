"""The catalog's search index: derived data, rebuilt from the datasets by `actions`.

A `Document` per dataset holds its facet values; `Posting` rows are the inverted index (stem →
dataset, weighted by the fields the stem occurs in); `WordVariant` is the vocabulary of surface
words with their one-letter deletions, which typo tolerance looks up. `IndexState` holds a token
that changes with every change of the index, so that each web process knows when its in-memory
copy is stale. Every table is answered with B-tree indexes, the same on SQLite and PostgreSQL."""

from django.db import models

TERM_LENGTH = 40


class Document(models.Model):
    dataset = models.OneToOneField(
        "catalog.Dataset",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    years = models.CharField(max_length=600, blank=True)
    prioritas = models.CharField(max_length=200, blank=True)
    formats = models.CharField(max_length=200, blank=True)
    tags = models.TextField(blank=True, help_text="Tag names, one per line")
    published = models.BigIntegerField(default=0, help_text="Epoch seconds of the last publication")
    modified = models.BigIntegerField(
        default=0, help_text="Epoch seconds of the last metadata change"
    )
    due = models.IntegerField(null=True, blank=True, help_text="Ordinal of the next update's date")
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return str(self.dataset_id)


class Posting(models.Model):
    term = models.CharField(max_length=TERM_LENGTH)
    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE, related_name="+")
    weight = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["term", "dataset", "weight"], name="search_posting_term")]

    def __str__(self) -> str:
        return f"{self.term} → {self.dataset_id}"


class WordVariant(models.Model):
    variant = models.CharField(max_length=TERM_LENGTH)
    word = models.CharField(max_length=TERM_LENGTH)
    stem = models.CharField(max_length=TERM_LENGTH)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["variant", "word"], name="search_unique_variant")
        ]

    def __str__(self) -> str:
        return f"{self.variant} → {self.word}"


class IndexState(models.Model):
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
