import pytest

from satudata.platform import access
from satudata.platform.testing.factories import make_dataset, make_org, make_user, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    owner_org = make_org("opd")
    other_org = make_org("opd")
    partner_org = make_org("partner")
    walidata_org = make_org("walidata")
    return {
        "owner": make_user(owner_org, "produsen"),
        "other": make_user(other_org, "produsen"),
        "partner": make_user(partner_org),
        "walidata": make_user(walidata_org, "walidata"),
        "pembina": make_user(make_org("pembina"), "pembina"),
        "loner": make_user(None),
        "open": make_dataset(owner_org, access_level="terbuka"),
        "restricted": make_dataset(owner_org, access_level="terbatas"),
        "closed": make_dataset(owner_org, access_level="tertutup"),
        "draft": make_dataset(owner_org, access_level="terbuka", published=False),
        "prioritas": make_dataset(
            owner_org,
            access_level="tertutup",
            published=False,
            state="menunggu_pembina",
            prioritas_years=[2026],
        ),
        "unlisted": make_dataset(
            owner_org, access_level="tertutup", published=False, state="menunggu_pembina"
        ),
    }


def visible(world, who):
    viewer = access.ANONYMOUS if who is None else access.viewer_for(world[who])
    names = ("open", "restricted", "closed", "draft", "prioritas", "unlisted")
    ids = set(access.datasets(viewer).values_list("pk", flat=True))
    return {name for name in names if world[name].pk in ids}


def test_anonymous_sees_only_published_open_data(world):
    assert visible(world, None) == {"open"}


def test_signed_in_user_without_organisation_is_public(world):
    assert visible(world, "loner") == {"open"}


def test_government_and_partner_users_see_restricted(world):
    assert visible(world, "other") == {"open", "restricted"}
    assert visible(world, "partner") == {"open", "restricted"}


def test_owner_sees_everything_of_its_organisation(world):
    assert visible(world, "owner") == {
        "open",
        "restricted",
        "closed",
        "draft",
        "prioritas",
        "unlisted",
    }


def test_walidata_sees_everything(world):
    assert visible(world, "walidata") == {
        "open",
        "restricted",
        "closed",
        "draft",
        "prioritas",
        "unlisted",
    }


def test_pembina_sees_only_the_data_prioritas_awaiting_its_review(world):
    assert visible(world, "pembina") == {"open", "restricted", "prioritas"}


def test_pembina_reads_the_candidate_but_not_the_workflow(world):
    pembina = access.viewer_for(world["pembina"])
    dataset = world["prioritas"]
    candidate = make_version(dataset)
    dataset.candidate_version = candidate
    draft = make_version(dataset)
    dataset.save()
    assert access.in_pembina_review(pembina, dataset)
    assert access.sees_candidate(pembina, dataset)
    assert not access.sees_workflow(pembina, dataset)
    assert set(access.versions(pembina, dataset)) == {candidate}
    assert draft in set(access.versions(access.viewer_for(world["owner"]), dataset))
    assert access.read_is_audited(pembina, world["prioritas"])
    assert not access.read_is_audited(pembina, world["restricted"])
    assert access.can_review_as_pembina(pembina, dataset)
    assert not access.can_review_as_pembina(pembina, world["unlisted"])
    assert not access.can_edit(pembina, dataset)


def test_pembina_sees_only_published_levels_of_attachments(world):
    dataset = world["prioritas"]
    dataset.attachments.create(
        kind="link", title="Rahasia", url="https://b.id", access_level="tertutup"
    )
    pembina = access.viewer_for(world["pembina"])
    assert list(access.attachments(pembina, dataset)) == []


def test_public_datasets_excludes_own_drafts(world):
    viewer = access.viewer_for(world["owner"])
    ids = set(access.public_datasets(viewer).values_list("pk", flat=True))
    assert world["draft"].pk not in ids
    assert world["closed"].pk in ids


def test_inactive_user_is_anonymous(world):
    world["walidata"].is_active = False
    assert access.viewer_for(world["walidata"]) == access.ANONYMOUS


def test_edit_rights(world):
    owner = access.viewer_for(world["owner"])
    other = access.viewer_for(world["other"])
    walidata = access.viewer_for(world["walidata"])
    assert access.can_edit(owner, world["open"])
    assert not access.can_edit(other, world["open"])
    assert not access.can_edit(walidata, world["open"])


def test_attachment_levels_follow_viewer(world):
    dataset = world["open"]
    dataset.attachments.create(
        kind="link", title="Publik", url="https://a.id", access_level="terbuka"
    )
    dataset.attachments.create(
        kind="link", title="Rahasia", url="https://b.id", access_level="tertutup"
    )
    anon = {a.title for a in access.attachments(access.ANONYMOUS, dataset)}
    owner = {a.title for a in access.attachments(access.viewer_for(world["owner"]), dataset)}
    assert anon == {"Publik"}
    assert owner == {"Publik", "Rahasia"}
