"""The UK local-authority register (mySociety): recognise, type and link council names.

The bundled copy is ``ccin_kg/data/register/uk_local_authorities.csv`` (see
``LICENSE.md`` beside it); a user's newer full copy of the dataset loads too.
:meth:`Register.match` turns a council name as written ("Cheshire West &
Chester Council", "North Herts Council") into the register's
:class:`~ccin_kg.resolve.records.CouncilInfo`, or None.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from rapidfuzz import fuzz, process

from ccin_kg.errors import SourceError
from ccin_kg.resolve.names import council_key, council_tier_from_name, is_council_name, name_key
from ccin_kg.resolve.records import CouncilInfo

__all__ = ["Register", "load_register", "REQUIRED_COLUMNS", "TIERS", "ORG_ID_PREFIX", "FUZZY_THRESHOLD"]

REQUIRED_COLUMNS = ("local-authority-code", "official-name", "nice-name", "gss-code",
                    "local-authority-type-name", "nation")
TIERS = {
    "county": "county",
    "non-metropolitan district": "district",
    "unitary authority": "unitary",
    "scottish unitary authority": "unitary",
    "welsh unitary authority": "unitary",
    "metropolitan district": "metropolitan",
    "london borough": "london-borough",
    "combined authority": "combined-authority",
    "city corporation": "city-corporation",
    "strategic regional authority": "strategic-authority",
    "ni district": "ni-district",
}
ORG_ID_PREFIX = {"England": "GB-LAE", "Scotland": "GB-LAS", "Wales": "GB-PLA", "Northern Ireland": "GB-LANI"}
FUZZY_THRESHOLD = 90  # token_sort_ratio on council keys; below it a name stays unmatched
# Words that tell neighbouring councils apart ("East" / "West Dunbartonshire"): never fuzzed away.
_DIRECTIONS = frozenset({"north", "south", "east", "west", "central", "mid", "upper", "lower", "greater",
                         "inner", "outer", "new", "old", "great", "little", "combined", "authority"})
_BUNDLED = "uk_local_authorities.csv"


def _tier(type_name: str) -> str:
    """Our tier slug for a register type name; unknown types get a slug of their own.

    >>> _tier("Metropolitan district"), _tier("Welsh unitary authority"), _tier("Combined county authority")
    ('metropolitan', 'unitary', 'combined-authority')
    """
    t = " ".join(type_name.lower().split())
    if t in TIERS:
        return TIERS[t]
    if "combined" in t:
        return "combined-authority"
    return "-".join(name_key(t).split()) or "unknown"


def _marks(key: str) -> frozenset[str]:
    """Direction words and numbers of a key: two keys fuzzy-match only if these agree.

    >>> sorted(_marks("east dunbartonshire 2"))
    ['2', 'east']
    """
    return frozenset(w for w in key.split() if w in _DIRECTIONS or w.isdigit())


def _info(row: dict[str, str]) -> CouncilInfo:
    code = row["local-authority-code"].strip()
    nation = (row.get("nation") or "").strip() or None
    prefix = ORG_ID_PREFIX.get(nation or "")
    type_name = (row.get("local-authority-type-name") or "").strip()
    return CouncilInfo(
        code=code,
        official_name=" ".join(row["official-name"].split()),
        nice_name=" ".join((row.get("nice-name") or "").split()) or None,
        gss=(row.get("gss-code") or "").strip() or None,
        org_id=f"{prefix}-{code}" if prefix else None,
        tier=_tier(type_name),
        register_type=type_name or None,
        nation=nation,
        region=(row.get("region") or "").strip() or None,
        start_date=(row.get("start-date") or "").strip() or None,
        end_date=(row.get("end-date") or "").strip() or None,
        replaced_by=(row.get("replaced-by") or "").strip() or None,
    )


def _is_current(info: CouncilInfo, row: dict[str, str]) -> bool:
    flag = (row.get("current-authority") or "").strip().lower()
    if flag in ("true", "false"):
        return flag == "true"
    return info.end_date is None


@dataclass
class Register:
    """Councils of the register, indexed by the keys names are matched on.

    Build one with :func:`load_register`. All lookups are dictionary look-ups
    except the last, fuzzy, step of :meth:`match`.
    """

    councils: dict[str, CouncilInfo]  # code -> info
    current: frozenset[str]  # codes of current authorities
    alt_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> alt-names
    _official: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _alt_council: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _place: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _ckey: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _place_ckey: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False)
    _ckey_choices: list[str] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        def add(index: dict[str, list[str]], key: str, code: str) -> None:
            if key and code not in index.setdefault(key, []):
                index[key].append(code)

        for code in sorted(self.councils):
            info = self.councils[code]
            add(self._official, name_key(info.official_name), code)
            add(self._ckey, council_key(info.official_name, expand=True), code)
            places = [info.nice_name or ""]
            for alt in self.alt_names.get(code, ()):
                if is_council_name(alt):
                    add(self._alt_council, name_key(alt), code)
                    add(self._ckey, council_key(alt, expand=True), code)
                else:
                    places.append(alt)
            for place in places:
                add(self._place, name_key(place), code)
                add(self._place_ckey, council_key(place, expand=True), code)
        self._ckey_choices = sorted(set(self._ckey) | set(self._place_ckey))

    def __len__(self) -> int:
        return len(self.councils)

    def _pick(self, codes: Iterable[str] | None) -> CouncilInfo | None:
        """One council for a key: the only one, or the only current one; else None (ambiguous)."""
        codes = list(codes or ())
        if len(codes) > 1:
            codes = [c for c in codes if c in self.current]
        return self.councils[codes[0]] if len(codes) == 1 else None

    def lookup(self, name: str, allow_place: bool = False) -> tuple[CouncilInfo, str] | None:
        """Like :meth:`match`, also saying which rule matched.

        Returns
        -------
        tuple of (CouncilInfo, str) or None
            The council and the rule: ``register official-name``,
            ``register alt-name``, ``register nice-name`` (places only),
            ``council key``, ``short form``, or ``fuzzy NN``.

        Examples
        --------
        >>> load_register().lookup("North Herts Council")[1]
        'short form'
        """
        if not name or not name.strip() or council_tier_from_name(name):
            return None
        key = name_key(name)
        found = self._pick(self._official.get(key))
        if found:
            return found, "register official-name"
        found = self._pick(self._alt_council.get(key))
        if found:
            return found, "register alt-name"
        council_like = is_council_name(name)
        if not council_like:
            if not allow_place:
                return None
            found = self._pick(self._place.get(key))
            if found:
                return found, "register nice-name"
            found = self._pick(self._place_ckey.get(council_key(key, expand=True)))
            return (found, "short form") if found else None
        plain = council_key(name)
        found = self._pick(self._ckey.get(plain) or self._place_ckey.get(plain))
        if found:
            return found, "council key"
        expanded = council_key(name, expand=True)
        if expanded != plain:
            found = self._pick(self._ckey.get(expanded) or self._place_ckey.get(expanded))
            if found:
                return found, "short form"
        return self._fuzzy(expanded)

    def _fuzzy(self, ckey: str) -> tuple[CouncilInfo, str] | None:
        """The council whose key is closest to ``ckey``, if close and unambiguous.

        Close: ``token_sort_ratio >= FUZZY_THRESHOLD``, the same direction words
        ("North", "East" ...) and numbers. Unambiguous: no other council within
        3 points of the best.
        """
        if len(ckey) < 6:
            return None
        marks = _marks(ckey)
        hits = process.extract(ckey, self._ckey_choices, scorer=fuzz.token_sort_ratio,
                               score_cutoff=FUZZY_THRESHOLD, limit=10)
        scored: dict[str, float] = {}
        for choice, score, _ in hits:
            if _marks(choice) != marks:
                continue
            for code in self._ckey.get(choice, []) + self._place_ckey.get(choice, []):
                scored[code] = max(scored.get(code, 0.0), score)
        if not scored:
            return None
        best = max(scored.values())
        codes = sorted(c for c, s in scored.items() if s >= best - 3)
        found = self._pick(codes)
        return (found, f"fuzzy {round(best)}") if found else None

    def match(self, name: str, allow_place: bool = False) -> CouncilInfo | None:
        """The register's council for a name as written, or None.

        Rules, in order: the exact official name; an alt-name that is itself
        a council name; then, for names that look like a council's
        (:func:`~ccin_kg.resolve.names.is_council_name`), equal council keys
        ("Bury Council" = "Bury Metropolitan Borough Council", "Cheshire West
        & Chester Council" = nice-name + "Council"), county short forms
        ("North Herts Council"), and last a fuzzy match of council keys
        (``token_sort_ratio >= FUZZY_THRESHOLD``). Where a key names several
        councils the current one wins; if still several, None. Town, parish
        and community councils are not in the register: None.

        Parameters
        ----------
        name : str
            A name as written.
        allow_place : bool, default False
            Also match bare place names ("Oldham") on nice-names and place
            alt-names. Places are not organisations, so this is off by default.

        Returns
        -------
        CouncilInfo or None

        Examples
        --------
        >>> reg = load_register()
        >>> reg.match("Manchester City Council").gss
        'E08000003'
        >>> reg.match("Cheshire West & Chester Council").official_name
        'Cheshire West and Chester Council'
        >>> reg.match("Oldham") is None, reg.match("Oldham", allow_place=True).code
        (True, 'OLD')
        >>> reg.match("Burntwood Town Council") is None
        True
        """
        found = self.lookup(name, allow_place)
        return found[0] if found else None

    def successor(self, info: CouncilInfo) -> CouncilInfo | None:
        """The current council that took over from ``info`` (``info`` itself if current).

        Follows ``replaced-by`` codes; None where a council was split between
        several successors or a code is not in the register.

        Examples
        --------
        >>> reg = load_register()
        >>> reg.successor(reg.match("Bournemouth Borough Council")).official_name
        'Bournemouth, Christchurch and Poole Council'
        """
        seen: set[str] = set()
        while info.replaced_by:
            codes = [c.strip() for c in info.replaced_by.split(",") if c.strip()]
            if len(codes) != 1 or codes[0] in seen or codes[0] not in self.councils:
                return None
            seen.add(codes[0])
            info = self.councils[codes[0]]
        return info

    def by_code(self, code: str) -> CouncilInfo | None:
        """The council with register code ``code`` ("MAN"), or None.

        >>> load_register().by_code("MAN").official_name
        'Manchester City Council'
        """
        return self.councils.get(code)


def _alt_names(field_text: str) -> tuple[str, ...]:
    """Split the ``alt-names`` field: names are joined by "," with no space after it.

    >>> _alt_names("Bournemouth, Christchurch and Poole,bournemouth christchurch and poole")
    ('Bournemouth, Christchurch and Poole', 'bournemouth christchurch and poole')
    """
    return tuple(dict.fromkeys(a.strip() for a in re.split(r",(?!\s)", field_text) if a.strip()))


def _parse(text: str, where: str) -> Register:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise SourceError(where, f"not a local-authority register: missing column(s) {', '.join(missing)}")
        councils: dict[str, CouncilInfo] = {}
        current: set[str] = set()
        alts: dict[str, tuple[str, ...]] = {}
        for row in reader:
            if None in row or any(v is None for v in row.values()):
                raise SourceError(where, "wrong number of fields in a row", line=reader.line_num)
            if not (row["local-authority-code"] or "").strip() or not (row["official-name"] or "").strip():
                raise SourceError(where, "row without a local-authority-code or official-name",
                                  line=reader.line_num)
            info = _info(row)
            councils[info.code] = info
            if _is_current(info, row):
                current.add(info.code)
            alts[info.code] = _alt_names(row.get("alt-names") or "")
    except csv.Error as e:
        raise SourceError(where, f"not a CSV file ({e})") from None
    if not councils:
        raise SourceError(where, "the register has no rows")
    return Register(councils, frozenset(current), alts)


@functools.cache
def _bundled() -> Register:
    resource = files("ccin_kg").joinpath("data").joinpath("register").joinpath(_BUNDLED)
    return _parse(resource.read_text(encoding="utf-8"), f"ccin_kg/data/register/{_BUNDLED}")


def load_register(path: str | Path | None = None) -> Register:
    """Load the local-authority register.

    Parameters
    ----------
    path : str or Path, optional
        A copy of mySociety's "UK Local Authorities" CSV (full or trimmed).
        Default: the bundled, trimmed copy (loaded once and cached).

    Returns
    -------
    Register

    Raises
    ------
    ccin_kg.errors.SourceError
        When the file cannot be read, is not UTF-8 CSV, lacks a required
        column or has no rows; the message starts with the path.

    Examples
    --------
    >>> reg = load_register()
    >>> reg.match("Greater Manchester Combined Authority").tier
    'combined-authority'
    >>> load_register("no/such/register.csv")
    Traceback (most recent call last):
    ...
    ccin_kg.errors.SourceError: no/such/register.csv: cannot read the register (file not found)
    """
    if path is None:
        return _bundled()
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SourceError(p, "cannot read the register (file not found)") from None
    except IsADirectoryError:
        raise SourceError(p, "cannot read the register (a directory, not a file)") from None
    except UnicodeDecodeError:
        raise SourceError(p, "not a UTF-8 text file") from None
    except OSError as e:
        raise SourceError(p, f"cannot read the register ({e.strerror or e})") from None
    return _parse(text, str(p))
