from satudata.apps.portal.tests.browser.conftest import browser

__all__ = ["browser"]
