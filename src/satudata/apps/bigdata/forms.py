"""Forms of the Big Data pages: a source, an upload, its field mapping, the dashboard's filters
and a label correction."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.bigdata import store
from satudata.apps.bigdata.models import Source
from satudata.engines.text import topics

FIELD_LABELS = {
    "text": _("Text of the post"),
    "time": _("Time"),
    "author": _("Author (replaced by a hash)"),
    "id": _("Post id (to count a post exported twice once)"),
    "url": _("Link"),
    "place": _("Place written by the author"),
    "likes": _("Likes"),
    "shares": _("Shares"),
}
SENTIMENT_LABELS = {"negatif": _("negative"), "netral": _("neutral"), "positif": _("positive")}


class SourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    channel = forms.ChoiceField(label=_("Channel"), choices=Source.Channel.choices)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Export"),
        help_text=_("CSV, JSON Lines (one post per line) or XLSX, as the tool exports it."),
    )


class MappingForm(forms.Form):
    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((c, c) for c in columns)]
        for name, label in FIELD_LABELS.items():
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=name == "text"
            )


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FiltersForm(forms.Form):
    start = _date(_("From"))
    end = _date(_("To"))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    sentiment = forms.ChoiceField(
        label=_("Sentiment"),
        required=False,
        choices=[("", _("All")), *SENTIMENT_LABELS.items()],
    )
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Source.Channel.choices]
    )
    kode = forms.RegexField(
        label=_("Kode wilayah"), required=False, regex=r"^[0-9.]{2,13}$", max_length=13
    )
    q = forms.CharField(label=_("Words"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All")), *topics.TOPICS.items()]

    def filters(self) -> store.Filters:
        if not self.is_valid():
            return store.Filters()
        data = self.cleaned_data
        return store.Filters(
            start=data["start"],
            end=data["end"],
            topic=data["topic"],
            sentiment=data["sentiment"],
            channel=data["channel"],
            kode=data["kode"],
            q=data["q"].strip(),
        )


class CorrectionForm(forms.Form):
    post_id = forms.CharField(max_length=120)
    field = forms.ChoiceField(choices=[("sentimen", "sentimen"), ("topik", "topik")])
    value = forms.CharField(max_length=40)
