"""City service topics of posts and complaints, and new clusters of posts that no topic covers.

`TopicClassifier` is a multinomial naive Bayes model over the TF-IDF weights of stemmed words.
It starts from the seed keywords of each topic (`SEEDS`) and learns from examples that officers
corrected (`fit`); the seeds stay part of what it learns. A post with none of the model's words,
or whose best topic is too uncertain, is `lainnya`. The model is saved as one `.npz` file of
plain arrays (no pickled objects). `discover` groups posts into clusters with k-means on their
TF-IDF vectors and names each with its most weighted words, to show topics the list lacks."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse

from satudata.engines.text.analyse import STOPWORDS, stem

OTHER = "lainnya"


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOPICS: dict[str, str] = {
    "jalan": "Jalan dan trotoar",
    "banjir_drainase": "Banjir dan drainase",
    "sampah": "Sampah dan kebersihan",
    "air_bersih": "Air bersih",
    "kesehatan": "Kesehatan",
    "pendidikan": "Pendidikan",
    "adminduk": "Administrasi kependudukan",
    "transportasi_macet": "Transportasi dan kemacetan",
    "bansos": "Bantuan sosial",
    "keamanan": "Keamanan dan ketertiban",
    "perizinan": "Perizinan",
    "listrik_pju": "Listrik dan penerangan jalan umum",
    "lingkungan": "Lingkungan hidup",
    OTHER: "Lainnya",
}
SEEDS: dict[str, tuple[str, ...]] = {
    "jalan": _split(
        "jalan rusak berlubang lubang aspal trotoar jembatan retak amblas betonisasi "
        "perbaikan jalan jalan rusak jalan berlubang"
    ),
    "banjir_drainase": _split(
        "banjir genangan tergenang menggenang selokan drainase gorong saluran tanggul pompa "
        "luapan meluap kali hujan air banjir"
    ),
    "sampah": _split(
        "sampah tempat pembuangan sampah tumpukan menumpuk diangkut angkut bau kebersihan "
        "pemulung buang sampah truk sampah"
    ),
    "air_bersih": _split(
        "air bersih perusahaan daerah air minum keruh pipa sumur tirta pasokan air mati air "
        "bocor meteran"
    ),
    "kesehatan": _split(
        "puskesmas rumah sakit dokter obat bpjs pasien demam berdarah stunting posyandu "
        "vaksin tenaga kesehatan perawat rawat inap"
    ),
    "pendidikan": _split(
        "sekolah guru siswa murid ppdb zonasi beasiswa kelas seragam pendidikan "
        "sekolah dasar sekolah menengah"
    ),
    "adminduk": _split(
        "kartu tanda penduduk kartu keluarga akta kelahiran kependudukan pencatatan sipil "
        "domisili pindah datang ektp blanko"
    ),
    "transportasi_macet": _split(
        "macet kemacetan angkutan kota bus terminal lalu lintas parkir lampu merah ojek "
        "halte kereta juru parkir"
    ),
    "bansos": _split(
        "bantuan sosial bantuan langsung tunai pkh sembako penerima dtks bantuan beras "
        "kartu sembako"
    ),
    "keamanan": _split(
        "pencuri maling begal tawuran preman copet kriminal polisi penjambret rampok "
        "pungutan liar narkoba"
    ),
    "perizinan": _split(
        "izin perizinan izin mendirikan bangunan persetujuan bangunan gedung sertifikat "
        "usaha umkm surat izin"
    ),
    "listrik_pju": _split(
        "listrik pln padam lampu penerangan jalan umum gelap lampu mati tiang listrik kabel"
    ),
    "lingkungan": _split(
        "pohon taman polusi asap debu bising kebisingan penghijauan limbah pencemaran udara tumbang"
    ),
}
EXTRA_STOPWORDS = frozenset(
    _split(
        "saya kami kamu aku pak bu bapak ibu mohon tolong sangat banget sekali lagi sih dong "
        "nih tuh kok ya terima kasih min admin"
    )
)
SEED_WEIGHT = 3.0
SMOOTHING = 0.1
MIN_CONFIDENCE = 0.35
FORMAT = "satudata-topics-1"
KEYWORDS = 8
EXAMPLES = 3


@dataclass(frozen=True, slots=True)
class TopicGuess:
    """The topic of one post and the model's probability for it (0 when no word was known)."""

    topic: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Cluster:
    """A group of similar posts: how many, their most weighted words, a few of them."""

    size: int
    keywords: list[str]
    examples: list[str]


def terms(text: str) -> list[str]:
    """The stemmed content words of a normalised post (markers such as <url>, numbers and
    stopwords left out)."""
    return [
        stem(word)
        for word in text.lower().split()
        if len(word) > 2
        and word[0] != "<"
        and not word.isdigit()
        and word not in STOPWORDS
        and word not in EXTRA_STOPWORDS
    ]


