"""Forms of the helpdesk and the data requests (input parsing only; the actions check rules)."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.helpdesk.files import MAX_FILE_BYTES, MAX_FILES, accepted_types
from satudata.apps.helpdesk.models import Article, Category, DataRequest, Priority, Status

Choices = list[tuple[Any, str]]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _files_field() -> MultipleFileField:
    return MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("Up to %(count)s files of at most %(size)s MB each: %(types)s.")
        % {"count": MAX_FILES, "size": MAX_FILE_BYTES // 1024 // 1024, "types": accepted_types()},
    )


class TicketForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you did, what you expected and what happened (the message you saw)."),
    )
    dataset = forms.ChoiceField(label=_("Dataset (optional)"), required=False)

    def __init__(self, *args: Any, datasets: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [("", "—"), *datasets]
        self.fields["attachments"] = _files_field()


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 5}))
    status = forms.ChoiceField(
        label=_("Then the ticket is"),
        required=False,
        choices=[
            (Status.DIBALAS, Status.DIBALAS.label),
            (Status.MENUNGGU_OPD, Status.MENUNGGU_OPD.label),
            (Status.SELESAI, Status.SELESAI.label),
        ],
    )

    def __init__(self, *args: Any, walidata: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not walidata:
            del self.fields["status"]
        self.fields["attachments"] = _files_field()


class ManageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    assigned_to = forms.TypedChoiceField(
        label=_("Assigned to"), required=False, coerce=int, empty_value=None
    )
    note = forms.CharField(
        label=_("Note in the thread (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, walidata_people: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = [("", "—"), *walidata_people]


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why reopen it (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TargetForm(forms.Form):
    first_response_days = forms.IntegerField(
        label=_("First response within (working days)"), min_value=1, max_value=30
    )
    resolution_days = forms.IntegerField(
        label=_("Resolution within (working days)"), min_value=1, max_value=90
    )
    holidays = forms.CharField(
        label=_("Public holidays and collective leave"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One date a line, as YYYY-MM-DD (e.g. 2026-08-17). They do not count as working days."
        ),
    )

    def clean_holidays(self) -> list[date]:
        found = []
        for number, line in enumerate(self.cleaned_data["holidays"].splitlines(), start=1):
            text = line.strip()
            if not text:
                continue
            try:
                found.append(date.fromisoformat(text))
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(line)s, “%(value)s”, is not a date: write it as YYYY-MM-DD.")
                    % {"line": number, "value": text[:40]}
                ) from None
        return found


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = ["question", "answer", "category", "is_published"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 10})}


class DataRequestForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Your email"),
        help_text=_("We send the private link to follow your request here. It is never shown."),
    )
    institution = forms.CharField(label=_("Institution (optional)"), max_length=200, required=False)
    title = forms.CharField(
        label=_("Data wanted"),
        max_length=200,
        help_text=_("E.g. “Jumlah posyandu aktif per kelurahan”."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The variables, the level of detail and the format you need."),
    )
    purpose = forms.CharField(
        label=_("Purpose"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    wilayah = forms.CharField(
        label=_("Area (optional)"),
        max_length=200,
        required=False,
        help_text=_("E.g. Kecamatan Cipondoh, or the whole city."),
    )
    period = forms.CharField(
        label=_("Period (optional)"),
        max_length=100,
        required=False,
        help_text=_("E.g. 2020–2025."),
    )
    public = forms.BooleanField(
        label=_(
            "I understand that the data wanted, the description, the purpose and the answer "
            "are published on the portal (without my name, email or institution)."
        )
    )
    website = forms.CharField(required=False, label=_("Leave this field empty"))


class RouteForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Forward to"), coerce=int)

    def __init__(self, *args: Any, organisations: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = organisations


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (s, s.label)
            for s in (
                DataRequest.Status.DIPROSES,
                DataRequest.Status.DIPENUHI,
                DataRequest.Status.DITOLAK,
            )
        ],
    )
    answer = forms.CharField(
        label=_("Answer (public)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when declining: the reason. Never write personal data here."),
    )
    dataset = forms.ChoiceField(
        label=_("Dataset that fulfils it (only terbuka, published datasets)"), required=False
    )

    def __init__(self, *args: Any, datasets: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [("", "—"), *datasets]
