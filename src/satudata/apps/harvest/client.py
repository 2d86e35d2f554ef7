"""A careful HTTP client for harvesting: public http(s) addresses only (`platform.outbound`,
checked again at every redirect), timeouts, a size limit, a clear User-Agent, and errors that
say what went wrong."""

from dataclasses import dataclass

import httpx
from django.utils.translation import gettext as _

from satudata.apps.harvest.records import HarvestError
from satudata.platform import outbound

USER_AGENT = "satudata-harvester/1.0"
TIMEOUT_SECONDS = 30.0
MAX_BYTES = 50 * 1024 * 1024
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    body: bytes


def _too_large(url: str, max_bytes: int) -> str:
    return _("%(url)s is larger than %(size)s bytes.") % {"url": url, "size": max_bytes}


def fetch(
    url: str,
    *,
    params: dict[str, str] | None = None,
    accept: str = "*/*",
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    try:
        with (
            outbound.client(
                timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS
            ) as client,
            client.stream("GET", url, params=params, headers=headers) as response,
        ):
            if response.status_code >= 400:
                raise HarvestError(
                    _("%(url)s answered HTTP %(status)s.")
                    % {"url": response.url, "status": response.status_code},
                    status=response.status_code,
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise HarvestError(_too_large(str(response.url), max_bytes))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise HarvestError(_too_large(str(response.url), max_bytes))
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").split(";")[0].strip()
            return Fetched(str(response.url), content_type.lower(), b"".join(chunks))
    except outbound.OutboundRefused as exc:
        raise HarvestError(exc.message) from exc
    except httpx.TimeoutException as exc:
        raise HarvestError(
            _("%(url)s did not answer within %(seconds)d seconds.")
            % {"url": url, "seconds": timeout}
        ) from exc
    except httpx.TooManyRedirects as exc:
        raise HarvestError(_("%(url)s redirects too many times.") % {"url": url}) from exc
    except httpx.HTTPError as exc:
        raise HarvestError(
            _("%(url)s could not be reached (%(error)s).")
            % {"url": url, "error": f"{type(exc).__name__}: {exc}"}
        ) from exc
