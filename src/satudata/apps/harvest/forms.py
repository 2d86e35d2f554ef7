"""The harvest source form; the organisation mapping is written one "remote = local" per line."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from satudata.apps.accounts.models import Organisation
from satudata.apps.harvest.models import HarvestSource
from satudata.platform import outbound


class HarvestSourceForm(forms.ModelForm):
    mapping = forms.CharField(
        label=gettext_lazy("Organisation mapping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "One per line: the remote organisation's name (as in its CKAN address or DCAT "
            "publisher name) = the local organisation's short address (slug). "
            "Example: dinkes-kota = dinkes"
        ),
    )

    class Meta:
        model = HarvestSource
        fields = [
            "name",
            "kind",
            "url",
            "organisation",
            "topic",
            "interval_hours",
            "withdraw_deleted",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            slugs = dict(
                Organisation.objects.filter(
                    pk__in=self.instance.organisation_map.values()
                ).values_list("pk", "slug")
            )
            self.initial["mapping"] = "\n".join(
                f"{remote} = {slugs[pk]}"
                for remote, pk in sorted(self.instance.organisation_map.items())
                if pk in slugs
            )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        outbound.validate_url(url)
        return url

    def clean_mapping(self) -> dict[str, int]:
        mapping: dict[str, int] = {}
        for number, line in enumerate(self.cleaned_data["mapping"].splitlines(), start=1):
            if not line.strip():
                continue
            remote, sep, local = line.partition("=")
            organisation = Organisation.objects.filter(slug=local.strip()).first()
            if not sep or not remote.strip() or organisation is None:
                raise forms.ValidationError(
                    _(
                        'Line %(line)s: write "remote name = local slug" with the slug of an '
                        "existing organisation."
                    )
                    % {"line": number}
                )
            mapping[remote.strip()] = organisation.pk
        return mapping

    def action_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k != "mapping"}
        data["organisation_map"] = self.cleaned_data["mapping"]
        return data
