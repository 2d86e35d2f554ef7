"""Knowledge base articles: a question and its answer (Markdown), shown as the public FAQ at
/bantuan/ when published, and beside the ticket form of their category."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.helpdesk.models.tickets import Category, Ticket


class Article(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), help_text=_("Markdown: **bold**, lists, links."))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    is_published = models.BooleanField(_("published on the FAQ"), default=False)
    source_ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["category", "question"]
        verbose_name = _("knowledge base article")
        verbose_name_plural = _("knowledge base articles")

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("helpdesk:article", args=[self.slug])
