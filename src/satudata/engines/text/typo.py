"""Tolerance for one typo: a SymSpell-style table of one-letter deletions and a check of the
Damerau-Levenshtein distance (insert, delete, substitute or swap two neighbours)."""

MIN_TYPO_LENGTH = 4


def deletes(word: str) -> set[str]:
    """Every string made by removing one letter from `word`."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def variants(word: str) -> set[str]:
    """The word and its one-letter deletions: stored for each word of the vocabulary, and looked
    up for a query word, they find every word within one edit (and a few more, which
    `within_one_edit` sorts out)."""
    return {word} | deletes(word)


def within_one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by at most one insertion, deletion, substitution or swap of
    two neighbouring letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


def typo_eligible(word: str) -> bool:
    """Short words and numbers are matched exactly: one typo in them changes their meaning."""
    return len(word) >= MIN_TYPO_LENGTH and not word.isdigit()
