"""kehoach: the hierarchy of coordination plans in Vietnamese education, as a graph, checked against named rules.

The API is the one UniFFI generates from the Rust crate `bindings/ffi` (the module `kehoach._ffi.kehoach`, written
at build time, never by hand); this package re-exports it and makes it behave as Python code expects. It changes
no name and no signature, and it finds what to change by looking at the generated module, not from a list kept by
hand, so a field added in Rust is handled without touching this file:

- Records (`Plan`, `OrgUnit`, ...) and the variants of enums with fields (`Approval.STAFF_CONFERENCE`, ...) are
  real dataclasses: `dataclasses.fields`, `replace` and `asdict` work, `repr` shows the fields, `==` with another
  type (`plan == None`) is False, and they hash by value (lists hash as tuples). Hashing a record and then
  changing it in place loses it in a set or dict, as with any value-hashed object: hash only what you keep still.
- Plain enums print as written (`Severity.ERROR`, not `<Severity.ERROR: 2>`).
- A value of the wrong type handed to the library (a date or a count as text, a `str` where a list or a `Plan`
  goes) raises `TypeError` naming the field, what it must be and what it got (`Plan.issued_on must be a datetime.date
  or None, not str '2020-09-04'`), before anything crosses to Rust, so nothing changes.
- `Registry` is a context manager with `close()`; a closed registry refuses every call with a `ValueError`.
  `Registry.from_bytes` takes any bytes-like object (`bytes`, `bytearray`, `memoryview`).
"""

from __future__ import annotations

import builtins
import collections.abc
import dataclasses
import datetime
import enum
import inspect
import threading
import typing

from ._ffi import kehoach as _generated
from ._ffi.kehoach import __all__ as _generated_all

# The generated API is this package's API, but for `Registry`, a subclass that closes (_registry.py). Type
# checkers take the first definition of a name, so they read the subclass first; at run time it comes second.
if typing.TYPE_CHECKING:
    from ._registry import Registry
    from ._ffi.kehoach import *  # type: ignore[assignment]  # noqa: F403
else:
    from ._ffi.kehoach import *  # noqa: F403
    from ._registry import Registry

__all__ = list(_generated_all)

# ---- records: real dataclasses -------------------------------------------------------------------------------------


def _variants(cls: type) -> list[type]:
    """The variant classes of a generated enum with fields: UniFFI nests each variant in the enum's class and
    rebinds it to a subclass of (the nested class, the enum)."""
    return [v for v in vars(cls).values() if isinstance(v, type) and v is not cls and issubclass(v, cls)]


def _record_classes() -> list[type]:
    """The classes whose instances the library takes and returns as values: the generated records (UniFFI marks
    them `@dataclass` but declares their fields only in `__init__`, so dataclasses sees none) and the variants of
    enums with fields."""
    found = []
    for name in _generated_all:
        cls = getattr(_generated, name)
        if not isinstance(cls, type) or issubclass(cls, BaseException):
            continue
        if dataclasses.is_dataclass(cls):
            found.append(cls)
        else:
            found += _variants(cls)
    return found


