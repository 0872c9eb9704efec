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


class Registry(_generated.Registry):
    __doc__ = _generated.Registry.__doc__

    @classmethod
    def from_bytes(cls, bytes: _BytesLike) -> Registry:  # noqa: A002 - the generated parameter's name
        """Loads a `kehoach/registry@1` document from its bytes as read from a file: `bytes`, or any bytes-like
        object (`bytearray`, `memoryview`, ...), whose bytes are copied once. One leading byte-order mark is
        ignored; bytes that are not UTF-8 are a syntax error (`LoadError.Syntax`)."""
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
        return super().from_bytes(data)  # type: ignore[return-value]

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
