"""A stand-in for the local-authority register: three invented councils, for rule and generalisation tests."""

from __future__ import annotations

from types import SimpleNamespace


class FakeRegister:
    """Three invented councils; bare place names match only with ``allow_place``."""

    COUNCILS = {"fooshire county council": "FOO", "wrenford borough council": "WRE", "ashmere district council": "ASH"}
    PLACES = {"fooshire": "FOO", "wrenford": "WRE", "ashmere": "ASH"}
    NICE = {"FOO": "Fooshire", "WRE": "Wrenford", "ASH": "Ashmere"}

    def match(self, name, allow_place=False):
        k = " ".join(name.lower().split()).removeprefix("the ")
        code = self.COUNCILS.get(k) or (self.PLACES.get(k) if allow_place else None)
        if not code:
            return None
        return SimpleNamespace(code=code, official_name=k.title(), nice_name=self.NICE[code])


REGISTER = FakeRegister()
