"""The pack and the answer store of this kernel, opened once and shared by a page."""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field
from functools import cached_property

from .clock import set_clock
from .config import WorkbookConfig, get_config
from .content import Pack, load_pack
from .safety import SafetyNet
from .store import AnswerStore, StoreError

log = logging.getLogger(__name__)

#: The store setting that holds the person's country (a code from the resources file).
COUNTRY_SETTING = "country"

__all__ = ["Session", "current_session", "reset_session"]


@dataclass
class Session:
    """What one page needs: the configuration, the content pack and the store."""

    config: WorkbookConfig = field(default_factory=get_config)
    store_problem: str = ""
    #: Called with the new country code when the person picks another country
    #: (the page's "Get help now" panels redraw themselves).
    country_listeners: weakref.WeakSet = field(default_factory=weakref.WeakSet, repr=False)
    #: Told (``on_data_changed()``) when answers were saved, imported or erased, so the
    #: journey page's pictures and the check-in redraw from the store.
    data_listeners: weakref.WeakSet = field(default_factory=weakref.WeakSet, repr=False)

    def __post_init__(self) -> None:
        clock = self.config.make_clock()
        if clock is not None:
            set_clock(clock)

    @cached_property
    def pack(self) -> Pack:
        """The content pack named by the configuration, loaded and checked."""
        return load_pack(self.config.pack_dir)

    @cached_property
    def store(self) -> AnswerStore | None:
        """This person's answer store, or ``None`` (with :attr:`store_problem`) if unusable."""
        try:
            return AnswerStore(self.config.store_path)
        except (OSError, StoreError) as exc:
            self.store_problem = (
                "Your answers cannot be saved right now because the answers file could not be "
                f"opened or created ({type(exc).__name__}). Nothing you wrote before has been "
                f"deleted. Folder: {self.config.data_dir}"
            )
            return None
        except Exception as exc:
            self.store_problem = (
                f"Your answers cannot be saved right now ({type(exc).__name__}). "
                f"Nothing was deleted. Folder: {self.config.data_dir}"
            )
            return None

    @property
    def country(self) -> str:
        """The person's country code, or the resources file's default (international)."""
        crisis = self.pack.crisis
        chosen = None
        if self.store is not None:
            try:
                chosen = self.store.get_setting(COUNTRY_SETTING)
            except Exception:  # an unreadable setting must not hide the help panel
                chosen = None
        codes = {country.code for country in crisis.countries}
        return chosen if isinstance(chosen, str) and chosen in codes else crisis.default_country

    def set_country(self, code: str) -> None:
        """Remember the person's country and redraw every help panel of this page."""
        if code not in {country.code for country in self.pack.crisis.countries}:
            raise ValueError(f"unknown country code {code!r}")
        if self.store is not None:
            self.store.set_setting(COUNTRY_SETTING, code)
        for listener in list(self.country_listeners):
            listener.on_country(code)

    def data_changed(self, source: object = None, erased: bool = False) -> None:
        """Tell every data listener except ``source`` that the store changed.

        One listener failing does not keep the others from redrawing.
        """
        for listener in list(self.data_listeners):
            if listener is source:
                continue
            try:
                listener.on_data_changed(erased=erased)
            except Exception:  # a broken picture must not stop the rest redrawing
                log.exception("a page part could not redraw after the answers changed")

    @cached_property
    def safety_net(self) -> SafetyNet:
        """Crisis-language watching for this page's exercises, with this person's country."""
        return SafetyNet(self.pack.crisis_patterns, self.pack.crisis, lambda: self.country)


_session: Session | None = None


def current_session() -> Session:
    """The session of this kernel (created on first use)."""
    global _session
    if _session is None:
        _session = Session()
    return _session


def reset_session(session: Session | None = None) -> Session:
    """Start over with a new session (tests, or after the configuration changes)."""
    global _session
    if _session is not None and "store" in _session.__dict__ and _session.store is not None:
        _session.store.close()
    _session = session or Session()
    return _session