def _frozen(value: object) -> typing.Hashable:
    """A hashable stand-in for a field value, equal where the values are equal: lists as tuples."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return frozenset((key, _frozen(item)) for key, item in value.items())
    return value  # type: ignore[return-value]


def _record_hash(self: object) -> int:
    return hash((type(self).__qualname__, *(_frozen(getattr(self, f.name)) for f in dataclasses.fields(self))))


def _make_dataclass(cls: type) -> None:
    """Declares the fields of `cls` from its generated `__init__` (names, annotations, defaults; the generated
    default for a list is a sentinel that `__init__` replaces with a new list) and applies `dataclass` again. The
    generated `__init__` stays; its `__eq__` and `__str__` go, so the dataclass `__eq__` and `__repr__` serve."""
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    annotations = {}
    for p in params:
        annotations[p.name] = p.annotation
        kw_only = p.kind is inspect.Parameter.KEYWORD_ONLY
        if p.default is inspect.Parameter.empty:
            spec = dataclasses.field(kw_only=kw_only)
        elif p.default is _generated._DEFAULT:
            factory = {"typing.List": list, "typing.Dict": dict}.get(str(p.annotation).split("[")[0])
            if factory is None:
                raise RuntimeError(f"kehoach: {cls.__qualname__}.{p.name} has a generated default this package does "
                                   f"not know ({p.annotation}); the UniFFI version changed?")
            spec = dataclasses.field(default_factory=factory, kw_only=kw_only)
        else:
            spec = dataclasses.field(default=p.default, kw_only=kw_only)
        setattr(cls, p.name, spec)
    for name in ("__eq__", "__str__", "__repr__", "__hash__", "__match_args__"):
        if name in vars(cls):
            delattr(cls, name)
    cls.__annotations__ = annotations
    dataclasses.dataclass(cls, init=False, repr=True, eq=True)
    cls.__hash__ = _record_hash  # type: ignore[method-assign]


_RECORDS = frozenset(_record_classes())
# A variant's fields are declared on its nested class (its first base), which the variant inherits.
for _cls in _RECORDS:
    _make_dataclass(_cls if "__init__" in vars(_cls) else _cls.__bases__[0])

# ---- enums: printed as written --------------------------------------------------------------------------------------


def _enum_repr(self: enum.Enum) -> str:
    return f"{type(self).__name__}.{self.name}"


_ENUMS = [c for c in (getattr(_generated, n) for n in _generated_all) if isinstance(c, type) and issubclass(c, enum.Enum)]
for _cls in _ENUMS:
    _cls.__repr__ = _enum_repr  # type: ignore[method-assign]

# ---- a rule's code as a property, as the Rust API has it (`rule.code()`) ---------------------------------------------

_generated.Rule.code = property(  # type: ignore[attr-defined]
    lambda self: _generated.rule_code(self),
    doc="The stable code of this rule (`plan-cycle`), as reports, registry documents and docs/RULES.md write it.",
)

# ---- values of the wrong type: a TypeError naming the field ---------------------------------------------------------

_NAMES = {str: "str", int: "int", float: "float", bool: "bool", bytes: "bytes", datetime.date: "datetime.date"}


def _describe(hint: typing.Any) -> str:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return " or ".join(_describe(a) for a in inner) + (" or None" if len(inner) < len(args) else "")
    if origin is list:
        return f"a list of {_describe(args[0])}"
    if origin is dict:
        return f"a dict of {_describe(args[0])} to {_describe(args[1])}"
    if hint in _NAMES:
        return ("a " if hint is datetime.date else "") + _NAMES[hint]
    return getattr(hint, "__qualname__", str(hint))


def _got(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def _outer_test(hint: typing.Any) -> typing.Callable[[object], bool]:
    """Whether a value has the outer type `hint` asks for (a sequence for a list, a Plan for a Plan), its insides
    aside; as lenient as the generated code where that is harmless (an int for a float, any integer type with
    `__index__` for an int), stricter where it is not (no bool for a number, no str for a list)."""
    origin = typing.get_origin(hint)
    if origin is list:
        return lambda v: isinstance(v, collections.abc.Sequence) and not isinstance(v, (str, builtins.bytes, bytearray))
    if origin is dict:
        return lambda v: isinstance(v, collections.abc.Mapping)
    if origin is not None or not isinstance(hint, type):
        return lambda v: True
    if hint is int:
        return lambda v: type(v) is int or (not isinstance(v, bool) and hasattr(type(v), "__index__"))
    if hint is float:
        return lambda v: type(v) is float or (not isinstance(v, bool) and (hasattr(type(v), "__float__") or hasattr(type(v), "__index__")))
    return lambda v: isinstance(v, hint)


# A check answers None when a value has its type, else (the path below the value, the type wanted, the value found).
_Bad = typing.Optional[typing.Tuple[str, typing.Any, object]]
_Check = typing.Callable[[object], _Bad]
_CHECKS: dict[typing.Any, _Check] = {}
_FIELD_CHECKS: dict[type, list[tuple[str, _Check]]] = {}


def _fine(value: object) -> _Bad:
    return None


def _field_checks(cls: type) -> list[tuple[str, _Check]]:
    """The check of each field of the record class `cls`, from its annotations, made once."""
    if cls not in _FIELD_CHECKS:
        hints = typing.get_type_hints(cls, globalns=vars(_generated))
        _FIELD_CHECKS[cls] = [(f.name, _check(hints[f.name])) for f in dataclasses.fields(cls) if f.name in hints]
    return _FIELD_CHECKS[cls]


def _check(hint: typing.Any) -> _Check:
    """The check of values of the type `hint`, made once per type; only types: ranges are the library's."""
    if hint not in _CHECKS:
        _CHECKS[hint] = _make_check(hint)
    return _CHECKS[hint]


