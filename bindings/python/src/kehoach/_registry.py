"""`kehoach.Registry`: the generated registry, as a context manager whose `close()` frees the Rust side once."""

from __future__ import annotations

import builtins
import threading
import typing

from ._ffi import kehoach as _generated

# Taken to read a registry's handle (the generated code then clones it, which keeps the Rust side alive for the
# call) and to close it, so that no call can clone a handle that close() is freeing.
_HANDLES = threading.Lock()

_BytesLike = typing.Union[builtins.bytes, bytearray, memoryview]

# The most bytes a document can have to cross to the library: its length crosses as a signed 32-bit count.
_MOST_BYTES = 2**31 - 1


class Registry(_generated.Registry):
    __doc__ = _generated.Registry.__doc__

    @classmethod
    def from_bytes(cls, bytes: _BytesLike) -> Registry:  # noqa: A002 - the generated parameter's name
        """Loads a `kehoach/registry@1` document from its bytes as read from a file: `bytes`, which the library
        reads where they lie (as `from_buffer` does), or any other bytes-like object (`bytearray`, `memoryview`,
        ...), whose bytes are copied once. One leading byte-order mark is ignored; bytes that are not UTF-8 are a
        syntax error (`LoadError.Syntax`)."""
        data = bytes
        if not isinstance(data, builtins.bytes):
            if isinstance(data, str):
                raise TypeError("Registry.from_bytes takes the bytes of a file (bytes, bytearray or memoryview), not "
                                "str; text goes to Registry.from_json")
            try:
                data = memoryview(data).tobytes()
            except TypeError:
                raise TypeError("Registry.from_bytes takes a bytes-like object (bytes, bytearray or memoryview), not "
                                f"{type(data).__name__}") from None
        return cls.from_buffer(data)

    @classmethod
    def from_buffer(cls, buffer: builtins.bytes, limits: typing.Optional[_generated.Limits] = None) -> Registry:
        """Loads a `kehoach/registry@1` document from `bytes` without copying them: the library reads them where
        they lie and is done with them when this returns. `limits` as for `from_json_with_limits`; None means the
        defaults. Only `bytes` (immutable) is lent this way; `from_bytes` takes any bytes-like object."""
        if isinstance(buffer, builtins.bytes) and len(buffer) > _MOST_BYTES:
            # The generated code would put the length in a 32-bit count, which wraps.
            raise _generated.LoadError.Syntax(
                line=1, column=1, detail=f"the document is {len(buffer)} bytes long; at most {_MOST_BYTES} can cross")
        return super().from_buffer(buffer, limits)  # type: ignore[return-value]

    def _uniffi_clone_handle(self) -> typing.Any:
        with _HANDLES:
            if getattr(self, "_handle", None) is None:
                raise ValueError("this Registry is closed: close() or the end of its `with` block freed it, and a "
                                 "closed registry refuses every call")
            return super()._uniffi_clone_handle()

    def close(self) -> None:
        """Frees the Rust side now rather than when the registry is collected. Calls already running finish
        first (each holds its own reference); later calls raise ValueError. Closing twice does nothing."""
        with _HANDLES:
            if getattr(self, "_handle", None) is not None:
                try:
                    super().__del__()  # the generated finaliser: frees this handle
                finally:
                    self._handle = None  # type: ignore[assignment]

    @property
    def closed(self) -> bool:
        """Whether close() has freed this registry."""
        return getattr(self, "_handle", None) is None

    def __enter__(self) -> Registry:
        if self.closed:
            raise ValueError("this Registry is closed: a closed registry cannot be used again")
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<kehoach.Registry{' closed' if self.closed else ''} at {id(self):#x}>"


# Every registry the library returns (copy(), the loaders) is made by the generated module from this name.
_generated.Registry = Registry  # type: ignore[misc]
Registry.__module__ = "kehoach"  # as the package exports it
