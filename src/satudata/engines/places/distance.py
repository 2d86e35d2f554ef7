"""Edit distances between match keys: insert, delete, substitute, or swap two neighbours."""

from collections.abc import Iterator

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def deletes(word: str) -> Iterator[str]:
    """Every string made by removing one letter from `word`."""
    return (word[:i] + word[i + 1 :] for i in range(len(word)))


def neighbours(word: str, alphabet: str = ALPHABET) -> set[str]:
    """Every string one edit away from `word` (and `word` itself)."""
    found = {word, *deletes(word)}
    for i in range(len(word) - 1):
        found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        for letter in alphabet:
            found.add(head + letter + tail)
            if tail:
                found.add(head + letter + tail[1:])
    return found


def bounded_distance(a: str, b: str, limit: int) -> int | None:
    """The optimal-string-alignment distance of `a` and `b` when it is at most `limit`, else None.

    The common beginning and end are skipped; only a band of width 2 × limit + 1 around the
    diagonal of the rest is computed."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return None
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[start : len(a) - end], b[start : len(b) - end]
    la, lb = len(a), len(b)
    if not la or not lb:
        return la or lb
    big = limit + 1
    before: list[int] = []
    previous = [j if j <= limit else big for j in range(lb + 1)]
    for i in range(1, la + 1):
        current = [big] * (lb + 1)
        if i <= limit:
            current[0] = i
        best = current[0]
        ai = a[i - 1]
        for j in range(max(1, i - limit), min(lb, i + limit) + 1):
            value = previous[j - 1] if ai == b[j - 1] else previous[j - 1] + 1
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if (
                i > 1
                and j > 1
                and ai == b[j - 2]
                and a[i - 2] == b[j - 1]
                and before[j - 2] < value
            ):
                value = before[j - 2] + 1
            if value > big:
                value = big
            current[j] = value
            if value < best:
                best = value
        if best > limit:
            return None
        before, previous = previous, current
    return previous[lb] if previous[lb] <= limit else None
