"""The SaaS connectors' YAML settings: what the README shows validates, a mistake names its
field."""

from __future__ import annotations

import pytest

from connectors.config import ConfigError, load_config

SALESFORCE = """
connector: salesforce
login_url: https://login.salesforce.com
client_id: 3MVG9abc
client_secret: s3cret
username: mdm-hub@example.com
password: pwTOKEN
conditional_write: true
entities: [customer]
fields: {name: Name, city: BillingCity}
"""

NETSUITE_TBA = """
connector: netsuite
account_url: https://1234567-sb1.suitetalk.api.netsuite.com
tba: {account_id: 1234567_SB1, consumer_key: ck, consumer_secret: cs, token_id: ti, token_secret: ts}
defaults: {subsidiary: {id: "1"}}
entities: [customer]
"""


def test_the_documented_settings_validate() -> None:
    assert load_config("crm.yaml", SALESFORCE).connection["conditional_write"] is True
    assert load_config("erp.yaml", NETSUITE_TBA).connection["tba"]["account_id"] == "1234567_SB1"


def test_netsuite_needs_exactly_one_way_in() -> None:
    both = NETSUITE_TBA.replace("entities:", "access_token: abc\nentities:")
    for text in (both, NETSUITE_TBA.replace("tba:", "not_tba:")):
        with pytest.raises(ConfigError) as caught:
            load_config("erp.yaml", text)
        assert caught.value.problems


def test_a_mistake_names_its_field() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(
            "crm.yaml",
            SALESFORCE.replace("62.0", "x").replace("client_id: 3MVG9abc", "client_id: ''"),
        )
    assert [p.field for p in caught.value.problems] == ["client_id"]
    with pytest.raises(ConfigError) as dynamics:
        load_config(
            "d.yaml", "connector: dynamics\nentities: [customer]\nenvironment_url: ftp://x\n"
        )
    assert {"environment_url", "token_url", "client_id", "client_secret"} <= {
        p.field for p in dynamics.value.problems
    }