class TopicClassifier:
    """Naive Bayes over TF-IDF of stemmed words, seeded with the topic keywords."""

    def __init__(self, min_confidence: float = MIN_CONFIDENCE) -> None:
        self.min_confidence = min_confidence
        self.topics: list[str] = []
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0)
        self.log_prob = np.zeros((0, 0))
        self.log_prior = np.zeros(0)
        self.fit([], [])

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TopicClassifier:
        """Learn from corrected examples (normalised texts and topic slugs) and the seeds."""
        if len(texts) != len(labels):
            raise ValueError("texts and labels must have the same length")
        unknown = sorted(set(labels) - set(TOPICS))
        if unknown:
            raise ValueError(f"unknown topics: {', '.join(unknown)}")
        documents = [terms(text) for text in texts]
        seeded = [[stem(word) for word in SEEDS[topic]] for topic in SEEDS]
        all_docs = seeded + documents
        all_labels = list(SEEDS) + list(labels)
        weights = [SEED_WEIGHT] * len(seeded) + [1.0] * len(documents)
        self.topics = [t for t in TOPICS if t in set(all_labels)]
        vocabulary: dict[str, int] = {}
        for doc in all_docs:
            for term in doc:
                vocabulary.setdefault(term, len(vocabulary))
        self.vocabulary = vocabulary
        counts = self._counts(all_docs)
        frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
        self.idf = np.log((1 + len(all_docs)) / (1 + frequency)) + 1
        features = counts.multiply(self.idf).tocsr()
        index = {topic: n for n, topic in enumerate(self.topics)}
        rows = np.array([index[label] for label in all_labels])
        membership = sparse.csr_matrix(
            (weights, (rows, np.arange(len(all_docs)))), shape=(len(self.topics), len(all_docs))
        )
        totals = np.asarray((membership @ features).todense()) + SMOOTHING
        self.log_prob = np.log(totals / totals.sum(axis=1, keepdims=True))
        prior = np.asarray(membership.sum(axis=1)).ravel()
        self.log_prior = np.log(prior / prior.sum())
        return self

    def _counts(self, documents: Sequence[list[str]]) -> sparse.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for doc in documents:
            found = Counter(self.vocabulary[t] for t in doc if t in self.vocabulary)
            indices.extend(found)
            values.extend(found.values())
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
            shape=(len(documents), len(self.vocabulary)),
        )

    def classify(self, texts: Sequence[str]) -> list[TopicGuess]:
        """The topic of each normalised text."""
        if not texts:
            return []
        counts = self._counts([terms(text) for text in texts])
        features = counts.multiply(self.idf).tocsr()
        scores = np.asarray(features @ self.log_prob.T) + self.log_prior
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        confidence = probabilities[np.arange(len(texts)), best]
        known = np.diff(counts.indptr) > 0
        guesses: list[TopicGuess] = []
        for n, score, has_words in zip(
            best.tolist(), confidence.tolist(), known.tolist(), strict=True
        ):
            if not has_words:
                guesses.append(TopicGuess(OTHER, 0.0))
            elif score < self.min_confidence:
                guesses.append(TopicGuess(OTHER, round(score, 4)))
            else:
                guesses.append(TopicGuess(self.topics[n], round(score, 4)))
        return guesses

    def save(self, path: Path) -> Path:
        """Write the model to `path` (an `.npz` of plain arrays)."""
        meta = {"format": FORMAT, "min_confidence": self.min_confidence}
        with Path(path).open("wb") as out:
            np.savez_compressed(
                out,
                meta=np.array(json.dumps(meta)),
                topics=np.array(self.topics, dtype=str),
                vocabulary=np.array(
                    sorted(self.vocabulary, key=self.vocabulary.__getitem__), dtype=str
                ),
                idf=self.idf,
                log_prob=self.log_prob,
                log_prior=self.log_prior,
            )
        return Path(path)

    @classmethod
    def load(cls, path: Path) -> TopicClassifier:
        """Read a model written by `save`."""
        with np.load(Path(path), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{path} is not a satudata topic model")
            model = cls.__new__(cls)
            model.min_confidence = float(meta["min_confidence"])
            model.topics = [str(t) for t in data["topics"]]
            model.vocabulary = {str(t): n for n, t in enumerate(data["vocabulary"])}
            model.idf = data["idf"]
            model.log_prob = data["log_prob"]
            model.log_prior = data["log_prior"]
        return model


def discover(texts: Sequence[str], k: int, *, seed: int = 0) -> list[Cluster]:
    """`k` clusters of similar normalised texts, largest first."""
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [terms(text) for text in texts]
    keep = [n for n, doc in enumerate(documents) if doc]
    if len(keep) < k or k < 1:
        raise ValueError("discover needs at least k texts with words")
    surface: dict[str, Counter[str]] = {}
    for n in keep:
        for word in texts[n].lower().split():
            surface.setdefault(stem(word), Counter())[word] += 1
    vectoriser = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True)
    features = vectoriser.fit_transform([documents[n] for n in keep])
    model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=1024)
    assigned = model.fit_predict(features)
    names = vectoriser.get_feature_names_out()
    distances = model.transform(features)
    clusters: list[Cluster] = []
    for cluster in range(k):
        members = np.flatnonzero(assigned == cluster)
        if not len(members):
            continue
        order = np.argsort(model.cluster_centers_[cluster])[::-1][:KEYWORDS]
        keywords = [
            surface[names[i]].most_common(1)[0][0] if names[i] in surface else str(names[i])
            for i in order
            if model.cluster_centers_[cluster][i] > 0
        ]
        closest = members[np.argsort(distances[members, cluster])[:EXAMPLES]]
        clusters.append(Cluster(len(members), keywords, [texts[keep[i]] for i in closest]))
    return sorted(clusters, key=lambda c: -c.size)
