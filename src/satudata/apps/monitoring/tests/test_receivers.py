import pytest

from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.checks import MANUAL_CHECKS
from satudata.apps.monitoring.models import DatasetQuality, Release
from satudata.apps.portal.tests.helpers import people, with_candidate

pytestmark = pytest.mark.django_db


def test_publishing_logs_the_release_and_scores_the_dataset(django_capture_on_commit_callbacks):
    crew = people()
    dataset = with_candidate(crew["org"], crew["produsen"], frekuensi="tahunan")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.check_submit(user=crew["produsen"], dataset=dataset)
        workflow.check_return(user=crew["walidata"], dataset=dataset, note="Lengkapi metadata")
        workflow.check_submit(user=crew["produsen"], dataset=dataset)
        workflow.check_approve(
            user=crew["walidata"],
            dataset=dataset,
            checks={code: True for code, _label in MANUAL_CHECKS},
        )
    release = Release.objects.get(dataset=dataset)
    assert release.returns == 1 and release.fixes == 1
    assert release.organisation == crew["org"]
    assert DatasetQuality.objects.filter(dataset=dataset).exists()
