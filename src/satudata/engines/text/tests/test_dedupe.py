import random

from satudata.engines.text.dedupe import Deduper, find_duplicates

BASE = "jalan rusak parah di cipondoh tolong segera diperbaiki pak sudah tiga bulan begini"


def test_exact_and_near_duplicates_point_to_the_first_post() -> None:
    keys = ["a", "b", "c", "d", "e"]
    texts = [BASE, BASE, BASE + " tolong", "sampah menumpuk di pasar baru bau sekali", "ok"]
    assert find_duplicates(keys, texts) == [None, "a", "a", None, None]


def test_different_posts_are_not_duplicates() -> None:
    other = "jalan rusak parah di karawaci tolong dicek dinas sudah dua minggu"
    assert find_duplicates(["a", "b"], [BASE, other]) == [None, None]


def test_across_batches_and_single_adds() -> None:
    deduper = Deduper()
    assert deduper.find_duplicates(["a"], [BASE]) == [None]
    assert deduper.add("b", BASE + " <emosi_marah>") == "a"
    assert deduper.add("c", BASE + " <emosi_marah>") == "a"
    assert deduper.add("d", "banjir") is None
    assert deduper.add("e", "banjir") == "d"
    assert len(deduper) == 5


def test_many_random_posts_are_deterministic() -> None:
    rng = random.Random(3)
    words = [f"w{n}" for n in range(3000)]
    texts = [" ".join(rng.choices(words, k=15)) for _ in range(3000)]
    texts += [t + " extra" for t in texts[:300]]
    keys = [str(n) for n in range(len(texts))]
    first = find_duplicates(keys, texts)
    assert first == find_duplicates(keys, texts)
    assert first[:3000] == [None] * 3000
    found = sum(earlier == str(n) for n, earlier in enumerate(first[3000:]))
    assert found >= 285
