"""Decide the output columns: map source headers to a target schema, or keep what was inferred."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from satudata.engines.tabular.header import normalise_name
from satudata.engines.tabular.infer import Guess
from satudata.engines.tabular.model import Field, FieldSpec, FieldType, Role
from satudata.engines.tabular.problems import N_, Problem, Severity


@dataclass(frozen=True, slots=True)
class Column:
    """One output column: read from `raw` column `c{index}`, or all empty when `index` is None.

    `reference` is a code list found by role or name (`code_lists`), checked as a warning.
    """

    index: int | None
    title: str
    name: str
    type: FieldType
    guess: Guess
    spec: FieldSpec | None = None
    reference: Collection[str] | None = None

    @property
    def role(self) -> Role | None:
        return self.guess.role

    def sql(self) -> str:
        if self.index is None:
            return "NULL"
        return self.guess.sql(f"c{self.index}", self.type)

    def field(self) -> Field:
        return Field(name=self.name, title=self.title, type=self.type, role=self.role)


def _target_for(
    title: str, specs: Sequence[FieldSpec], mapping: Mapping[str, str]
) -> FieldSpec | None:
    by_name = {spec.name: spec for spec in specs}
    if title in mapping or normalise_name(title) in mapping:
        return by_name.get(mapping.get(title) or mapping[normalise_name(title)])
    key = normalise_name(title)
    for spec in specs:
        if key and key in (normalise_name(spec.name), normalise_name(spec.title or "")):
            return spec
    return None


def plan(
    indices: Sequence[int],
    titles: Sequence[str],
    names: Sequence[str],
    guesses: Sequence[Guess],
    schema: Sequence[FieldSpec] | None = None,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
) -> tuple[list[Column], list[Problem]]:
    """Output columns in schema order (then extra source columns), and the structural problems."""
    if schema is None:
        columns = [
            Column(index=j, title=t, name=n, type=g.type, guess=g)
            for j, t, n, g in zip(indices, titles, names, guesses, strict=True)
        ]
        return columns, []
    mapping = mapping or {}
    problems: list[Problem] = []
    mapped: dict[str, Column] = {}
    extra: list[Column] = []
    for j, title, name, guess in zip(indices, titles, names, guesses, strict=True):
        spec = _target_for(title, schema, mapping)
        if spec is not None and spec.name not in mapped:
            mapped[spec.name] = Column(j, title, spec.name, spec.type, guess, spec)
            continue
        extra.append(Column(index=j, title=title, name=name, type=guess.type, guess=guess))
        problems.append(
            Problem(
                rule="schema.extra_column",
                severity=Severity.WARNING,
                sheet=sheet,
                column=title,
                message=N_(
                    'The column "%(column)s" is not part of the data standard; it is kept as it is.'
                ),
                hint=N_("Remove the column, or rename it to one of the standard's columns."),
            )
        )
    columns: list[Column] = []
    for spec in schema:
        if spec.name in mapped:
            columns.append(mapped[spec.name])
            continue
        title = spec.title or spec.name
        columns.append(Column(None, title, spec.name, spec.type, Guess(spec.type), spec))
        problems.append(
            Problem(
                rule="schema.missing_column",
                severity=Severity.ERROR if spec.required else Severity.WARNING,
                sheet=sheet,
                column=title,
                message=N_('The required column "%(column)s" is missing.')
                if spec.required
                else N_(
                    'The column "%(column)s" of the data standard is missing; it is left empty.'
                ),
                hint=N_(
                    'Add a column with the header "%(column)s", or choose which column holds it.'
                ),
            )
        )
    taken = {c.name for c in columns}
    for column in extra:
        name, n = column.name, 2
        while name in taken:
            name, n = f"{column.name}_{n}", n + 1
        taken.add(name)
        columns.append(Column(column.index, column.title, name, column.type, column.guess))
    return columns, problems


def with_references(
    columns: Sequence[Column], code_lists: Mapping[str, Collection[str]] | None
) -> list[Column]:
    """Attach reference code lists, by field name or else by role, to columns the standard
    gives no code list."""
    if not code_lists:
        return list(columns)
    out = []
    for column in columns:
        codes = code_lists.get(column.name)
        if codes is None and column.role is not None:
            codes = code_lists.get(str(column.role))
        has_own = column.spec is not None and column.spec.codes is not None
        out.append(
            replace(column, reference=codes) if codes is not None and not has_own else column
        )
    return out
