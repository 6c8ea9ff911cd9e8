"""Connector kinds by name, imported only when used (a hub without Tryton never loads it)."""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import BaseModel

from connectors.config import SystemConfig
from connectors.protocol import Connector

MODULES = {
    "tryton": "connectors.tryton.connector",
    "webhook": "connectors.webhook.connector",
    "sql": "connectors.sql.connector",
    "csv": "connectors.csv_folder.connector",
    "salesforce": "connectors.salesforce.connector",
    "dynamics": "connectors.dynamics.connector",
    "netsuite": "connectors.netsuite.connector",
}


class UnknownConnectorError(Exception):
    pass


def _module(name: str) -> Any:
    if name not in MODULES:
        raise UnknownConnectorError(f"no connector named {name!r} is installed")
    return importlib.import_module(MODULES[name])


def settings_model(name: str) -> type[BaseModel]:
    model: type[BaseModel] = _module(name).Settings
    return model


def build(config: SystemConfig) -> Connector:
    module = _module(config.connector)
    settings = module.Settings.model_validate(config.connection)
    connector: Connector = module.make(settings, config)
    return connector
