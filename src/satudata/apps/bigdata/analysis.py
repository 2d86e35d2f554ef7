"""The analysis a run goes through, assembled from the text engine: the masking key of this
installation, the sentiment and topic models in use, and the gazetteer of the city's kecamatan
and kelurahan from the kode wilayah reference."""

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from satudata.apps.bigdata import retrain
from satudata.apps.bigdata.models import Correction
from satudata.apps.registry.models import Wilayah
from satudata.engines.text import sentiment, topics
from satudata.engines.text.informal import normalise
from satudata.engines.text.places import Gazetteer

KIND = {Wilayah.Level.KECAMATAN: "kecamatan", Wilayah.Level.DESA: "kelurahan"}


def masking_key() -> bytes:
    """The key of the stable hashes that replace identifiers, derived from the secret key so
    that the same phone number or account gives the same token in every run."""
    return hmac.new(settings.SECRET_KEY.encode(), b"satudata-bigdata-mask", hashlib.sha256).digest()


def gazetteer() -> Gazetteer:
    rows = Wilayah.objects.filter(
        kode__startswith=settings.WILAYAH + ".",
        level__in=list(KIND),
        valid_until__isnull=True,
    ).values_list("kode", "nama", "level")
    return Gazetteer([(kode, nama, KIND[level]) for kode, nama, level in rows])


def sentiment_model() -> sentiment.SentimentModel:
    """The version in use: the latest retrained one that scored at least as well, else the
    shipped model. Every process notices a new version at its next run."""
    path = retrain.current_path()
    return _model_at(str(path) if path else "")


@lru_cache(maxsize=2)
def _model_at(path: str) -> sentiment.SentimentModel:
    return sentiment.SentimentModel.load(Path(path)) if path else sentiment.load_default()


def topic_classifier() -> topics.TopicClassifier:
    """The seed topics, refined by every topic the team corrected."""
    corrected = Correction.objects.filter(field=Correction.Field.TOPIC).values_list(
        "text_masked", "value"
    )
    texts = [normalise(text) for text, _value in corrected]
    return topics.TopicClassifier().fit(texts, [value for _text, value in corrected])