def _make_check(hint: typing.Any) -> _Check:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Union:
        inner = [a for a in args if a is not type(None)]
        if len(inner) != 1:
            return _fine
        optional, inner_type, inner_ok = len(inner) < len(args), inner[0], _outer_test(inner[0])

        def check_union(value: object) -> _Bad:
            if value is None:
                return None if optional else ("", hint, value)
            if not inner_ok(value):
                return "", hint, value
            return _check(inner_type)(value)

        return check_union
    if origin is list:
        item_type, list_ok = args[0], _outer_test(hint)

        def check_list(value: object) -> _Bad:
            if not list_ok(value):
                return "", hint, value
            item_check = _check(item_type)
            for i, item in enumerate(value):  # type: ignore[arg-type]
                bad = item_check(item)
                if bad is not None:
                    return f"[{i}]{bad[0]}", bad[1], bad[2]
            return None

        return check_list
    if origin is dict:
        key_type, item_type = args
        dict_ok = _outer_test(hint)

        def check_dict(value: object) -> _Bad:
            if not dict_ok(value):
                return "", hint, value
            for key, item in value.items():  # type: ignore[attr-defined]
                bad = _check(key_type)(key) or _check(item_type)(item)
                if bad is not None:
                    return f"[{key!r}]{bad[0]}", bad[1], bad[2]
            return None

        return check_dict
    if not isinstance(hint, type):
        return _fine

    value_ok = _outer_test(hint)

    def check_value(value: object) -> _Bad:
        if not value_ok(value):
            return "", hint, value
        cls = type(value)
        if cls in _RECORDS:
            for name, field_check in _field_checks(cls):
                bad = field_check(getattr(value, name, None))
                if bad is not None:
                    return f".{name}{bad[0]}", bad[1], bad[2]
        return None

    return check_value


def _problem(value: object, hint: typing.Any) -> str | None:
    """Why `value` is not a `hint`, as a sentence naming the field, or None when it is one."""
    bad = _check(hint)(value)
    if bad is None:
        return None
    path, wanted, found = bad
    if not path:
        return f"expected {_describe(wanted)}, not {_got(found)}"
    return f"{type(value).__qualname__}{path} must be {_describe(wanted)}, not {_got(found)}"


_CHECKING = threading.local()


def _guard(converter: type, hint: typing.Any) -> None:
    """Makes `converter.check_lower`, which the generated code calls on every argument before anything crosses to
    Rust, first check the types of the whole value (once, at the outermost argument) and raise a TypeError naming
    the field. The generated check alone lets a `str` pass for a list of str (it iterates it: "ab" would cross as
    ["a", "b"]) and fails on a date given as text with an AttributeError."""
    original = converter.check_lower

    def check_lower(value: object) -> object:
        if getattr(_CHECKING, "active", False):
            return original(value)  # inside a value already checked
        problem = _problem(value, hint)
        if problem is not None:
            raise TypeError(problem)
        _CHECKING.active = True
        try:
            return original(value)
        finally:
            _CHECKING.active = False

    converter.check_lower = staticmethod(check_lower)  # type: ignore[attr-defined]


_GUARDED = []
for _name in _generated_all:
    _type = getattr(_generated, _name)
    _converter = getattr(_generated, f"_UniffiFfiConverterType{_name}", None)
    if isinstance(_type, type) and _converter is not None and hasattr(_converter, "check_lower"):
        _guard(_converter, _type)
        _GUARDED.append(_type)
# Custom types (a date crosses as its ISO text): the generated module names them with a type alias.
for _name, _type in list(vars(_generated).items()):
    _converter = getattr(_generated, f"_UniffiFfiConverterType{_name}", None)
    if _name not in _generated_all and _type is datetime.date and _converter is not None:
        _guard(_converter, datetime.date)
        _GUARDED.append(_type)

del _cls, _name, _type, _converter
