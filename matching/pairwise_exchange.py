"""The levels reading names exchanged between the fields (``matching.levels_exchange``),
tested one pair at a time (``matching.pairwise``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from matching.levels_exchange import (
    Exchange,
    Exchanged,
    NullUnlessExchanged,
    ReadAcrossExchange,
)
from matching.pairwise_values import Pair, crosswise, equal, equal_on


def _alike(exchange: Exchange, pair: Pair, *, left_side: bool) -> float:
    """``Exchange._alike`` of one pair."""
    firsts, lasts = (exchange.head, exchange.first), (exchange.given, exchange.last)
    if not left_side:
        firsts, lasts = (exchange.first, exchange.head), (exchange.last, exchange.given)
    if equal_on(pair, *firsts) and equal_on(pair, *lasts):
        return 1.0
    if exchange.threshold >= 1.0:
        return 0.0
    return min(crosswise(pair, *firsts), crosswise(pair, *lasts))


def _last_longer(exchange: Exchange, side: Callable[[str], Any]) -> bool:
    """``Exchange._last_longer`` of one record."""
    last, given = side(exchange.last), side(exchange.given)
    return len(str(last).split() if last is not None else ()) > len(
        str(given).split() if given is not None else ()
    )


def _exchanged_sides(exchange: Exchange, pair: Pair) -> tuple[bool, bool]:
    """``Exchange.exchanged_sides`` of one pair."""
    left = _alike(exchange, pair, left_side=True)
    right = _alike(exchange, pair, left_side=False)
    if left >= exchange.threshold and left == right:
        return _last_longer(exchange, pair.left), _last_longer(exchange, pair.right)
    return (
        left >= exchange.threshold and left > right,
        right >= exchange.threshold and right > left,
    )


def exchanged(level: Exchanged, pair: Pair, feature: str) -> bool:
    exchange = level.exchange
    return (
        _alike(exchange, pair, left_side=True) >= exchange.threshold
        or _alike(exchange, pair, left_side=False) >= exchange.threshold
    )


def _read(
    level: NullUnlessExchanged | ReadAcrossExchange, pair: Pair, feature: str
) -> tuple[Any, Any]:
    """``levels_exchange._reading`` of one pair: the values read on each side."""
    name, instead = level.on(feature), level.instead
    left_held = pair.left(name) is not None or pair.left(instead) is not None
    right_held = pair.right(name) is not None or pair.right(instead) is not None
    left_instead = right_instead = False
    if left_held and right_held:
        left_instead, right_instead = _exchanged_sides(level.exchange, pair)
    return (
        pair.left(instead if left_instead else name),
        pair.right(instead if right_instead else name),
    )


def null_unless_exchanged(level: NullUnlessExchanged, pair: Pair, feature: str) -> bool:
    left, right = _read(level, pair, feature)
    return left is None or right is None


def read_across_exchange(level: ReadAcrossExchange, pair: Pair, feature: str) -> bool:
    return equal(*_read(level, pair, feature))
