"""What the SaaS connectors (Salesforce, Dynamics 365, NetSuite) share: their settings, one
HTTP client, the target fields a read asks for (the ``fields`` map's targets, else the
connector's own default) and the configuration that names what a read gives back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Generic, Protocol, Self, TypeVar

import httpx

from connectors import fieldmap
from connectors.config import SystemConfig
from connectors.protocol import InboundRecord


class HttpSettings(Protocol):
    @property
    def timeout(self) -> float: ...


S = TypeVar("S", bound=HttpSettings)


class SaasConnector(Generic[S]):
    default_read_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self, settings: S, read_fields: Sequence[str] = (), config: SystemConfig | None = None
    ) -> None:
        self.settings = settings
        self.read_fields = tuple(read_fields) or self.default_read_fields
        self._config = config  # read values go back to canonical names through its fields
        self._http = httpx.Client(timeout=settings.timeout, auth=self._auth())

    @classmethod
    def configured(cls, settings: S, config: SystemConfig) -> Self:
        """As the registry builds it (``make``): a read asks for the ``fields`` map's targets."""
        return cls(settings, fieldmap.targets(config), config)

    def _auth(self) -> httpx.Auth | None:
        return None

    def close(self) -> None:
        self._http.close()

    def _canonical(self, records: Sequence[InboundRecord]) -> list[InboundRecord]:
        return fieldmap.canonical(self._config, records)
