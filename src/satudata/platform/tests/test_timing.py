import re

import pytest

pytestmark = pytest.mark.django_db


def test_every_response_says_how_long_the_server_took(client):
    for url in ("/", "/tidak-ada/", "/api/v1/datasets"):
        header = client.get(url)["Server-Timing"]
        match = re.fullmatch(r"app;dur=(\d+\.\d)", header)
        assert match, header
        assert float(match[1]) >= 0
