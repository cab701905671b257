"""Cache records as JSON shaped by Python types: reading a record back can only ever give data.

`pickle` runs whatever code the bytes it loads name, and the cache folder is not trusted: CI
restores `.frontnews-cache/` from an earlier job, which anyone who can push a branch may have
written. So a record is JSON (lists, strings, numbers), and `decode` rebuilds the value from the
type its kind declares (`tuple[Article | StandingPage | None, list[Diagnostic], Body | None]`),
never from a name in the bytes. Frozen dataclasses are lists of their fields in order (the members
of a union of dataclasses are told apart by their numbers of fields); tuples, lists and sets are
lists; bytes are base64 text; dates are ISO text (a datetime's wall time with its zone's key and fold); enums their
value. A record of another shape (a damaged one, or one written by another version) raises
RecordError: no record.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from operator import attrgetter, itemgetter
from typing import Any
from zoneinfo import ZoneInfo

Decoder = Callable[[Any], Any]


class RecordError(ValueError):
    """The bytes do not hold a value of the record's type."""


def encode(value: Any) -> bytes:
    """A value of one of the types `decode` knows, as compact JSON."""
    return json.dumps(
        value, default=_plain, ensure_ascii=False, separators=(",", ":"), check_circular=False, allow_nan=False
    ).encode("utf-8")


def decode(data: bytes, shape: Any) -> Any:
    """The value of type `shape` that `encode` wrote as `data`; RecordError if it holds none."""
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RecordError(str(exc)) from None
    return decoder(shape)(value)


