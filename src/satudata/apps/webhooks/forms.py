from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from satudata.apps.accounts.models import Organisation
from satudata.apps.webhooks.models import Event, Webhook
from satudata.platform import outbound


class WebhookForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=Event.choices,
        initial=[Event.PUBLISH],
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "organisation"]
        help_texts = {
            "url": _("The receiver's https address; it gets a signed JSON POST for each event."),
            "organisation": _("Leave empty for every organisation."),
        }

    def __init__(self, *args: Any, walidata: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if walidata:
            self.fields["organisation"].queryset = Organisation.objects.all()
        else:
            del self.fields["organisation"]

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        outbound.validate_url(url)
        return url