def _plain(value: Any) -> Any:
    """What JSON cannot hold itself, as `decoder` reads it back."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime):
        zone = value.tzinfo
        if isinstance(zone, ZoneInfo) and zone.key:  # kept by name: rendering asks the zone, not an offset
            return [value.replace(tzinfo=None).isoformat(), zone.key, value.fold]
        return [value.isoformat(), None, value.fold]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return list(_fields_of(type(value))(value))
    raise TypeError(f"{type(value).__name__} is not a cache record's type")


@functools.cache
def _fields_of(cls: type) -> Callable[[Any], tuple]:
    names = [f.name for f in dataclasses.fields(cls)]
    get = attrgetter(*names)
    return (lambda obj: (get(obj),)) if len(names) == 1 else get


@functools.cache
def decoder(shape: Any) -> Decoder:
    """The function that checks a JSON value and rebuilds the `shape` it was encoded from."""
    origin, args = typing.get_origin(shape), typing.get_args(shape)
    if shape in (str, int, bool):
        return _exact(shape)
    if shape is float:
        return _float
    if shape is bytes:
        return _bytes
    if shape is type(None):
        return _none
    if shape is dt.datetime:
        return _datetime
    if shape is dt.date:
        return _date
    if isinstance(shape, type) and issubclass(shape, enum.Enum):
        return _enum(shape)
    if isinstance(shape, type) and dataclasses.is_dataclass(shape):
        return _dataclass(shape)
    if origin in (typing.Union, types.UnionType):
        return _optional(args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _sequence(tuple, decoder(args[0]))
    if origin is tuple:
        return _fixed(tuple(decoder(arg) for arg in args))
    if origin is list:
        return _sequence(list, decoder(args[0]))
    if origin is frozenset:
        return _sequence(frozenset, decoder(args[0]))
    if origin is dict and args[0] is str:
        return _mapping(decoder(args[1]))
    raise TypeError(f"no cache record can be of type {shape!r}")


def _fail(value: Any, wanted: str) -> typing.NoReturn:
    raise RecordError(f"{wanted} expected, found {type(value).__name__}")


def _exact(kind: type) -> Decoder:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            _fail(value, kind.__name__)
        return value

    return check


def _float(value: Any) -> float:
    if type(value) is float:
        return value
    if type(value) is int:
        return float(value)
    _fail(value, "float")


def _bytes(value: Any) -> bytes:
    if type(value) is not str:
        _fail(value, "bytes")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise RecordError(str(exc)) from None


def _none(value: Any) -> None:
    if value is not None:
        _fail(value, "null")


def _datetime(value: Any) -> dt.datetime:
    if type(value) is not list or len(value) != 3 or type(value[0]) is not str or value[2] not in (0, 1):
        _fail(value, "datetime")
    when = dt.datetime.fromisoformat(value[0]).replace(fold=value[2])
    if value[1] is None:
        return when
    if type(value[1]) is not str or when.tzinfo is not None:
        _fail(value, "datetime")
    try:
        return when.replace(tzinfo=ZoneInfo(value[1]))
    except (ValueError, OSError) as exc:  # no such zone here (tzdata missing, a damaged key)
        raise RecordError(str(exc)) from None


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        _fail(value, "date")
    return dt.date.fromisoformat(value)


def _enum(kind: type[enum.Enum]) -> Decoder:
    def member(value: Any) -> enum.Enum:
        try:
            return kind(value)
        except ValueError:
            _fail(value, kind.__name__)

    return member


def _optional(args: tuple[Any, ...]) -> Decoder:
    """X | None, or a union of dataclasses of different numbers of fields (and perhaps None)."""
    others = [arg for arg in args if arg is not type(None)]
    if len(others) == 1:
        inner = decoder(others[0])
        return lambda value: None if value is None else inner(value)
    classes = [arg for arg in others if isinstance(arg, type) and dataclasses.is_dataclass(arg)]
    by_count = {len(dataclasses.fields(cls)): decoder(cls) for cls in classes}
    if len(by_count) != len(others):
        raise TypeError(f"the members of {args!r} cannot be told apart in a cache record")
    optional = len(others) < len(args)

    def member(value: Any) -> Any:
        if value is None and optional:
            return None
        if type(value) is not list or len(value) not in by_count:
            _fail(value, " | ".join(arg.__name__ for arg in others))
        return by_count[len(value)](value)

    return member


def _sequence(make: type, item: Decoder) -> Decoder:
    plain = _SCALARS.get(item)  # items of one scalar type are checked in one pass, not rebuilt

    def sequence(value: Any) -> Any:
        if type(value) is not list:
            _fail(value, make.__name__)
        if plain is not None:
            if value and set(map(type, value)) != {plain}:
                _fail(value, f"{make.__name__} of {plain.__name__}")
            return make(value)
        return make(map(item, value))

    return sequence


def _fixed(items: tuple[Decoder, ...]) -> Decoder:
    count = len(items)
    kinds = tuple(_SCALARS.get(item) for item in items)
    if None not in kinds:  # all scalars: their types checked in one pass

        def scalars(value: Any) -> tuple:
            if type(value) is not list or tuple(map(type, value)) != kinds:
                _fail(value, f"tuple of {count}")
            return tuple(value)

        return scalars

    def fixed(value: Any) -> tuple:
        if type(value) is not list or len(value) != count:
            _fail(value, f"tuple of {count}")
        return tuple([item(each) for item, each in zip(items, value, strict=True)])

    return fixed


def _mapping(item: Decoder) -> Decoder:
    def mapping(value: Any) -> dict:
        if type(value) is not dict:
            _fail(value, "dict")
        return {key: item(each) for key, each in value.items()}

    return mapping


def _dataclass(cls: type) -> Decoder:
    """Fields of str, int and bool are checked in one pass; the others rebuilt by their decoders."""
    hints = typing.get_type_hints(cls)
    shapes = [hints[f.name] for f in dataclasses.fields(cls)]
    count = len(shapes)
    plain = [i for i, shape in enumerate(shapes) if shape in (str, int, bool)]
    kinds = tuple(shapes[i] for i in plain)
    scalars = itemgetter(*plain) if len(plain) > 1 else lambda value: tuple(value[i] for i in plain)
    rebuilt = [(i, decoder(shape)) for i, shape in enumerate(shapes) if shape not in (str, int, bool)]

    def instance(value: Any) -> Any:
        if type(value) is not list or len(value) != count or tuple(map(type, scalars(value))) != kinds:
            _fail(value, cls.__name__)
        for i, rebuild in rebuilt:
            value[i] = rebuild(value[i])
        return cls(*value)

    return instance


_SCALARS: dict[Decoder, type] = {decoder(kind): kind for kind in (str, int, bool)}
